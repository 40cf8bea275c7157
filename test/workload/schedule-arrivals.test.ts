/**
 * Open-model schedules on simulated time: counts, spacing, ramps, the model's mix at 1× and 50×,
 * segments and determinism. No clock is read; the test asks for arrivals up to chosen times.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lync2013 } from '../../src/model/lync2013.js';
import type { ResolvedScenario } from '../../src/scenario/resolved.js';
import { applyRunOverrides, type RunOverrides } from '../../src/scenario/run-overrides.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { modelStreams } from '../../src/workload/mix.js';
import { buildSchedule } from '../../src/workload/schedule/build.js';

interface Arrival {
  at: number;
  action: string;
  roomClass: string | null;
  scenario: number;
}

function scenario(
  executors: Record<string, unknown>,
  overrides: RunOverrides = {},
  seed = 1,
): ResolvedScenario {
  const resolved = validateScenario(
    { description: 'schedule test', model: lync2013, seed, options: { scenarios: executors } },
    'schedule.ts',
  );
  return applyRunOverrides(resolved, overrides);
}

function allArrivals(s: ResolvedScenario, untilMs = Infinity): Arrival[] {
  const out: Arrival[] = [];
  buildSchedule(s).arrivals.nextBatchUntil(untilMs, (at, action, roomClass, scenarioIndex) => {
    out.push({ at, action, roomClass, scenario: scenarioIndex });
  });
  return out;
}

/** Counts per `action/roomClass`, without keeping the arrivals (for long simulated runs). */
function countByStream(s: ResolvedScenario): Map<string, number> {
  const counts: Record<string, Record<string, number>> = {};
  let previous = -Infinity;
  let outOfOrder = 0;
  buildSchedule(s).arrivals.nextBatchUntil(Infinity, (at, action, roomClass) => {
    if (at < previous) outOfOrder++;
    previous = at;
    const byClass = (counts[action] ??= {});
    const c = roomClass ?? '-';
    byClass[c] = (byClass[c] ?? 0) + 1;
  });
  assert.equal(outOfOrder, 0, 'arrivals come in time order');
  const flat = new Map<string, number>();
  for (const [action, byClass] of Object.entries(counts)) {
    for (const [c, n] of Object.entries(byClass)) flat.set(`${action}/${c}`, n);
  }
  return flat;
}

describe('constant-arrival-rate', () => {
  test('gives exactly rate × duration arrivals, evenly spaced from the start time (k6)', () => {
    const arrivals = allArrivals(
      scenario({
        s: {
          executor: 'constant-arrival-rate',
          exec: 'post',
          roomClass: 'small',
          rate: 10,
          duration: '1m',
          startTime: '5s',
        },
      }),
    );
    assert.equal(arrivals.length, 600);
    arrivals.forEach((a, k) => {
      assert.ok(Math.abs(a.at - (5000 + k * 100)) < 1e-6, `arrival ${k} at ${a.at}`);
      assert.equal(a.action, 'post');
      assert.equal(a.roomClass, 'small');
    });
  });

  test('rate is per timeUnit, and --scale multiplies it', () => {
    const perMinute = allArrivals(
      scenario({
        s: {
          executor: 'constant-arrival-rate',
          exec: 'search',
          rate: 30,
          timeUnit: '1m',
          duration: '10m',
        },
      }),
    );
    assert.equal(perMinute.length, 300);
    assert.ok(Math.abs((perMinute[1] as Arrival).at - 2000) < 1e-6);
    const scaled = allArrivals(
      scenario(
        {
          s: {
            executor: 'constant-arrival-rate',
            exec: 'search',
            rate: 30,
            timeUnit: '1m',
            duration: '10m',
          },
        },
        { scale: 2.5 },
      ),
    );
    assert.equal(scaled.length, 750);
  });

  test('a fractional total rounds up: arrivals start at 0 and stop before the end', () => {
    const arrivals = allArrivals(
      scenario({
        s: { executor: 'constant-arrival-rate', exec: 'refresh', rate: 3, duration: '1s' },
      }),
    );
    assert.equal(arrivals.length, 3);
    const odd = allArrivals(
      scenario({
        s: { executor: 'constant-arrival-rate', exec: 'refresh', rate: 3, duration: '1100ms' },
      }),
    );
    assert.equal(odd.length, 4, '3.3 expected arrivals: positions 0, 1, 2, 3 fall inside');
    assert.ok((odd[3] as Arrival).at < 1100);
  });
});

