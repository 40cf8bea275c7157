import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExitCode, InputError, TargetErrorKind } from '../../src/core/errors.js';
import { Aggregate } from '../../src/metrics/aggregate.js';
import { Recorder } from '../../src/metrics/recorder.js';
import {
  compileThreshold,
  crossedAbortThresholds,
  evaluateThresholds,
  parseExpression,
  parseMetricKey,
  parseThresholdOptions,
  type Threshold,
} from '../../src/metrics/thresholds.js';
import { batchOf, row } from './batches.js';

const WHERE = 'scenarios/x.ts: options.thresholds';
const SCENARIOS = ['morning', 'steady'];

describe('threshold parser: valid keys', () => {
  const table: [string, object][] = [
    ['tx_duration', { name: 'tx_duration', kind: 'trend', filter: {} }],
    ['tx_duration{op:post}', { name: 'tx_duration', kind: 'trend', filter: { op: 'post' } }],
    [
      'tx_duration{op:join,room_class:large}',
      { name: 'tx_duration', kind: 'trend', filter: { op: 'join', roomClass: 'large' } },
    ],
    [
      'tx_service{ method:INFO , scenario:steady }',
      { name: 'tx_service', kind: 'trend', filter: { method: 'INFO', scenario: 'steady' } },
    ],
    ['tx_failed{op:post}', { name: 'tx_failed', kind: 'rate', filter: { op: 'post' } }],
    ['txs', { name: 'txs', kind: 'counter', filter: {} }],
    ['txs{room_class:none}', { name: 'txs', kind: 'counter', filter: { roomClass: null } }],
    [
      'dropped_txs{scenario:morning}',
      { name: 'dropped_txs', kind: 'counter', filter: { scenario: 'morning' } },
    ],
    ['compliance_queue_depth', { name: 'compliance_queue_depth', kind: 'gauge', filter: {} }],
    ['vus{scenario:steady}', { name: 'vus', kind: 'gauge', filter: { scenario: 'steady' } }],
  ];
  for (const [key, expected] of table) {
    it(key, () => assert.deepEqual(parseMetricKey(key, WHERE, SCENARIOS), expected));
  }
});

describe('threshold parser: valid expressions', () => {
  const table: [string, string, object][] = [
    [
      'tx_duration',
      'p(95)<100',
      { aggregation: { method: 'p', percentile: 95 }, operator: '<', limit: 100 },
    ],
    [
      'tx_duration',
      'p(99.9)<=250.5',
      { aggregation: { method: 'p', percentile: 99.9 }, operator: '<=', limit: 250.5 },
    ],
    ['tx_service', ' avg > 1 ', { aggregation: { method: 'avg' }, operator: '>', limit: 1 }],
    ['tx_duration', 'med>=0', { aggregation: { method: 'med' }, operator: '>=', limit: 0 }],
    ['tx_duration', 'min!=3', { aggregation: { method: 'min' }, operator: '!=', limit: 3 }],
    ['tx_duration', 'max==2000', { aggregation: { method: 'max' }, operator: '==', limit: 2000 }],
    ['tx_failed', 'rate<0.001', { aggregation: { method: 'rate' }, operator: '<', limit: 0.001 }],
    ['txs', 'count>0', { aggregation: { method: 'count' }, operator: '>', limit: 0 }],
    ['txs', 'rate>=1000', { aggregation: { method: 'rate' }, operator: '>=', limit: 1000 }],
    ['dropped_txs', 'count==0', { aggregation: { method: 'count' }, operator: '==', limit: 0 }],
    [
      'compliance_queue_depth',
      'value<500',
      { aggregation: { method: 'value' }, operator: '<', limit: 500 },
    ],
    ['vus', 'max<=80000', { aggregation: { method: 'max' }, operator: '<=', limit: 80000 }],
  ];
  for (const [metric, expr, expected] of table) {
    it(`${metric}: ${expr}`, () => {
      assert.deepEqual(parseExpression(expr, parseMetricKey(metric, WHERE), WHERE), expected);
    });
  }
});

