/**
 * The run pipeline's contracts beyond rates: closed-model executors through the real pool,
 * `--segment` runs that merge back into exactly the whole run, and traces that are valid SIP.
 * On `null:` and simulated time where the wall clock does not matter.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { mergeResults } from '../../src/metrics/results-file.js';
import { models } from '../../src/model/index.js';
import { startRun, type RunRequest } from '../../src/run/run.js';
import { applyRunOverrides } from '../../src/scenario/run-overrides.js';
import { defineScenario } from '../../src/scenario/define.js';
import type { ResolvedScenario } from '../../src/scenario/resolved.js';
import type { ExecutorConfig } from '../../src/scenario/types.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { parseSipRequest } from '../../src/sip/parse.js';
import { OPS } from '../../src/core/vocabulary.js';

let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatload-pipeline-'));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function scenario(executors: Record<string, ExecutorConfig>): ResolvedScenario {
  return validateScenario(
    defineScenario({
      description: 'pipeline test',
      model: {
        base: models.lync2013,
        overrides: {
          population: { provisionedUsers: 2_000, concurrentUsers: 1_000 },
          roomClasses: { large: { usersPerRoom: 500, usersWithGroupAccess: 500 } },
        },
      },
      seed: 5,
      options: { scenarios: executors },
    }),
    'pipeline.e2e.test.ts',
    {},
  );
}

function run(resolved: ResolvedScenario, extra: Partial<RunRequest> = {}) {
  return startRun(
    {
      scenario: resolved,
      target: 'null:',
      complianceTarget: null,
      defaultStore: false,
      workers: 2,
      tracePath: null,
      ...extra,
    },
    () => undefined,
  ).done;
}

function opCounts(results: Awaited<ReturnType<typeof run>>['results']): Record<string, number> {
  return Object.fromEntries(OPS.map((op) => [op, results.ops[op]?.count ?? 0]));
}

describe('run pipeline', () => {
  it('runs closed-model executors: per-VU and shared iteration budgets', async () => {
    const { results, failure } = await run(
      scenario({
        fixed: { executor: 'per-vu-iterations', exec: 'post', vus: 4, iterations: 25 },
        shared: { executor: 'shared-iterations', exec: 'history', vus: 3, iterations: 40 },
      }),
    );
    assert.equal(failure, null);
    assert.equal(results.ops.post?.count, 4 * 25);
    assert.equal(results.ops.history?.count, 40);
  });

  it('keeps the asked number of VUs looping, one action each at a time', async () => {
    const { results, failure } = await run(
      scenario({ steady: { executor: 'constant-vus', exec: 'post', vus: 4, duration: '3s' } }),
    );
    assert.equal(failure, null);
    const vus = results.breakdown?.vus['steady'] ?? [];
    assert.ok(vus.includes(4), `vus per second: ${vus.join(',')}`);
    assert.ok(
      vus.every((n) => n <= 4),
      `vus per second: ${vus.join(',')}`,
    );
    assert.ok((results.ops.post?.count ?? 0) > 100);
  });

  it('splits a run into segments that merge back into exactly the whole run', async () => {
    const whole = scenario({
      mix: { executor: 'constant-arrival-rate', exec: 'model', rate: 20, duration: '30s' },
    });
    const step = { virtualStepMs: 500 };
    const full = await run(whole, step);
    const parts = await Promise.all(
      ['0/3', '1/3', '2/3'].map(async (segment) => {
        const outcome = await run(applyRunOverrides(whole, { segment }), step);
        assert.equal(outcome.results.run.segment, segment);
        return { path: `${segment}.json`, results: outcome.results };
      }),
    );
    const merged = mergeResults(parts);
    assert.deepEqual(opCounts(merged), opCounts(full.results));
    assert.deepEqual(merged.sip, full.results.sip);
    assert.ok(Object.values(opCounts(full.results)).reduce((a, b) => a + b, 0) > 10_000);
  });

  it('traces every transaction as a valid SIP request', async () => {
    const tracePath = join(dir, 'trace.sip');
    const { results } = await run(
      scenario({
        signins: { executor: 'constant-arrival-rate', exec: 'signin', rate: 5, duration: '2s' },
        posts: { executor: 'constant-arrival-rate', exec: 'post', rate: 20, duration: '2s' },
      }),
      { tracePath, virtualStepMs: 100 },
    );
    const trace = await readFile(tracePath);
    const methods: Record<string, number> = {};
    let offset = 0;
    while (offset < trace.length) {
      const headerEnd = trace.indexOf('\r\n\r\n', offset);
      assert.ok(headerEnd > offset, `a header block at byte ${offset}`);
      const head = trace.subarray(offset, headerEnd).toString('utf8');
      const length = Number(/\r\nContent-Length: (\d+)/.exec(head)?.[1]);
      const end = headerEnd + 4 + length;
      const request = parseSipRequest(trace.subarray(offset, end).toString('utf8'));
      methods[request.method] = (methods[request.method] ?? 0) + 1;
      offset = end;
    }
    assert.deepEqual(methods, results.sip);
    assert.equal(methods['INVITE'], 10);
  });
});
