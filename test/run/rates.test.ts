/**
 * Rate accuracy through the whole pipeline (generator -> schedule -> pool -> null: target ->
 * recorders -> aggregate -> results), on simulated time with a fixed seed: what the workers
 * completed per op must match what the model demands at the scale asked for.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { models } from '../../src/model/index.js';
import { defineScenario } from '../../src/scenario/define.js';
import type { Duration } from '../../src/scenario/types.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { startRun } from '../../src/run/run.js';
import { expectedTxPerS } from '../../src/workload/mix.js';
import { OPS } from '../../src/core/vocabulary.js';

function steadyModelScenario(scale: number, duration: Duration) {
  const definition = defineScenario({
    description: 'the documented model at its rates',
    model: models.lync2013,
    seed: 2013,
    options: {
      scenarios: {
        steady: {
          executor: 'constant-arrival-rate',
          exec: 'model',
          duration,
          preAllocatedVUs: 1_000_000,
        },
      },
    },
  });
  return { ...validateScenario(definition, 'rates.test.ts', {}), scale };
}

async function achievedRates(scale: number, duration: Duration, seconds: number) {
  const scenario = steadyModelScenario(scale, duration);
  const { results, failure } = await startRun(
    {
      scenario,
      target: 'null:',
      complianceTarget: null,
      defaultStore: false,
      workers: 2,
      tracePath: null,
      virtualStepMs: 1000,
    },
    () => undefined,
  ).done;
  assert.equal(failure, null);
  assert.equal(results.dropped, 0);
  assert.equal(results.run.status, 'completed');
  assert.ok(Math.abs(results.run.durationS - seconds) < 0.1, `${results.run.durationS}`);
  const expected = expectedTxPerS(scenario.model);
  for (const op of OPS) {
    const want = (expected[op] ?? 0) * scale;
    if (op === 'compliance' || want === 0) continue;
    const got = (results.ops[op]?.count ?? 0) / seconds;
    assert.ok(
      Math.abs(got - want) <= 0.01 * want,
      `${op}: achieved ${got.toFixed(3)}/s, target ${want.toFixed(3)}/s`,
    );
  }
  return results;
}

describe('achieved rates on null: through the pool (simulated time)', () => {
  it('match the documented model within 1 % at 1×', async () => {
    const results = await achievedRates(1, '10m', 600);
    assert.ok((results.ops.post?.count ?? 0) > 14_000);
  });

  it('match the documented model within 1 % at 50×', async () => {
    const results = await achievedRates(50, '20s', 20);
    assert.ok((results.ops.post?.count ?? 0) > 23_000);
  });
});