describe('threshold parser: invalid keys and expressions', () => {
  const table: [string, string, string][] = [
    [
      'tx_latency',
      'p(95)<1',
      'unknown metric "tx_latency" (expected one of: tx_duration, tx_service, tx_failed, txs, dropped_txs, compliance_queue_depth, vus)',
    ],
    [
      'tx_duration{op:post',
      'p(95)<1',
      '"tx_duration{op:post" is not a metric with an optional tag filter',
    ],
    [
      'tx_duration{op=post}',
      'p(95)<1',
      '"op=post" in "tx_duration{op=post}" is not a tag:value pair',
    ],
    ['tx_duration{}', 'p(95)<1', '"" in "tx_duration{}" is not a tag:value pair'],
    [
      'tx_duration{status:200}',
      'p(95)<1',
      'unknown tag "status" in "tx_duration{status:200}" (tx_duration takes: op, room_class, method, scenario)',
    ],
    [
      'dropped_txs{op:post}',
      'count<1',
      'unknown tag "op" in "dropped_txs{op:post}" (dropped_txs takes: scenario)',
    ],
    ['compliance_queue_depth{scenario:steady}', 'value<1', 'compliance_queue_depth takes no tags'],
    ['txs{op:post,op:join}', 'count<1', 'tag "op" appears twice in "txs{op:post,op:join}"'],
    [
      'txs{op:posts}',
      'count<1',
      'op "posts" in "txs{op:posts}" is not an operation (expected one of: signin, join, post, history, search, invites, part, signout, refresh, compliance)',
    ],
    [
      'txs{room_class:huge}',
      'count<1',
      'room_class "huge" in "txs{room_class:huge}" is not a room class (expected one of: small, medium, large, none)',
    ],
    [
      'txs{method:GET}',
      'count<1',
      'method "GET" in "txs{method:GET}" is not a SIP method (expected one of: INVITE, INFO, UPDATE, BYE)',
    ],
    [
      'txs{scenario:evening}',
      'count<1',
      'scenario "evening" in "txs{scenario:evening}" is not an exec scenario of this run (expected one of: morning, steady)',
    ],
    [
      'tx_duration',
      'p(95)',
      '"p(95)" has no comparison operator (expected <aggregation><operator><number> such as "p(95)<100"; operators: <, <=, >, >=, ==, !=)',
    ],
    [
      'tx_duration',
      'p95<100',
      'unknown aggregation "p95" in "p95<100" (tx_duration (a trend) takes p(N), avg, min, max, med)',
    ],
    ['tx_duration', 'p(101)<100', '"p(101)<100": the percentile must be between 0 and 100'],
    [
      'tx_duration',
      'p(95)<<100',
      '"p(95)<<100": "<100" is not a number (expected digits with optional decimals, e.g. 100 or 0.5)',
    ],
    ['tx_duration', 'p(95)<1e3', '"p(95)<1e3": "1e3" is not a number'],
    [
      'tx_duration',
      'rate<0.1',
      '"rate<0.1" does not fit: tx_duration (a trend) takes p(N), avg, min, max, med',
    ],
    ['tx_failed', 'p(95)<1', '"p(95)<1" does not fit: tx_failed (a rate) takes rate'],
    ['txs', 'avg<1', '"avg<1" does not fit: txs (a counter) takes count, rate'],
    ['vus', 'count<1', '"count<1" does not fit: vus (a gauge) takes value, min, max'],
    ['compliance_queue_depth', 'value=1', '"value=1" has no comparison operator'],
  ];
  for (const [metric, expr, message] of table) {
    it(`${metric}: ${expr}`, () => {
      const definition = { metric, expr, abortOnFail: false, delayAbortEvalMs: 0 };
      assert.throws(
        () => compileThreshold(definition, `${WHERE}["${metric}"]`, SCENARIOS),
        (error: unknown) => {
          assert.ok(error instanceof InputError);
          assert.equal(error.exitCode, ExitCode.invalidInput);
          assert.ok(
            error.message.startsWith(`${WHERE}["${metric}"]: ${message}`),
            `got: ${error.message}`,
          );
          return true;
        },
      );
    });
  }
});

