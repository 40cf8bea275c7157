import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { lync2013 } from '../../src/model/lync2013.js';
import type { ResolvedScenario } from '../../src/scenario/resolved.js';
import { applyRunOverrides } from '../../src/scenario/run-overrides.js';
import { plannedDurationMs } from '../../src/scenario/timeline.js';
import { validateScenario } from '../../src/scenario/validate.js';

function morningThenSteady(): ResolvedScenario {
  return validateScenario(
    {
      description: 'ramp then plateau',
      model: lync2013,
      options: {
        scenarios: {
          morning: {
            executor: 'ramping-arrival-rate',
            exec: 'signin',
            stages: [
              { target: 10, duration: '1m' },
              { target: 10, duration: '0s' },
            ],
          },
          steady: { executor: 'constant-arrival-rate', duration: '4m', startTime: '1m' },
          batch: { executor: 'shared-iterations', vus: 2, iterations: 40, maxDuration: '2m30s' },
        },
      },
    },
    'x.ts',
  );
}

describe('applyRunOverrides --duration', () => {
  test('rescales every phase in proportion so the run ends at the given duration', () => {
    const original = morningThenSteady();
    assert.equal(plannedDurationMs(original), 300_000);
    const shorter = applyRunOverrides(original, { duration: '1m' });
    assert.equal(plannedDurationMs(shorter), 60_000);
    const [morning, steady, batch] = shorter.executors;
    assert.ok(morning?.executor === 'ramping-arrival-rate');
    assert.deepEqual(
      morning.stages.map((s) => s.durationMs),
      [12_000, 0],
    );
    assert.deepEqual(
      morning.stages.map((s) => s.target),
      [10, 10],
      'rates are unchanged',
    );
    assert.ok(steady?.executor === 'constant-arrival-rate');
    assert.deepEqual(
      [steady.startTimeMs, steady.durationMs, steady.gracefulStopMs],
      [12_000, 48_000, 30_000],
    );
    assert.ok(batch?.executor === 'shared-iterations');
    assert.deepEqual([batch.maxDurationMs, batch.iterations, batch.vus], [30_000, 40, 2]);
    assert.equal(plannedDurationMs(original), 300_000, 'the input is not changed');
  });

  test('a single constant executor simply gets the duration', () => {
    const one = validateScenario(
      {
        description: 'one',
        model: lync2013,
        options: { scenarios: { s: { executor: 'constant-vus', duration: '10m' } } },
      },
      'x.ts',
    );
    const [s] = applyRunOverrides(one, { duration: '90s' }).executors;
    assert.ok(s?.executor === 'constant-vus' && s.durationMs === 90_000);
    const [fromMs] = applyRunOverrides(one, { duration: 2500 }).executors;
    assert.ok(fromMs?.executor === 'constant-vus' && fromMs.durationMs === 2500);
  });
});

describe('applyRunOverrides: other flags', () => {
  test('scale, seed, workers and segment are parsed and recorded', () => {
    const applied = applyRunOverrides(morningThenSteady(), {
      scale: '50x',
      seed: '77',
      workers: '2',
      segment: '1/3',
    });
    assert.equal(applied.scale, 50);
    assert.equal(applied.seed, 77);
    assert.equal(applied.workers, 2);
    assert.deepEqual(applied.segment, { index: 1, count: 3 });
    const untouched = applyRunOverrides(morningThenSteady(), {});
    assert.deepEqual(
      [untouched.scale, untouched.seed, untouched.workers, untouched.segment],
      [1, 1, null, { index: 0, count: 1 }],
    );
    assert.equal(applyRunOverrides(morningThenSteady(), { scale: 0.5 }).scale, 0.5);
  });

  const bad: [string, Parameters<typeof applyRunOverrides>[1], RegExp][] = [
    ['--duration', { duration: 'soon' }, /"soon" is not a duration/],
    ['--duration', { duration: '0s' }, /must be longer than 0s/],
    ['--scale', { scale: '-2' }, /must be a positive multiple/],
    ['--scale', { scale: 0 }, /must be a positive multiple .* \(got 0\)/],
    ['--scale', { scale: 'fast' }, /must be a positive multiple .* \(got "fast"\)/],
    ['--seed', { seed: '1.5' }, /must be a whole number from 0 to 4294967295/],
    ['--seed', { seed: 2 ** 32 }, /must be a whole number from 0 to 4294967295/],
    ['--workers', { workers: '0' }, /must be a whole number from 1 to 1024 \(got "0"\)/],
    ['--segment', { segment: '3/3' }, /must be I\/N with 0 <= I < N/],
    ['--segment', { segment: '1-3' }, /must be I\/N with 0 <= I < N, e.g. 0\/3 \(got "1-3"\)/],
    ['--segment', { segment: '0/0' }, /must be I\/N/],
  ];
  for (const [flag, overrides, message] of bad) {
    test(`${flag} ${JSON.stringify(Object.values(overrides)[0])} is rejected naming the flag`, () => {
      assert.throws(
        () => applyRunOverrides(morningThenSteady(), overrides),
        (error: unknown) =>
          error instanceof InputError && error.where === flag && message.test(error.message),
      );
    });
  }
});
