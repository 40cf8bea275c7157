import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TargetErrorKind } from '../../src/core/errors.js';
import { Random } from '../../src/core/random.js';
import { Aggregate } from '../../src/metrics/aggregate.js';
import { percentileMs, summarize } from '../../src/metrics/hdr.js';
import { Recorder, type RecorderSnapshot } from '../../src/metrics/recorder.js';
import { batchOf, row, type Row } from './batches.js';
import type { MethodName, OpName, RoomClass } from '../../src/core/vocabulary.js';

const SCENARIOS = ['morning', 'steady'];

/** A deterministic stream of batches, each tagged with its second and exec scenario. */
function workload(seed: number, batches: number): { t: number; scenario: number; rows: Row[] }[] {
  const random = new Random(seed);
  const ops: [OpName, MethodName, RoomClass | null][] = [
    ['signin', 'INVITE', null],
    ['join', 'INFO', 'small'],
    ['post', 'INFO', 'small'],
    ['post', 'INFO', 'large'],
    ['history', 'INFO', 'medium'],
    ['signout', 'BYE', null],
  ];
  const stream = [];
  for (let b = 0; b < batches; b++) {
    const t = 1 + Math.floor(b / 10);
    const rows: Row[] = [];
    for (let i = 0; i < 50; i++) {
      const [op, method, roomClass] = ops[random.int(ops.length)] as (typeof ops)[number];
      const at = (t - 1) * 1000 + random.next() * 1000;
      const failed = random.next() < 0.03;
      rows.push({
        ...row(op, roomClass, at, random.exponential(5), 0.2 + random.exponential(3), method),
        errorKind: failed
          ? random.next() < 0.5
            ? TargetErrorKind.deadlock
            : TargetErrorKind.timeout
          : undefined,
        errorMessage: failed ? `failure ${b}` : undefined,
      });
    }
    stream.push({ t, scenario: random.int(SCENARIOS.length), rows });
  }
  return stream;
}

/** Records the stream with `workers` recorders (batch i to a seeded-random one), one snapshot per second. */
function aggregateOf(seed: number, workers: number): Aggregate {
  const recorders = Array.from({ length: workers }, (_, i) => new Recorder(i));
  const aggregate = new Aggregate({ scenarios: SCENARIOS, sources: workers });
  const pick = new Random(seed + 1);
  let second = 1;
  const flush = (t: number): void => {
    for (const recorder of recorders) aggregate.add(roundTrip(recorder.snapshot(t)));
  };
  for (const { t, scenario, rows } of workload(seed, 200)) {
    if (t !== second) flush(second);
    second = t;
    const { batch, outcome } = batchOf(rows);
    (recorders[pick.int(workers)] as Recorder).record(batch, outcome, scenario);
  }
  flush(second);
  aggregate.finish();
  return aggregate;
}

/** What crossing a thread does to a snapshot (structured clone keeps only plain data). */
const roundTrip = (snapshot: RecorderSnapshot): RecorderSnapshot => structuredClone(snapshot);

describe('recorders split across workers', () => {
  it('merge to the same totals, percentiles, series and errors as one recorder', () => {
    const one = aggregateOf(11, 1);
    const four = aggregateOf(11, 4);
    assert.deepEqual(four.totals(), one.totals());
    assert.equal(one.totals().txs, 200 * 50);
    const describeCells = (aggregate: Aggregate): unknown =>
      aggregate.cells().map((cell) => ({
        key: [cell.scenario, cell.op, cell.method, cell.roomClass],
        count: cell.count,
        failed: cell.failed,
        duration: summarize(cell.duration),
        service: summarize(cell.service),
      }));
    assert.deepEqual(describeCells(four), describeCells(one));
    assert.deepEqual(four.sipCounts(), one.sipCounts());
    // Which failure supplies a group's sample message depends on which worker saw one first.
    const withoutMessages = (aggregate: Aggregate): unknown =>
      aggregate.errorGroups().map(({ op, code, count }) => ({ op, code, count }));
    assert.deepEqual(withoutMessages(four), withoutMessages(one));
    for (const group of four.errorGroups()) assert.match(group.message, /^failure \d+$/);
    assert.deepEqual(four.timeseries(), one.timeseries());
    assert.equal(one.timeseries().series.t.length, 20);
  });
});