describe('threshold options (k6 form)', () => {
  it('accepts strings and the object form with abortOnFail and delayAbortEval', () => {
    const thresholds = parseThresholdOptions(
      {
        'tx_duration{op:post}': [
          'p(95)<100',
          { threshold: 'p(99)<500', abortOnFail: true, delayAbortEval: '1m30s' },
        ],
        tx_failed: [{ threshold: 'rate<0.001' }],
      },
      WHERE,
    );
    assert.deepEqual(
      thresholds.map(({ metric, expr, abortOnFail, delayAbortEvalMs }) => ({
        metric,
        expr,
        abortOnFail,
        delayAbortEvalMs,
      })),
      [
        {
          metric: 'tx_duration{op:post}',
          expr: 'p(95)<100',
          abortOnFail: false,
          delayAbortEvalMs: 0,
        },
        {
          metric: 'tx_duration{op:post}',
          expr: 'p(99)<500',
          abortOnFail: true,
          delayAbortEvalMs: 90_000,
        },
        { metric: 'tx_failed', expr: 'rate<0.001', abortOnFail: false, delayAbortEvalMs: 0 },
      ],
    );
  });

  const invalid: [unknown, string][] = [
    [['p(95)<1'], `${WHERE}: expected an object mapping metrics to arrays of thresholds`],
    [{ txs: 'count>1' }, `${WHERE}["txs"]: expected an array of thresholds, e.g. ["p(95)<100"]`],
    [
      { txs: [42] },
      `${WHERE}["txs"][0]: expected an expression string or { threshold, abortOnFail, delayAbortEval }`,
    ],
    [
      { txs: [{ expr: 'count>1' }] },
      `${WHERE}["txs"][0]: unknown field "expr" (expected threshold, abortOnFail, delayAbortEval)`,
    ],
    [
      { txs: [{ abortOnFail: true }] },
      `${WHERE}["txs"][0].threshold: expected an expression string such as "p(95)<100"`,
    ],
    [
      { txs: [{ threshold: 'count>1', abortOnFail: 'yes' }] },
      `${WHERE}["txs"][0].abortOnFail: expected true or false`,
    ],
    [
      { txs: [{ threshold: 'count>1', delayAbortEval: 30 }] },
      `${WHERE}["txs"][0].delayAbortEval: expected a duration such as "30s"`,
    ],
    [
      { txs: [{ threshold: 'count>1', delayAbortEval: 'soon' }] },
      `${WHERE}["txs"][0].delayAbortEval: "soon" is not a duration`,
    ],
    [{ txs: ['count>1', 'count>>1'] }, `${WHERE}["txs"][1]: "count>>1": ">1" is not a number`],
  ];
  for (const [raw, message] of invalid) {
    it(`rejects ${JSON.stringify(raw)}`, () => {
      assert.throws(
        () => parseThresholdOptions(raw, WHERE),
        (error: unknown) => error instanceof InputError && error.message.startsWith(message),
      );
    });
  }
});

/**
 * A constructed run: two workers, 10 s. Posts into large rooms take 200 ms from the intended
 * start (150 ms of it queueing), posts into small rooms 5 ms; joins fail 1 in 10; the morning
 * scenario dropped 7 transactions; the compliance queue grows to 40 then drains to 10.
 */
function constructedRun(): Aggregate {
  const workers = [new Recorder(0), new Recorder(1)];
  const aggregate = new Aggregate({ scenarios: SCENARIOS, sources: 2 });
  for (let t = 1; t <= 10; t++) {
    workers.forEach((worker, w) => {
      const at = (t - 1) * 1000 + w;
      const posts = batchOf([
        ...Array.from({ length: 9 }, () => row('post', 'small', at, 1, 4)),
        row('post', 'large', at, 150, 50),
      ]);
      worker.record(posts.batch, posts.outcome, 1);
      const joins = batchOf(
        Array.from({ length: 10 }, (_, i) => ({
          ...row('join', 'medium', at, 0, 20),
          errorKind: i === 0 ? TargetErrorKind.timeout : TargetErrorKind.none,
        })),
      );
      worker.record(joins.batch, joins.outcome, 0);
      worker.setComplianceQueueDepth(t <= 4 ? t * 5 : 5);
      if (t === 3 && w === 0) worker.recordDropped(0, 7);
      aggregate.add(worker.snapshot(t));
    });
  }
  return aggregate;
}

