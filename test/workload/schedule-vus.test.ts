/**
 * Closed-model VU plans on simulated time: how many VUs run when (k6's linear ramps), iteration
 * budgets, time limits, segments and the actions iterations run.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lync2013 } from '../../src/model/lync2013.js';
import type { ResolvedScenario } from '../../src/scenario/resolved.js';
import { applyRunOverrides, type RunOverrides } from '../../src/scenario/run-overrides.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { modelStreams } from '../../src/workload/mix.js';
import { buildSchedule } from '../../src/workload/schedule/build.js';
import type { VuPlan } from '../../src/workload/schedule/vu-plan.js';

function plan(executor: Record<string, unknown>, overrides: RunOverrides = {}): VuPlan {
  const resolved: ResolvedScenario = applyRunOverrides(
    validateScenario(
      {
        description: 'vu test',
        model: lync2013,
        seed: 3,
        options: { scenarios: { closed: executor } },
      },
      'vus.ts',
    ),
    overrides,
  );
  const { vuPlans, arrivals } = buildSchedule(resolved);
  assert.ok(arrivals.done, 'a closed-model executor schedules no arrivals');
  assert.equal(vuPlans.length, 1);
  return vuPlans[0] as VuPlan;
}

/** Runs every VU's iterations back to back at time t until the plan stops giving work. */
function drain(p: VuPlan, tMs: number): number[] {
  const perVu = new Array<number>(p.maxVUs).fill(0);
  for (let progress = true; progress;) {
    progress = false;
    for (let vu = 0; vu < p.maxVUs; vu++) {
      if (p.nextIteration(vu, tMs) !== null) {
        perVu[vu] = (perVu[vu] as number) + 1;
        progress = true;
      }
    }
  }
  return perVu;
}

describe('constant-vus', () => {
  test('runs its VUs from startTime for duration, each iteration the exec action', () => {
    const p = plan({
      executor: 'constant-vus',
      exec: 'search',
      vus: 4,
      duration: '30s',
      startTime: '10s',
    });
    assert.deepEqual(
      [p.vusAt(9_999), p.vusAt(10_000), p.vusAt(39_999), p.vusAt(40_000)],
      [0, 4, 4, 0],
    );
    assert.deepEqual(p.nextIteration(3, 20_000), {
      action: 'search',
      roomClass: null,
      scenarioIndex: 0,
    });
    assert.equal(p.nextIteration(4, 20_000), null, 'VU 4 does not exist');
    assert.equal(p.nextIteration(0, 5_000), null, 'not before startTime');
    assert.equal(p.nextIteration(0, 40_000), null, 'not after the end');
    assert.deepEqual([p.isDone(39_999), p.isDone(40_000)], [false, true]);
    assert.equal(p.iterationBudget, null);
    assert.deepEqual([p.startMs, p.endMs, p.gracefulStopMs], [10_000, 40_000, 30_000]);
  });
});

describe('ramping-vus', () => {
  const ramp = {
    executor: 'ramping-vus',
    startVUs: 0,
    stages: [
      { target: 10, duration: '10s' },
      { target: 10, duration: '5s' },
      { target: 0, duration: '10s' },
    ],
    gracefulRampDown: '2s',
  };

  test('interpolates linearly, changing when the line crosses a whole VU (as k6)', () => {
    const p = plan(ramp);
    const at = (s: number): number => p.vusAt(s * 1000);
    assert.deepEqual([at(0), at(0.999), at(1), at(2.5), at(9.999), at(10)], [0, 0, 1, 2, 9, 10]);
    assert.deepEqual([at(12), at(15), at(15.001), at(17.5), at(24.999)], [10, 10, 10, 8, 1]);
    assert.equal(at(25), 0, 'the executor has ended');
    assert.equal(p.maxVUs, 10);
    assert.equal(p.gracefulRampDownMs, 2000);
  });

  test('a VU above the current count gets no iteration', () => {
    const p = plan(ramp);
    assert.notEqual(p.nextIteration(2, 3_000), null);
    assert.equal(p.nextIteration(3, 3_000), null);
    assert.notEqual(p.nextIteration(3, 4_000), null);
  });

  test('a zero-length stage jumps at once', () => {
    const p = plan({
      executor: 'ramping-vus',
      startVUs: 2,
      stages: [
        { target: 6, duration: '0s' },
        { target: 6, duration: '5s' },
      ],
    });
    assert.deepEqual([p.vusAt(0), p.vusAt(4_999)], [6, 6]);
  });
});

