import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { compileThreshold } from '../../src/metrics/threshold-parser.js';
import { lync2013 } from '../../src/model/lync2013.js';
import type { ResolvedScenario } from '../../src/scenario/resolved.js';
import { validateScenario } from '../../src/scenario/validate.js';

const FILE = 'scenarios/x.ts';

function valid(): Record<string, unknown> {
  return {
    description: 'a test scenario',
    model: lync2013,
    options: {
      scenarios: {
        steady: { executor: 'constant-arrival-rate', exec: 'post', rate: 10, duration: '1m' },
      },
      thresholds: { 'tx_duration{op:post}': ['p(95)<100'] },
    },
  };
}

/** A valid scenario with one executor replaced. */
function withExecutor(executor: unknown): Record<string, unknown> {
  return { ...valid(), options: { scenarios: { steady: executor } } };
}

function rejects(value: unknown, where: string, problem: string | RegExp): void {
  assert.throws(
    () => validateScenario(value, FILE, { checkThreshold: compileThreshold }),
    (error: unknown) => {
      assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
      assert.equal(error.where, `${FILE}: ${where}`);
      const text = error.message.slice(error.where.length + 2);
      if (typeof problem === 'string') assert.equal(text, problem);
      else assert.match(text, problem);
      assert.equal(error.exitCode, 2);
      return true;
    },
  );
}

describe('validateScenario: defaults and resolution', () => {
  test('fills k6 defaults and converts durations to ms', () => {
    const resolved = validateScenario(
      {
        description: 'defaults',
        model: lync2013,
        options: {
          scenarios: {
            a: { executor: 'constant-arrival-rate', exec: 'signin', rate: 5, duration: '1m30s' },
            b: { executor: 'ramping-arrival-rate', stages: [{ target: 2, duration: '10s' }] },
            c: { executor: 'constant-vus', duration: '5s' },
            d: { executor: 'ramping-vus', stages: [{ target: 3, duration: '2s' }] },
            e: { executor: 'per-vu-iterations' },
            f: { executor: 'shared-iterations', vus: 2, iterations: 4, startTime: '250ms' },
          },
        },
      },
      'somewhere/defaults.scenario.ts',
    );
    assert.equal(resolved.name, 'defaults.scenario');
    assert.equal(resolved.seed, 1);
    assert.equal(resolved.compliance, false);
    assert.deepEqual(resolved.history, { preloadDays: 0 });
    assert.equal(resolved.initiallyOnline, 'concurrent');
    assert.deepEqual(resolved.target, { url: null, complianceUrl: null });
    assert.deepEqual(resolved.thresholds, []);
    assert.equal(resolved.scale, 1);
    assert.deepEqual(resolved.segment, { index: 0, count: 1 });
    const [a, b, c, d, e, f] = resolved.executors;
    assert.deepEqual(a, {
      name: 'a',
      index: 0,
      executor: 'constant-arrival-rate',
      exec: { kind: 'action', action: 'signin', roomClass: null },
      startTimeMs: 0,
      gracefulStopMs: 30_000,
      tags: {},
      rate: 5,
      timeUnitMs: 1000,
      durationMs: 90_000,
      preAllocatedVUs: 1000,
      maxVUs: 1000,
    });
    assert.ok(b?.executor === 'ramping-arrival-rate');
    assert.deepEqual(b.exec, { kind: 'model' });
    assert.equal(b.startRate, 0);
    assert.deepEqual(b.stages, [{ target: 2, durationMs: 10_000 }]);
    assert.ok(c?.executor === 'constant-vus' && c.vus === 1 && c.durationMs === 5000);
    assert.ok(d?.executor === 'ramping-vus' && d.startVUs === 1 && d.gracefulRampDownMs === 30_000);
    assert.ok(e?.executor === 'per-vu-iterations');
    assert.deepEqual([e.vus, e.iterations, e.maxDurationMs], [1, 1, 600_000]);
    assert.ok(f?.executor === 'shared-iterations' && f.startTimeMs === 250 && f.index === 5);
  });

  test('merges model overrides and validates the merged model', () => {
    const resolved: ResolvedScenario = validateScenario(
      {
        ...valid(),
        model: { base: lync2013, overrides: { population: { concurrentUsers: 20_000 } } },
      },
      FILE,
    );
    assert.equal(resolved.model.population.concurrentUsers, 20_000);
    assert.equal(resolved.model.population.provisionedUsers, 150_000);
    assert.notEqual(resolved.model.name, 'lync2013', 'an overridden model gets a derived name');
    assert.equal(lync2013.population.concurrentUsers, 80_000, 'the base is not mutated');
  });

  test('resolves thresholds, including the object form', () => {
    const resolved = validateScenario(
      {
        ...valid(),
        options: {
          scenarios: { s: { executor: 'constant-vus', duration: '1s' } },
          thresholds: {
            tx_failed: [{ threshold: 'rate<0.01', abortOnFail: true, delayAbortEval: '10s' }],
            'tx_duration{scenario:s}': ['p(99)<300', 'avg<50'],
          },
        },
      },
      FILE,
      { checkThreshold: compileThreshold },
    );
    assert.deepEqual(resolved.thresholds, [
      { metric: 'tx_failed', expr: 'rate<0.01', abortOnFail: true, delayAbortEvalMs: 10_000 },
      {
        metric: 'tx_duration{scenario:s}',
        expr: 'p(99)<300',
        abortOnFail: false,
        delayAbortEvalMs: 0,
      },
      {
        metric: 'tx_duration{scenario:s}',
        expr: 'avg<50',
        abortOnFail: false,
        delayAbortEvalMs: 0,
      },
    ]);
  });
});