describe('latency from the intended start', () => {
  it('shows queueing in tx_duration but not in tx_service', () => {
    const recorder = new Recorder(0);
    // Intended at 0..9 ms, but the pool only got to them 500 ms late; each took 2 ms.
    const rows = Array.from({ length: 10 }, (_, i) => row('post', 'small', i, 500, 2));
    const { batch, outcome } = batchOf(rows);
    recorder.record(batch, outcome, 0);
    const aggregate = new Aggregate({ scenarios: ['steady'], sources: 1 });
    aggregate.add(recorder.snapshot(1));
    const duration = aggregate.trend('tx_duration', { op: 'post' });
    const service = aggregate.trend('tx_service', { op: 'post' });
    assert.ok(duration !== null && service !== null);
    assert.ok(Math.abs(percentileMs(duration, 50) - 502) < 1, `${percentileMs(duration, 50)}`);
    assert.ok(Math.abs(percentileMs(service, 100) - 2) < 0.01);
  });

  it('measures a follow-up (NaN intendedAt) from the end of the previous row', () => {
    const recorder = new Recorder(0);
    const { batch, outcome } = batchOf([
      row('signin', null, 0, 0, 10, 'INVITE'),
      // Started 30 ms after the INVITE's reply (pool queueing), served in 5 ms.
      {
        op: 'join',
        method: 'INFO',
        roomClass: null,
        intendedAt: Number.NaN,
        startedAt: 40,
        endedAt: 45,
      },
      // A chain continues: intended at the join's end.
      {
        op: 'history',
        method: 'INFO',
        roomClass: 'small',
        intendedAt: Number.NaN,
        startedAt: 45,
        endedAt: 47,
      },
    ]);
    recorder.record(batch, outcome, 0);
    const aggregate = new Aggregate({ scenarios: ['morning'], sources: 1 });
    aggregate.add(recorder.snapshot(1));
    const p50 = (op: OpName, metric: 'tx_duration' | 'tx_service'): number => {
      const histogram = aggregate.trend(metric, { op });
      assert.ok(histogram !== null);
      return percentileMs(histogram, 50);
    };
    // HDR resolution at these values is 32 µs and 4 µs; 2 ms is still exact.
    assert.ok(Math.abs(p50('join', 'tx_duration') - 35) < 0.05, `${p50('join', 'tx_duration')}`);
    assert.ok(Math.abs(p50('join', 'tx_service') - 5) < 0.005, `${p50('join', 'tx_service')}`);
    assert.equal(p50('history', 'tx_duration'), 2);
  });
});

describe('Recorder', () => {
  it('groups errors by op and code with the first sample message, redacted', () => {
    const recorder = new Recorder(0);
    const failing = (message: string, kind: TargetErrorKind): Row => ({
      ...row('post', 'medium', 0, 0, 1),
      errorKind: kind,
      errorMessage: message,
    });
    const first = batchOf([
      failing('Login failed; Password=hunter2;', TargetErrorKind.login),
      failing('deadlock victim', TargetErrorKind.deadlock),
      row('post', 'medium', 0, 0, 1),
    ]);
    first.outcome.retries = 3;
    recorder.record(first.batch, first.outcome, 1);
    const second = batchOf([failing('another login message', TargetErrorKind.login)]);
    recorder.record(second.batch, second.outcome, 1);
    const snapshot = recorder.snapshot(1);
    const aggregate = new Aggregate({ scenarios: SCENARIOS, sources: 1 });
    aggregate.add(snapshot);
    assert.deepEqual(aggregate.errorGroups(), [
      { op: 'post', code: 'E_TARGET_LOGIN', message: 'Login failed; Password=***;', count: 2 },
      { op: 'post', code: 'E_TARGET_DEADLOCK', message: 'deadlock victim', count: 1 },
    ]);
    assert.equal(aggregate.retries, 3);
    assert.deepEqual(aggregate.txCounts({ scenario: 'steady' }), { count: 4, failed: 3 });
    assert.deepEqual(aggregate.txCounts({ scenario: 'morning' }), { count: 0, failed: 0 });
    assert.deepEqual(aggregate.sipCounts(), { INFO: 4 });
  });

  it('starts a new interval at each snapshot, keeping gauges', () => {
    const recorder = new Recorder(0);
    const { batch, outcome } = batchOf([row('part', 'large', 0, 0, 1)]);
    recorder.record(batch, outcome, 0);
    recorder.recordDropped(1, 4);
    recorder.setVus(1, 7);
    recorder.setComplianceQueueDepth(12);
    const first = recorder.snapshot(1);
    assert.equal(first.cells.length, 1);
    assert.deepEqual(first.dropped, [0, 4]);
    const second = recorder.snapshot(2);
    assert.deepEqual(second.cells, []);
    assert.deepEqual(second.sip, [0, 0, 0, 0]);
    assert.deepEqual(second.dropped, []);
    assert.deepEqual(second.vus, [0, 7]);
    assert.equal(second.complianceQueueDepth, 12);
  });

  it('records compliance writes as op compliance, outside any scenario or SIP method', () => {
    const recorder = new Recorder(0);
    recorder.recordCompliance(8, false);
    recorder.recordCompliance(30, true, 'insert failed: pwd=abc', TargetErrorKind.constraint);
    recorder.recordCompliance(-1, false);
    const aggregate = new Aggregate({ scenarios: SCENARIOS, sources: 1 });
    aggregate.add(recorder.snapshot(1));
    const [cell] = aggregate.cells();
    assert.deepEqual(
      { scenario: cell?.scenario, op: cell?.op, method: cell?.method, roomClass: cell?.roomClass },
      { scenario: null, op: 'compliance', method: null, roomClass: null },
    );
    assert.deepEqual(aggregate.txCounts({ op: 'compliance' }), { count: 3, failed: 1 });
    assert.deepEqual(aggregate.txCounts({ op: 'compliance', scenario: 'steady' }), {
      count: 0,
      failed: 0,
    });
    assert.equal(
      aggregate.clampedLatencies,
      2,
      'the negative duration, as duration and as service',
    );
    assert.deepEqual(aggregate.errorGroups(), [
      {
        op: 'compliance',
        code: 'E_TARGET_CONSTRAINT',
        message: 'insert failed: pwd=***',
        count: 1,
      },
    ]);
    assert.deepEqual(aggregate.sipCounts(), {});
  });
});