const compile = (
  metric: string,
  expr: string,
  abortOnFail = false,
  delayAbortEvalMs = 0,
): Threshold => compileThreshold({ metric, expr, abortOnFail, delayAbortEvalMs }, WHERE, SCENARIOS);

describe('threshold evaluation', () => {
  const aggregate = constructedRun();
  const cases: [string, string, boolean, number | null][] = [
    ['tx_duration{op:post}', 'p(95)<100', false, null],
    ['tx_duration{op:post}', 'p(90)<10', true, null],
    ['tx_duration{op:post,room_class:large}', 'min>=199', true, null],
    ['tx_service{op:post,room_class:large}', 'max<51', true, null],
    ['tx_duration{op:post,room_class:small}', 'max<=5.01', true, null],
    ['tx_duration{scenario:morning}', 'med<25', true, null],
    ['tx_duration{method:INVITE}', 'p(99)<1', true, null],
    ['tx_failed', 'rate<=0.05', true, 20 / 400],
    ['tx_failed', 'rate<0.05', false, 20 / 400],
    ['tx_failed{op:join}', 'rate<=0.1', true, 0.1],
    ['tx_failed{scenario:steady}', 'rate==0', true, 0],
    ['txs', 'count==400', true, 400],
    ['txs{op:post,room_class:large}', 'count==20', true, 20],
    ['txs{scenario:morning}', 'rate>=20', true, 20],
    ['dropped_txs', 'count==7', true, 7],
    ['dropped_txs{scenario:steady}', 'count==0', true, 0],
    ['compliance_queue_depth', 'value<20', true, 10],
    ['compliance_queue_depth', 'max<40', false, 40],
    ['compliance_queue_depth', 'min>=10', true, 10],
    ['vus', 'value==0', true, 0],
  ];
  for (const [metric, expr, ok, value] of cases) {
    it(`${metric} ${expr} -> ${ok ? 'pass' : 'fail'}`, () => {
      const [result] = evaluateThresholds([compile(metric, expr)], aggregate);
      assert.equal(result?.ok, ok, `observed ${result?.value}`);
      if (value !== null) assert.ok(Math.abs((result?.value ?? NaN) - value) < 1e-9);
    });
  }

  it('reports a trend with no samples as null and passing (as k6 does)', () => {
    const [result] = evaluateThresholds([compile('tx_duration{op:search}', 'p(95)<1')], aggregate);
    assert.deepEqual(result, {
      metric: 'tx_duration{op:search}',
      expr: 'p(95)<1',
      value: null,
      ok: true,
      abortOnFail: false,
    });
    const [counter] = evaluateThresholds([compile('txs{op:search}', 'count>0')], aggregate);
    assert.equal(counter?.ok, false, 'a counter with nothing counted is 0, and fails count>0');
  });
});

describe('abortOnFail on a simulated clock', () => {
  it('aborts only once delayAbortEval has passed, and only for abortOnFail thresholds', () => {
    const aggregate = constructedRun();
    const thresholds = [
      compile('tx_failed', 'rate<0.01', true, 30_000),
      compile('tx_duration', 'p(99)<1', false),
      compile('txs', 'count>0', true, 0),
    ];
    assert.deepEqual(crossedAbortThresholds(thresholds, aggregate, 29_999), []);
    const crossed = crossedAbortThresholds(thresholds, aggregate, 30_000);
    assert.deepEqual(
      crossed.map(({ metric, expr, ok }) => ({ metric, expr, ok })),
      [{ metric: 'tx_failed', expr: 'rate<0.01', ok: false }],
    );
  });
});