describe('iteration executors', () => {
  test('per-vu-iterations: each VU runs exactly its iterations, then the executor is done', () => {
    const p = plan({ executor: 'per-vu-iterations', exec: 'history', vus: 3, iterations: 4 });
    assert.equal(p.iterationBudget, 12);
    assert.deepEqual(drain(p, 1_000), [4, 4, 4]);
    assert.equal(p.isDone(1_000), true);
    assert.equal(p.vusAt(1_000), 0, 'no VU runs once the budget is spent');
  });

  test('shared-iterations: the VUs share one budget, whoever asks', () => {
    const p = plan({ executor: 'shared-iterations', vus: 3, iterations: 10 });
    assert.equal(p.iterationBudget, 10);
    assert.equal(
      drain(p, 0).reduce((a, b) => a + b, 0),
      10,
    );
    assert.equal(p.isDone(0), true);
  });

  test('maxDuration stops iterations that the budget would still allow', () => {
    const p = plan({ executor: 'per-vu-iterations', vus: 2, iterations: 1000, maxDuration: '1s' });
    assert.notEqual(p.nextIteration(0, 999), null);
    assert.equal(p.nextIteration(0, 1000), null);
    assert.equal(p.isDone(1000), true);
  });
});

describe('segments of closed-model executors', () => {
  test('VUs and shared iterations split so the segments add up to the whole', () => {
    const shared = { executor: 'shared-iterations', vus: 10, iterations: 100 };
    const parts = [0, 1, 2].map((i) => plan(shared, { segment: `${i}/3` }));
    assert.deepEqual(
      parts.map((p) => p.maxVUs),
      [4, 3, 3],
    );
    assert.deepEqual(
      parts.map((p) => p.iterationBudget),
      [34, 33, 33],
    );
    assert.equal(
      parts.map((p) => drain(p, 0).reduce((a, b) => a + b, 0)).reduce((a, b) => a + b, 0),
      100,
    );
  });

  test('ramping VU counts of the segments add up to the whole at every moment', () => {
    const ramp = {
      executor: 'ramping-vus',
      startVUs: 1,
      stages: [
        { target: 17, duration: '16s' },
        { target: 3, duration: '7s' },
      ],
    };
    const whole = plan(ramp);
    const parts = [0, 1, 2].map((i) => plan(ramp, { segment: `${i}/3` }));
    for (let t = 0; t < 23_000; t += 250) {
      assert.equal(
        parts.reduce((sum, p) => sum + p.vusAt(t), 0),
        whole.vusAt(t),
        `at ${t} ms`,
      );
    }
  });
});

describe('what iterations run', () => {
  test("exec: 'model' draws actions in the proportions of the model's mix", () => {
    const p = plan({
      executor: 'shared-iterations',
      vus: 1,
      iterations: 200_000,
      maxDuration: '1h',
    });
    const counts = new Map<string, number>();
    for (let it = p.nextIteration(0, 0); it !== null; it = p.nextIteration(0, 0)) {
      const key = `${it.action}/${it.roomClass ?? '-'}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const streams = modelStreams(lync2013);
    const total = streams.reduce((sum, s) => sum + s.ratePerS, 0);
    for (const s of streams.filter((x) => x.ratePerS / total > 0.02)) {
      const expected = (200_000 * s.ratePerS) / total;
      const got = counts.get(`${s.action}/${s.roomClass ?? '-'}`) ?? 0;
      assert.ok(
        Math.abs(got - expected) / expected < 0.03,
        `${s.action}/${s.roomClass}: ${got} vs ${expected}`,
      );
    }
  });

  test('each VU draws the same actions whatever order the pool asks in', () => {
    const sequence = (order: number[]): string[][] => {
      const p = plan({ executor: 'per-vu-iterations', vus: 3, iterations: 20 });
      const perVu: string[][] = [[], [], []];
      for (let round = 0; round < 20; round++) {
        for (const vu of order) perVu[vu]?.push(p.nextIteration(vu, 0)?.action ?? 'none');
      }
      return perVu;
    };
    const forward = sequence([0, 1, 2]);
    assert.deepEqual(sequence([2, 0, 1]), forward);
    assert.ok(new Set(forward.flat()).size > 2, 'the model mix yields several actions');
  });

  test('posts without a class get one; a fixed class is kept', () => {
    const drawn = plan({ executor: 'per-vu-iterations', exec: 'post', vus: 1, iterations: 50 });
    const classes = new Set<string | null>();
    for (let it = drawn.nextIteration(0, 0); it !== null; it = drawn.nextIteration(0, 0))
      classes.add(it.roomClass);
    assert.ok(!classes.has(null) && classes.has('small'));
    const fixed = plan({
      executor: 'constant-vus',
      exec: 'post',
      roomClass: 'medium',
      duration: '1s',
    });
    assert.equal(fixed.nextIteration(0, 0)?.roomClass, 'medium');
  });
});
