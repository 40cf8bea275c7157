import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import type { OpName } from '../../src/core/vocabulary.js';
import { DEFAULT_SLOS, judgeStep, parseSlo, type StepWindow } from '../../src/capacity/judge.js';
import { createHistogram, recordMs, type Histogram } from '../../src/metrics/hdr.js';
import { compileThreshold } from '../../src/metrics/thresholds.js';
import type { MetricView } from '../../src/metrics/view.js';

/** A step window's view over real HDR histograms of tx_duration per operation. */
function windowView(latencies: Partial<Record<OpName, number[]>>, failed = 0): MetricView {
  const histograms = new Map<OpName, Histogram>();
  let count = 0;
  for (const [op, values] of Object.entries(latencies) as [OpName, number[]][]) {
    const h = createHistogram();
    for (const v of values) recordMs(h, v);
    histograms.set(op, h);
    count += values.length;
  }
  return {
    elapsedS: 60,
    trend: (_metric, filter) =>
      filter.op === undefined ? null : (histograms.get(filter.op) ?? null),
    txCounts: () => ({ count, failed }),
    dropped: () => 0,
    gauge: () => null,
  };
}

const spread = (n: number, from: number, to: number): number[] =>
  Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));

function window(overrides: Partial<StepWindow> = {}): StepWindow {
  return {
    windowS: 60,
    offered: 6000,
    completed: 6000,
    failed: 0,
    dropped: 0,
    view: windowView({ post: spread(1000, 5, 60), join: spread(200, 20, 300) }),
    ...overrides,
  };
}

const slos = DEFAULT_SLOS.map((d) => compileThreshold(d, 'test'));

describe('step judgement', () => {
  it('passes when every SLO holds and the load was carried', () => {
    assert.deepEqual(judgeStep(window(), slos), { pass: true, reasons: [], limitedBy: null });
  });

  it('fails on an SLO, saying the observed value, and names the operation that limited it', () => {
    const step = window({
      view: windowView({ post: spread(1000, 50, 140), join: spread(200, 20, 300) }),
    });
    const j = judgeStep(step, slos);
    assert.equal(j.pass, false);
    assert.equal(j.reasons.length, 1);
    assert.match(j.reasons[0] ?? '', /^tx_duration\{op:post\} p\(95\)<100: observed 13\d ms$/);
    assert.equal(j.limitedBy?.slo, 'tx_duration{op:post}: p(95)<100');
    assert.equal(j.limitedBy?.op, 'post');
    assert.ok(Math.abs((j.limitedBy?.observed ?? 0) - 135.5) < 1.5);
  });

  it('fails when less than 99 % of the offered load completed, when anything dropped, when ≥ 0.1 % failed', () => {
    const j = judgeStep(window({ completed: 5900, dropped: 12, failed: 6 }), slos);
    assert.deepEqual(j.reasons, [
      'completed 98.3 % of offered (5900 of 6000; needs ≥ 99 %)',
      '12 arrivals dropped at the in-flight limit (needs none)',
      'failed 0.10 % of transactions (6; needs < 0.1 %)',
    ]);
    assert.deepEqual(j.limitedBy, {
      slo: 'completed ≥ 99 % of offered',
      op: null,
      observed: 5900 / 6000,
    });
    assert.equal(judgeStep(window({ completed: 5940 }), slos).pass, true, 'exactly 99 % passes');
    assert.equal(judgeStep(window({ failed: 5 }), slos).pass, true, '0.083 % failures pass');
  });

  it('lets an SLO on an operation the step never ran pass, as k6 does', () => {
    const j = judgeStep(window(), [parseSlo('tx_duration{op:search}: p(99)<10')]);
    assert.equal(j.pass, true);
  });
});

describe('--slo', () => {
  it('reads k6 threshold syntax: METRIC{tags}: EXPRESSION', () => {
    const t = parseSlo('tx_duration{op:post,room_class:large}: p(99.9) <= 250');
    assert.equal(t.metric, 'tx_duration{op:post,room_class:large}');
    assert.equal(t.expr, 'p(99.9) <= 250');
    assert.deepEqual(t.selector.filter, { op: 'post', roomClass: 'large' });
    assert.equal(parseSlo('tx_failed: rate<0.001').limit, 0.001);
  });

  it('says what and where when the text is wrong', () => {
    assert.throws(
      () => parseSlo('p(95)<100'),
      (e: unknown) =>
        e instanceof InputError &&
        /^--slo: "p\(95\)<100" is not METRIC: EXPRESSION/.test(e.message),
    );
    assert.throws(
      () => parseSlo('tx_latency: p(95)<100'),
      (e: unknown) => e instanceof InputError && /unknown metric "tx_latency"/.test(e.message),
    );
    assert.throws(() => parseSlo('tx_duration{op:post}: rate<1'), /does not fit/);
  });
});