describe('Aggregate time series', () => {
  it('completes a second only once every source has passed it, carrying gauges over gaps', () => {
    const workers = [new Recorder(0), new Recorder(1)];
    const aggregate = new Aggregate({ scenarios: ['steady'], sources: 2 });
    const record = (worker: Recorder, at: number, serviceMs: number): void => {
      const { batch, outcome } = batchOf([row('post', 'small', at, 0, serviceMs)]);
      worker.record(batch, outcome, 0);
    };
    const [a, b] = workers as [Recorder, Recorder];
    a.setComplianceQueueDepth(5);
    b.setComplianceQueueDepth(100);
    // Latencies below 2.048 ms, where HDR is exact to the µs.
    record(a, 0, 1);
    aggregate.add(a.snapshot(1));
    assert.equal(aggregate.timeseries().series.t.length, 0, 'worker 1 has not reported second 1');
    record(b, 10, 1.9);
    aggregate.add(b.snapshot(1));
    assert.deepEqual(aggregate.totals(), {
      elapsedS: 1,
      txs: 2,
      failed: 0,
      dropped: 0,
      txPerS: 2,
      p95Ms: 1.9,
    });
    // Worker 0 reports seconds 2 and 3; worker 1 was busy and reports second 3 only.
    a.setComplianceQueueDepth(6);
    aggregate.add(a.snapshot(2));
    record(a, 2500, 0.5);
    aggregate.add(a.snapshot(3));
    b.setComplianceQueueDepth(50);
    record(b, 1500, 1.2);
    record(b, 2100, 1.2);
    b.recordDropped(0, 3);
    aggregate.add(b.snapshot(3));
    const { series } = aggregate.timeseries();
    assert.deepEqual(series.t, [1, 2, 3]);
    assert.deepEqual(series.ops.post?.count, [2, 0, 3]);
    assert.deepEqual(series.ops.post?.p95, [1.9, null, 1.2]);
    assert.deepEqual(series.complianceQueueDepth, [105, 106, 56]);
    assert.deepEqual(series.dropped, [0, 0, 3]);
    assert.equal(aggregate.dropped('steady'), 3);
  });

  it('finish() completes the seconds still pending at the end of the run', () => {
    const workers = [new Recorder(0), new Recorder(1)];
    const aggregate = new Aggregate({ scenarios: ['steady'], sources: 2 });
    const { batch, outcome } = batchOf([row('search', null, 0, 0, 3)]);
    workers[0]?.record(batch, outcome, 0);
    aggregate.add((workers[0] as Recorder).snapshot(2));
    assert.deepEqual(aggregate.timeseries().series.t, []);
    aggregate.finish();
    assert.deepEqual(aggregate.timeseries().series.t, [1, 2]);
    assert.deepEqual(aggregate.timeseries().series.ops.search?.count, [0, 1]);
  });

  it('keeps vus per exec scenario and in total', () => {
    const main = new Recorder(0);
    const aggregate = new Aggregate({ scenarios: SCENARIOS, sources: 1 });
    main.setVus(0, 10);
    aggregate.add(main.snapshot(1));
    main.setVus(1, 5);
    aggregate.add(main.snapshot(2));
    main.setVus(0, 0);
    aggregate.add(main.snapshot(3));
    const { series, vusByScenario } = aggregate.timeseries();
    assert.deepEqual(series.vus, [10, 15, 5]);
    assert.deepEqual(vusByScenario, { morning: [10, 10, 0], steady: [0, 5, 5] });
    assert.deepEqual(aggregate.gauge('vus', 'steady'), { last: 5, min: 0, max: 5 });
  });
});