describe('ramping-arrival-rate', () => {
  const ramp = {
    executor: 'ramping-arrival-rate',
    exec: 'signin',
    startRate: 0,
    stages: [
      { target: 10, duration: '1m' },
      { target: 10, duration: '1m' },
      { target: 0, duration: '30s' },
    ],
  };
  /** Integral of the rate from 0 to t seconds (the planned count by then). */
  function planned(tS: number): number {
    if (tS <= 60) return (10 * tS * tS) / (2 * 60);
    if (tS <= 120) return 300 + 10 * (tS - 60);
    const down = tS - 120;
    return 900 + 10 * down - (10 * down * down) / (2 * 30);
  }

  test('the total is the integral of the linearly interpolated rate', () => {
    const arrivals = allArrivals(scenario({ r: ramp }));
    assert.equal(arrivals.length, planned(150));
    assert.equal(arrivals.length, 1050);
  });

  test('arrivals by any time follow the integral to within one', () => {
    const arrivals = allArrivals(scenario({ r: ramp }));
    for (let tS = 1; tS <= 150; tS += 1.5) {
      const count = arrivals.filter((a) => a.at < tS * 1000).length;
      assert.ok(
        Math.abs(count - planned(tS)) <= 1,
        `at ${tS}s: ${count} arrivals vs ${planned(tS)} planned`,
      );
    }
  });

  test('the flat stage is evenly spaced at the stage rate', () => {
    const flat = allArrivals(scenario({ r: ramp })).filter((a) => a.at >= 61_000 && a.at < 119_000);
    for (let i = 1; i < flat.length; i++) {
      const gap = (flat[i] as Arrival).at - (flat[i - 1] as Arrival).at;
      assert.ok(Math.abs(gap - 100) < 1e-6, `gap ${gap}`);
    }
  });

  test('with exec model, targets are multiples of the model: ramping to 1 gives half the rate on average', () => {
    const counts = countByStream(
      scenario({
        m: {
          executor: 'ramping-arrival-rate',
          startRate: 0,
          stages: [{ target: 1, duration: '10m' }],
        },
      }),
    );
    for (const stream of modelStreams(lync2013)) {
      const expected = stream.ratePerS * 600 * 0.5;
      const got = counts.get(`${stream.action}/${stream.roomClass ?? '-'}`) ?? 0;
      assert.ok(
        Math.abs(got - expected) <= 1,
        `${stream.action}/${stream.roomClass}: ${got} vs ${expected}`,
      );
    }
  });
});

describe("exec: 'model'", () => {
  for (const scale of [1, 50]) {
    test(`at ${scale}× over a simulated hour, every stream of the mix is within 1 % of its rate`, () => {
      const counts = countByStream(
        scenario({ steady: { executor: 'constant-arrival-rate', duration: '1h' } }, { scale }),
      );
      const streams = modelStreams(lync2013);
      assert.equal(counts.size, streams.length, 'one stream per ActionStream, nothing else');
      for (const stream of streams) {
        const expected = stream.ratePerS * scale * 3600;
        const got = counts.get(`${stream.action}/${stream.roomClass ?? '-'}`) ?? 0;
        assert.ok(
          Math.abs(got - expected) / expected < 0.01,
          `${stream.action}/${stream.roomClass}: ${got} vs ${expected}`,
        );
      }
    });
  }

  test('streams get seeded phases, so equal-rate streams do not arrive together', () => {
    const arrivals = allArrivals(
      scenario({ steady: { executor: 'constant-arrival-rate', duration: '10s' } }),
    );
    const firstSignin = arrivals.find((a) => a.action === 'signin');
    const firstSignout = arrivals.find((a) => a.action === 'signout');
    assert.ok(firstSignin !== undefined && firstSignout !== undefined);
    assert.notEqual(
      firstSignin.at,
      firstSignout.at,
      'signin and signout share a rate but not a phase',
    );
    assert.ok(
      firstSignin.at < 100 && firstSignout.at < 100,
      'phases lie within the first gap (10/s)',
    );
  });
});

