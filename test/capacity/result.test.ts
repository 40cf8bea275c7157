/**
 * The capacity result built from a search over a synthetic database whose throughput follows a
 * known curve: the answer, what limited it, the bottleneck of the deciding step, the model fit.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CAPACITY_SCHEMA,
  buildCapacityResult,
  stepVerdict,
  type CapacityStep,
} from '../../src/capacity/result.js';
import { runSearch, type SearchSettings } from '../../src/capacity/search.js';
import { uslThroughput } from '../../src/capacity/usl.js';
import type { Bottleneck } from '../../src/evidence/verdict.js';

const MODEL_USERS = 80_000;
const SETTINGS: SearchSettings = { from: 1, max: 64, precision: 0.05, repeats: 1 };
const TRUTH = { lambda: 40, sigma: 0.02, kappa: 0.0004 };

const quiet: Bottleneck = {
  kind: 'no server limit',
  verdict: 'no server resource limit',
  evidence: ['0.01 tasks waiting on average'],
  also: [],
};
const logBound: Bottleneck = {
  kind: 'log flush',
  verdict: 'log flush bound',
  evidence: ['WRITELOG 64 % of wait time'],
  also: [],
};

/** A step at `multiple`: it passes while the database completes 99 % of what is offered. */
function step(
  multiple: number,
  generatorBoundFrom = Infinity,
): CapacityStep & { verdict: ReturnType<typeof stepVerdict> } {
  const offered = TRUTH.lambda * multiple;
  const completed = Math.min(offered, uslThroughput(TRUTH, multiple));
  const pass = completed >= 0.99 * offered;
  const generatorBound = multiple >= generatorBoundFrom;
  const s: CapacityStep = {
    multiple,
    phase: 'ramp',
    offeredTxPerS: offered,
    completedTxPerS: completed,
    dropped: 0,
    failed: 0,
    pass,
    generatorBound,
    reasons: pass ? [] : [`completed ${((100 * completed) / offered).toFixed(1)} % of offered`],
    limitedBy: pass
      ? null
      : { slo: 'completed ≥ 99 % of offered', op: null, observed: completed / offered },
    ops: { post: { p50: 4, p95: 9, p99: 20 } },
    rowsAdded: Math.round(completed * 60),
    evidence: {
      server: { kind: 'none', reason: 'synthetic' },
      generator: null,
      bottleneck: pass ? quiet : logBound,
    },
  };
  return { ...s, verdict: stepVerdict(s) };
}

describe('capacity result', () => {
  it('answers with the largest passing multiple, what failed first, the bottleneck and a model', async () => {
    const { state, outcomes, interrupted } = await runSearch(SETTINGS, {
      runStep: async (m) => step(m),
    });
    const result = buildCapacityResult({
      state,
      steps: outcomes,
      modelConcurrentUsers: MODEL_USERS,
      interrupted,
    });
    assert.equal(result.schema, CAPACITY_SCHEMA);
    // The curve completes less than 99 % of the offered load beyond about 1.49×.
    const max = result.maxMultiple as number;
    const first = result.firstFailingMultiple as number;
    assert.ok(step(max).pass && !step(first).pass);
    assert.ok(max > 1.4 && max < 1.49 && first > 1.49, `${max}..${first}`);
    assert.ok((first - max) / max < 0.05);
    assert.equal(result.maxConcurrentUsers, Math.floor(max * MODEL_USERS));
    assert.deepEqual(
      result.limitedBy && typeof result.limitedBy === 'object' ? result.limitedBy.slo : null,
      'completed ≥ 99 % of offered',
    );
    assert.deepEqual(result.bottleneck, {
      verdict: 'log flush bound',
      evidence: ['WRITELOG 64 % of wait time'],
    });
    assert.equal(result.noisy, false);
    assert.equal(result.search.stop, 'precision');
    assert.ok(result.search.steps <= result.search.stepBound);
    assert.equal(result.steps.length, state.runs.length);
    assert.ok(result.usl.fitted, 'enough steps for the model');
  });

  it('says generator, never a database capacity, when a step was generator-bound', async () => {
    const { state, outcomes } = await runSearch(
      { ...SETTINGS, from: 0.125, max: 1 },
      { runStep: async (m) => step(m, 0.5) },
    );
    const result = buildCapacityResult({
      state,
      steps: outcomes,
      modelConcurrentUsers: MODEL_USERS,
      interrupted: false,
    });
    assert.equal(result.limitedBy, 'generator');
    assert.equal(result.maxMultiple, 0.25);
    assert.equal(result.firstFailingMultiple, null);
    assert.equal(result.search.stop, 'generator');
  });

  it('keeps the bracket found so far when interrupted, marked as such', async () => {
    const controller = new AbortController();
    const { state, outcomes, interrupted } = await runSearch(SETTINGS, {
      signal: controller.signal,
      runStep: async (m) => {
        if (m > 1.2) controller.abort();
        return step(m);
      },
    });
    const result = buildCapacityResult({
      state,
      steps: outcomes,
      modelConcurrentUsers: MODEL_USERS,
      interrupted,
    });
    assert.equal(result.interrupted, true);
    assert.equal(result.search.stop, 'interrupted');
    assert.equal(result.maxMultiple, 1);
    assert.deepEqual(result.usl, {
      fitted: false,
      reason: 'a three-parameter model needs at least 4 steps at 3 or more multiples (have 1 at 1)',
    });
  });
});
