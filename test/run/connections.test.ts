/**
 * How a run sizes its SQL Server connections (--connections, the target text, the in-flight
 * limit up to ADO.NET's default 100), how it refuses what cannot work, and when it says the
 * connections were the limit for long — on simulated time.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { models } from '../../src/model/index.js';
import {
  ConnectionPressure,
  DEFAULT_MAX_CONNECTIONS,
  inFlightLimit,
  planConnections,
  PRESSURE_WARN_SECONDS,
} from '../../src/run/connections.js';
import { defineScenario } from '../../src/scenario/define.js';
import type { ExecutorConfig } from '../../src/scenario/types.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { parseTargetUrl } from '../../src/targets/url.js';

function scenario(executors: Record<string, ExecutorConfig>) {
  return validateScenario(
    defineScenario({
      description: 'connections',
      model: models.lync2013,
      seed: 1,
      options: { scenarios: executors },
    }),
    'connections.test.ts',
    {},
  );
}

const arrivals = (maxVUs: number): ExecutorConfig => ({
  executor: 'constant-arrival-rate',
  exec: 'post',
  rate: 10,
  duration: '10s',
  preAllocatedVUs: maxVUs,
  maxVUs,
});
const mssql = parseTargetUrl('mssql://u:p@h/db');

describe('run connections', () => {
  it('add up the executors’ in-flight limits', () => {
    const s = scenario({
      a: arrivals(30),
      b: { executor: 'constant-vus', exec: 'post', vus: 5, duration: '5s' },
      c: {
        executor: 'ramping-vus',
        exec: 'post',
        startVUs: 2,
        stages: [
          { target: 9, duration: '5s' },
          { target: 1, duration: '5s' },
        ],
      },
    });
    assert.equal(inFlightLimit(s), 30 + 5 + 9);
  });

  it('default to the in-flight limit, at most 100 and at least one per worker', () => {
    assert.equal(planConnections(scenario({ a: arrivals(30) }), mssql, 2, null), 30);
    assert.equal(
      planConnections(scenario({ a: arrivals(5_000) }), mssql, 2, null),
      DEFAULT_MAX_CONNECTIONS,
    );
    assert.equal(planConnections(scenario({ a: arrivals(1) }), mssql, 4, null), 4);
  });

  it('take --connections over the target text’s poolSize, and that over the default', () => {
    const s = scenario({ a: arrivals(30) });
    const withPoolSize = parseTargetUrl('mssql://u:p@h/db?poolSize=12');
    assert.equal(planConnections(s, withPoolSize, 2, null), 12);
    assert.equal(planConnections(s, withPoolSize, 2, 7), 7);
    const ado = parseTargetUrl('Server=h;Database=d;User Id=u;Password=p;Max Pool Size=6');
    assert.equal(planConnections(s, ado, 3, null), 6);
  });

  it('refuse fewer connections than workers, and --connections for other targets', () => {
    const s = scenario({ a: arrivals(30) });
    assert.throws(
      () => planConnections(s, mssql, 4, 3),
      (e: unknown) =>
        e instanceof InputError &&
        e.where === '--connections' &&
        /3 connection\(s\) for 4 workers/.test(e.message),
    );
    assert.throws(
      () => planConnections(s, parseTargetUrl('mssql://u:p@h/db?poolSize=1'), 2, null),
      (e: unknown) => e instanceof InputError && /poolSize/.test(e.where),
    );
    assert.throws(() => planConnections(s, parseTargetUrl('sqlite:x.db'), 2, 4), /SQL Server/);
    assert.equal(planConnections(s, parseTargetUrl('sqlite:x.db'), 2, null), null);
    assert.equal(planConnections(s, parseTargetUrl('null:'), 2, null), null);
  });
});

/** Feeds one sample per 10 ms of `inFlight` for `seconds` from `fromS`; returns the warnings. */
function feed(pressure: ConnectionPressure, fromS: number, seconds: number, inFlight: number) {
  const warnings: string[] = [];
  for (let ms = fromS * 1000; ms < (fromS + seconds) * 1000; ms += 10) {
    const warning = pressure.observe(ms, inFlight);
    if (warning !== null) warnings.push(warning);
  }
  return warnings;
}

describe('connection pressure', () => {
  it('warns once when in-flight work exceeds the connections for 5 s in a row', () => {
    const pressure = new ConnectionPressure(10);
    assert.deepEqual(feed(pressure, 0, 3, 25), []);
    assert.deepEqual(feed(pressure, 3, 1, 4), [], 'a calm second resets the stretch');
    const warnings = feed(pressure, 4, 8, 25);
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0] ?? '',
      /25 actions in flight on average over the last 5 s, more than the 10 connection/,
    );
    assert.equal(pressure.saturatedSeconds, 3 + 7);
    assert.equal(pressure.longestRunS, 7);
    assert.match(pressure.note() ?? '', /for 10 s \(longest stretch 7 s\).*Raise --connections/);
  });

  it('judges each second by its time-weighted mean, and says nothing about short peaks', () => {
    const pressure = new ConnectionPressure(10);
    // Each second: 400 ms at 20, 600 ms at 5: a mean of 11 > 10, though mostly below.
    for (let s = 0; s < PRESSURE_WARN_SECONDS + 1; s++) {
      feed(pressure, s, 0.4, 20);
      for (let ms = s * 1000 + 400; ms < (s + 1) * 1000; ms += 10) pressure.observe(ms, 5);
    }
    assert.equal(pressure.saturatedSeconds, PRESSURE_WARN_SECONDS);
    const calm = new ConnectionPressure(10);
    for (let s = 0; s < 20; s++) {
      feed(calm, s, 0.2, 30);
      for (let ms = s * 1000 + 200; ms < (s + 1) * 1000; ms += 10) calm.observe(ms, 5);
    }
    assert.equal(calm.saturatedSeconds, 0);
    assert.equal(calm.note(), null);
  });
});