describe('the merged schedule', () => {
  const mixed = {
    morning: {
      executor: 'ramping-arrival-rate',
      exec: 'signin',
      stages: [{ target: 20, duration: '20s' }],
    },
    steady: { executor: 'constant-arrival-rate', duration: '30s', startTime: '10s', rate: 2 },
    posts: {
      executor: 'constant-arrival-rate',
      exec: 'post',
      rate: 50,
      duration: '25s',
      startTime: '3s',
    },
  };

  test('arrivals of all executors come in time order, each tagged with its executor', () => {
    const arrivals = allArrivals(scenario(mixed));
    for (let i = 1; i < arrivals.length; i++)
      assert.ok((arrivals[i] as Arrival).at >= (arrivals[i - 1] as Arrival).at);
    assert.deepEqual(new Set(arrivals.map((a) => a.scenario)), new Set([0, 1, 2]));
    const steady = arrivals.filter((a) => a.scenario === 1);
    assert.ok(steady.every((a) => a.at >= 10_000 && a.at < 40_000));
    assert.ok(
      arrivals
        .filter((a) => a.scenario === 2)
        .every((a) => a.action === 'post' && a.roomClass !== null),
    );
  });

  test('asking in pieces (and with a batch limit) gives the same arrivals as asking once', () => {
    const whole = allArrivals(scenario(mixed));
    const schedule = buildSchedule(scenario(mixed)).arrivals;
    const pieces: Arrival[] = [];
    for (let t = 0; !schedule.done; t += 137) {
      while (
        schedule.nextBatchUntil(
          t,
          (at, action, roomClass, s) => pieces.push({ at, action, roomClass, scenario: s }),
          64,
        ) === 64
      );
      assert.ok(schedule.nextAt >= t, 'nothing intended before t is left behind');
    }
    assert.deepEqual(pieces, whole);
    assert.equal(schedule.emittedCount, whole.length);
  });

  test('plannedCount matches what is handed out', () => {
    const schedule = buildSchedule(scenario(mixed)).arrivals;
    const planned = schedule.plannedCount;
    assert.equal(
      schedule.nextBatchUntil(Infinity, () => undefined),
      planned,
    );
  });

  test('segments 0/3, 1/3 and 2/3 partition the arrivals exactly', () => {
    const key = (a: Arrival): string => `${a.at}|${a.action}|${a.roomClass}|${a.scenario}`;
    const whole = allArrivals(scenario(mixed)).map(key);
    const parts = [0, 1, 2].map((i) =>
      allArrivals(scenario(mixed, { segment: `${i}/3` })).map(key),
    );
    assert.equal(
      parts.reduce((n, p) => n + p.length, 0),
      whole.length,
    );
    for (const part of parts)
      assert.ok(part.length > 0 && Math.abs(part.length - whole.length / 3) <= 15);
    assert.deepEqual([...parts.flat()].sort(), [...whole].sort());
  });

  test('the same seed gives the same arrivals; another seed moves the model streams', () => {
    const model = { steady: { executor: 'constant-arrival-rate', duration: '20s' } };
    assert.deepEqual(allArrivals(scenario(model, {}, 5)), allArrivals(scenario(model, {}, 5)));
    assert.notDeepEqual(allArrivals(scenario(model, {}, 5)), allArrivals(scenario(model, {}, 6)));
  });

  test('posts without a class are spread over classes by the model chat rates', () => {
    const counts = countByStream(
      scenario({
        p: { executor: 'constant-arrival-rate', exec: 'post', rate: 1000, duration: '100s' },
      }),
    );
    const total = 100_000;
    const rates = lync2013.roomClasses;
    const sum = rates.small.chatRatePerS + rates.medium.chatRatePerS + rates.large.chatRatePerS;
    for (const [c, tolerance] of [
      ['small', 0.01],
      ['medium', 0.05],
      ['large', 0.2],
    ] as const) {
      const expected = (total * rates[c].chatRatePerS) / sum;
      const got = counts.get(`post/${c}`) ?? 0;
      assert.ok(Math.abs(got - expected) / expected < tolerance, `${c}: ${got} vs ${expected}`);
    }
  });

  test('the schedule reports the planned duration with and without graceful stops', () => {
    const schedule = buildSchedule(scenario(mixed));
    assert.equal(schedule.plannedDurationMs, 40_000);
    assert.equal(schedule.plannedDurationWithGraceMs, 70_000);
  });
});
