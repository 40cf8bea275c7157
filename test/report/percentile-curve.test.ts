import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createHistogram, recordMs } from '../../src/metrics/hdr.js';
import { percentileCurve } from '../../src/report/percentile-curve.js';

/** The exact quantile of sorted samples, nearest-rank (HdrHistogram's definition). */
function exactQuantile(sorted: readonly number[], percentile: number): number {
  const rank = Math.max(1, Math.ceil((percentile / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

describe('percentileCurve', () => {
  it('places p on x = 1/(1-p), ends with the max at x = count, and rises monotonically', () => {
    const histogram = createHistogram('float64');
    for (let i = 1; i <= 10_000; i++) recordMs(histogram, i / 10);
    const curve = percentileCurve(histogram);
    for (const point of curve.slice(0, -1)) {
      assert.ok(Math.abs(point.x - 1 / (1 - point.percentile / 100)) < 1e-6 * point.x);
      assert.ok(point.x < 10_000);
    }
    const last = curve[curve.length - 1];
    assert.deepEqual([last?.percentile, last?.x], [100, 10_000]);
    assert.ok(Math.abs((last?.ms ?? 0) - 1000) <= 1000 * 0.001);
    for (let i = 1; i < curve.length; i++) {
      assert.ok((curve[i]?.x ?? 0) > (curve[i - 1]?.x ?? 0));
      assert.ok((curve[i]?.ms ?? 0) >= (curve[i - 1]?.ms ?? 0));
    }
    // Five points per halving of the tail up to 1/(1-p) = 10,000: about 5 × log2(10,000) points.
    assert.ok(
      curve.length >= 5 * Math.floor(Math.log2(10_000)) &&
        curve.length <= 5 * Math.ceil(Math.log2(10_000)) + 2,
    );
  });

  it('gives no points for an empty histogram and one point for a single value', () => {
    assert.deepEqual(percentileCurve(createHistogram('float64')), []);
    const one = createHistogram('float64');
    recordMs(one, 12.5);
    const curve = percentileCurve(one);
    assert.equal(curve.length, 1);
    assert.ok(Math.abs((curve[0]?.ms ?? 0) - 12.5) < 0.02);
  });

  it('stays within the histogram precision of the exact quantile of the samples', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 60_000, noNaN: true }), {
          minLength: 1,
          maxLength: 400,
        }),
        (samples) => {
          const histogram = createHistogram('float64');
          for (const ms of samples) recordMs(histogram, ms);
          const sorted = samples.map((ms) => Math.round(ms * 1000) / 1000).sort((a, b) => a - b);
          for (const point of percentileCurve(histogram)) {
            const exact = exactQuantile(sorted, point.percentile);
            // 3 significant digits: within 0.1 % (plus the 1 µs floor).
            assert.ok(
              Math.abs(point.ms - exact) <= exact * 0.001 + 0.001,
              `p${point.percentile}: ${point.ms} vs ${exact}`,
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