describe('validateScenario: bad fields name the file, the field and what was expected', () => {
  const cases: [string, unknown, string, string | RegExp][] = [
    ['not an object', 42, 'default export', 'must be an object (got 42)'],
    [
      'unknown top-level key',
      { ...valid(), seeed: 3 },
      'seeed',
      "unknown option for a scenario (did you mean 'seed'?)",
    ],
    [
      'missing description',
      { ...valid(), description: undefined },
      'description',
      'must be a non-empty string (got nothing)',
    ],
    [
      'fractional seed',
      { ...valid(), seed: 1.5 },
      'seed',
      'must be a whole number from 0 to 4294967295 (got 1.5)',
    ],
    [
      'compliance as a string',
      { ...valid(), compliance: 'yes' },
      'compliance',
      'must be true or false (got "yes")',
    ],
    [
      'negative history',
      { ...valid(), history: { preloadDays: -1 } },
      'history.preloadDays',
      'must be a number >= 0 (got -1)',
    ],
    [
      'bad initiallyOnline',
      { ...valid(), initiallyOnline: 'nobody' },
      'initiallyOnline',
      /^unknown initial population 'nobody'/,
    ],
    [
      'empty target url',
      { ...valid(), target: { url: '' } },
      'target.url',
      'must be a non-empty string (got "")',
    ],
    [
      'missing options',
      { ...valid(), options: undefined },
      'options',
      'must be an object (got nothing)',
    ],
    [
      'no executors',
      { ...valid(), options: { scenarios: {} } },
      'options.scenarios',
      /must name at least one executor/,
    ],
    [
      'executor name with a space',
      {
        ...valid(),
        options: { scenarios: { 'my steady': { executor: 'constant-vus', duration: '1s' } } },
      },
      'options.scenarios.my steady',
      'scenario names may use only letters, digits, "_" and "-"',
    ],
    [
      'misspelt executor',
      withExecutor({ executor: 'constant-arival-rate', rate: 5, duration: '1m' }),
      'options.scenarios.steady.executor',
      "unknown executor 'constant-arival-rate' (did you mean 'constant-arrival-rate'?)",
    ],
    [
      'missing executor',
      withExecutor({ rate: 5, duration: '1m' }),
      'options.scenarios.steady.executor',
      /^must be one of 'constant-arrival-rate', .* \(got nothing\)$/,
    ],
    [
      'negative rate',
      withExecutor({ executor: 'constant-arrival-rate', exec: 'post', rate: -5, duration: '1m' }),
      'options.scenarios.steady.rate',
      'must be a positive number (got -5)',
    ],
    [
      'missing rate for a single action',
      withExecutor({ executor: 'constant-arrival-rate', exec: 'post', duration: '1m' }),
      'options.scenarios.steady.rate',
      'must be a positive number (got nothing)',
    ],
    [
      'rate on constant-vus',
      withExecutor({ executor: 'constant-vus', rate: 5, duration: '1m' }),
      'options.scenarios.steady.rate',
      'unknown option for constant-vus',
    ],
    [
      'misspelt option',
      withExecutor({
        executor: 'constant-arrival-rate',
        exec: 'post',
        rate: 1,
        timeunit: '1s',
        duration: '1m',
      }),
      'options.scenarios.steady.timeunit',
      "unknown option for constant-arrival-rate (did you mean 'timeUnit'?)",
    ],
    [
      'duration without unit',
      withExecutor({ executor: 'constant-vus', duration: '60' }),
      'options.scenarios.steady.duration',
      /^"60" is not a duration/,
    ],
    [
      'duration as a number',
      withExecutor({ executor: 'constant-vus', duration: 60 }),
      'options.scenarios.steady.duration',
      'must be a duration string such as "30s", "5m" or "1m30s" (got 60)',
    ],
    [
      'zero duration',
      withExecutor({ executor: 'constant-vus', duration: '0s' }),
      'options.scenarios.steady.duration',
      'must be longer than 0s (got "0s")',
    ],
    [
      'bad startTime',
      withExecutor({ executor: 'constant-vus', duration: '1s', startTime: 'soon' }),
      'options.scenarios.steady.startTime',
      /^"soon" is not a duration/,
    ],
    [
      'missing stages',
      withExecutor({ executor: 'ramping-arrival-rate', exec: 'signin', startRate: 1 }),
      'options.scenarios.steady.stages',
      'must be a non-empty array of { duration, target } stages',
    ],
    [
      'stage without target',
      withExecutor({ executor: 'ramping-arrival-rate', stages: [{ duration: '1m' }] }),
      'options.scenarios.steady.stages[0].target',
      'must be a number >= 0 (got nothing)',
    ],
    [
      'stages of zero length',
      withExecutor({ executor: 'ramping-vus', stages: [{ duration: '0s', target: 3 }] }),
      'options.scenarios.steady.stages',
      'must last longer than 0s in total',
    ],
    [
      'fractional VU target',
      withExecutor({ executor: 'ramping-vus', stages: [{ duration: '1s', target: 2.5 }] }),
      'options.scenarios.steady.stages[0].target',
      'must be a whole number from 0 to 2147483647 (got 2.5)',
    ],
    [
      'fractional vus',
      withExecutor({ executor: 'constant-vus', vus: 1.5, duration: '1s' }),
      'options.scenarios.steady.vus',
      'must be a whole number from 1 to 2147483647 (got 1.5)',
    ],
    [
      'zero iterations',
      withExecutor({ executor: 'per-vu-iterations', iterations: 0 }),
      'options.scenarios.steady.iterations',
      'must be a whole number from 1 to 2147483647 (got 0)',
    ],
    [
      'fewer shared iterations than VUs',
      withExecutor({ executor: 'shared-iterations', vus: 5, iterations: 3 }),
      'options.scenarios.steady.iterations',
      'must be at least vus (5) for shared-iterations (got 3)',
    ],
    [
      'maxVUs below preAllocatedVUs',
      withExecutor({
        executor: 'constant-arrival-rate',
        duration: '1m',
        preAllocatedVUs: 10,
        maxVUs: 5,
      }),
      'options.scenarios.steady.maxVUs',
      'must be at least preAllocatedVUs (10) (got 5)',
    ],
    [
      'unknown exec',
      withExecutor({ executor: 'constant-vus', exec: 'pots', duration: '1s' }),
      'options.scenarios.steady.exec',
      "unknown exec 'pots' (did you mean 'post'?)",
    ],
    [
      'roomClass with another action',
      withExecutor({ executor: 'constant-vus', exec: 'join', roomClass: 'small', duration: '1s' }),
      'options.scenarios.steady.roomClass',
      "is only allowed with exec: 'post' (got exec: 'join')",
    ],
    [
      'unknown room class',
      withExecutor({ executor: 'constant-vus', exec: 'post', roomClass: 'huge', duration: '1s' }),
      'options.scenarios.steady.roomClass',
      /^unknown room class 'huge'/,
    ],
    [
      'timeUnit with the model',
      withExecutor({ executor: 'constant-arrival-rate', timeUnit: '1s', duration: '1m' }),
      'options.scenarios.steady.timeUnit',
      /^is not allowed with exec: 'model'/,
    ],
    [
      'reserved tag',
      withExecutor({ executor: 'constant-vus', duration: '1s', tags: { op: 'x' } }),
      'options.scenarios.steady.tags.op',
      'is set by chatload on every sample; choose another tag name',
    ],
    [
      'unknown threshold metric',
      {
        ...valid(),
        options: { ...(valid()['options'] as object), thresholds: { tx_duraton: ['p(95)<1'] } },
      },
      'options.thresholds["tx_duraton"]',
      "unknown metric 'tx_duraton' (did you mean 'tx_duration'?)",
    ],
    [
      'threshold not an array',
      {
        ...valid(),
        options: { ...(valid()['options'] as object), thresholds: { tx_duration: 'p(95)<1' } },
      },
      'options.thresholds["tx_duration"]',
      /^must be a non-empty array of expressions/,
    ],
    [
      'bad threshold expression (checked by the metrics parser)',
      {
        ...valid(),
        options: { ...(valid()['options'] as object), thresholds: { tx_duration: ['p95<1'] } },
      },
      'options.thresholds["tx_duration"][0]',
      /unknown aggregation "p95"/,
    ],
    [
      'bad delayAbortEval',
      {
        ...valid(),
        options: {
          ...(valid()['options'] as object),
          thresholds: { tx_failed: [{ threshold: 'rate<0.1', delayAbortEval: 10 }] },
        },
      },
      'options.thresholds["tx_failed"][0].delayAbortEval',
      /^must be a duration string/,
    ],
    [
      'invalid model field',
      {
        ...valid(),
        model: { ...lync2013, population: { ...lync2013.population, concurrentUsers: -5 } },
      },
      'model.population.concurrentUsers',
      /-5/,
    ],
    [
      'invalid override',
      { ...valid(), model: { base: lync2013, overrides: { population: { users: 5 } } } },
      'model.overrides.population.users',
      /unknown field/,
    ],
  ];
  for (const [name, value, where, problem] of cases) {
    test(name, () => rejects(value, where, problem));
  }
});
