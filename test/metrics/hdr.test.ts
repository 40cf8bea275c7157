import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { build, encodeIntoCompressedBase64 } from 'hdr-histogram-js';
import { Random } from '../../src/core/random.js';
import {
  createHistogram,
  decodeHistogram,
  encodeHistogram,
  HDR_HIGHEST_US,
  maxMs,
  meanMs,
  mergeHistogram,
  minMs,
  percentileMs,
  recordMs,
  summarize,
  type HdrStorage,
} from '../../src/metrics/hdr.js';

/** Nearest-rank percentile, the definition HDR histograms approximate. */
function exactPercentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length - 1e-9));
  return sorted[rank - 1] as number;
}

/**
 * Latency-like samples in ms. The floor of 0.05 ms keeps µs rounding within 1 % (0.5 µs of
 * 50 µs); below that HDR keeps 1 µs resolution, which is absolute, not relative.
 */
type Shape = 'uniform' | 'lognormal' | 'pareto' | 'bimodal' | 'constant' | 'exponential';
function samples(shape: Shape, seed: number, n: number): number[] {
  const random = new Random(seed);
  const draw = (): number => {
    switch (shape) {
      case 'uniform':
        return 0.05 + random.next() * 500;
      case 'lognormal': {
        const normal =
          Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
        return Math.exp(1 + 1.5 * normal);
      }
      case 'pareto':
        // Heavy tail (alpha 1.1): a few samples land minutes or hours out.
        return 0.5 / Math.pow(1 - random.next(), 1 / 1.1);
      case 'bimodal':
        return random.next() < 0.9 ? 2 + random.next() : 800 + random.next() * 400;
      case 'constant':
        return 12.345;
      case 'exponential':
        return random.exponential(40);
    }
  };
  return Array.from({ length: n }, () => Math.min(Math.max(draw(), 0.05), HDR_HIGHEST_US / 1000));
}

const PERCENTILES = [0, 1, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100];

function assertWithinOnePercent(values: readonly number[]): void {
  const histogram = createHistogram();
  for (const value of values) assert.equal(recordMs(histogram, value), true);
  const sorted = [...values].sort((a, b) => a - b);
  for (const p of PERCENTILES) {
    const exact = exactPercentile(sorted, p);
    const approx = p === 0 ? minMs(histogram) : percentileMs(histogram, p);
    assert.ok(
      Math.abs(approx - exact) <= 0.01 * exact,
      `p${p}: hdr ${approx} vs exact ${exact} (n=${values.length})`,
    );
  }
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  assert.ok(
    Math.abs(meanMs(histogram) - mean) <= 0.01 * mean,
    `mean ${meanMs(histogram)} vs ${mean}`,
  );
  assert.ok(
    Math.abs(maxMs(histogram) - (sorted.at(-1) as number)) <= 0.01 * (sorted.at(-1) as number),
  );
}

describe('HDR percentiles', () => {
  it('stay within 1 % of the exact percentiles for varied distributions (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Shape>(
          'uniform',
          'lognormal',
          'pareto',
          'bimodal',
          'constant',
          'exponential',
        ),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 3000 }),
        (shape, seed, n) => assertWithinOnePercent(samples(shape, seed, n)),
      ),
      { numRuns: 150, seed: 2013 },
    );
  });

  it('stay within 1 % for arbitrary sample sets (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.05, max: 3_600_000, noNaN: true }), {
          minLength: 1,
          maxLength: 500,
        }),
        (values) => assertWithinOnePercent(values),
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  for (const shape of ['lognormal', 'pareto'] as const) {
    it(`stay within 1 % on 200,000 ${shape} samples (fixed seed)`, () => {
      assertWithinOnePercent(samples(shape, 42, 200_000));
    });
  }
});

describe('HDR encode, decode and merge', () => {
  for (const storage of ['int32', 'float64', 'packed'] as HdrStorage[]) {
    it(`round-trips a ${storage} histogram through its encoded form`, () => {
      const histogram = createHistogram(storage);
      for (const value of samples('lognormal', 5, 5000)) recordMs(histogram, value);
      const decoded = decodeHistogram(encodeHistogram(histogram));
      assert.equal(decoded.totalCount, 5000);
      assert.deepEqual(summarize(decoded), summarize(histogram));
    });
  }

  it('merges to exactly what recording everything in one histogram gives', () => {
    const values = samples('bimodal', 9, 10_000);
    const whole = createHistogram('float64');
    const parts = [createHistogram(), createHistogram(), createHistogram()];
    values.forEach((value, i) => {
      recordMs(whole, value);
      recordMs(parts[i % 3] as ReturnType<typeof createHistogram>, value);
    });
    const merged = createHistogram('float64');
    for (const part of parts)
      mergeHistogram(merged, decodeHistogram(encodeHistogram(part), 'int32'));
    assert.equal(merged.totalCount, whole.totalCount);
    assert.deepEqual(summarize(merged), summarize(whole));
  });

  it('rejects text that is not a histogram, and histograms of another precision', () => {
    assert.throws(() => decodeHistogram('not base64 at all!'), /not an encoded HDR histogram/);
    const other = build({
      numberOfSignificantValueDigits: 2,
      highestTrackableValue: HDR_HIGHEST_US,
    });
    other.recordValue(1000);
    assert.throws(
      () => decodeHistogram(encodeIntoCompressedBase64(other)),
      /another range or precision .*found 2 digits/,
    );
  });
});

describe('recordMs', () => {
  it('clamps values outside 1 µs .. 1 h, counts them (returns false) and never throws', () => {
    const histogram = createHistogram();
    assert.equal(recordMs(histogram, -3), false);
    assert.equal(recordMs(histogram, 5 * 3_600_000), false);
    assert.equal(recordMs(histogram, Number.NaN), false);
    assert.equal(recordMs(histogram, Number.POSITIVE_INFINITY), false);
    assert.equal(recordMs(histogram, 1.5), true);
    assert.equal(histogram.totalCount, 4);
    assert.equal(minMs(histogram), 0);
    assert.ok(Math.abs(maxMs(histogram) - 3_600_000) <= 0.001 * 3_600_000);
  });

  it('summarises an empty histogram as zeros', () => {
    assert.deepEqual(Object.values(summarize(createHistogram())), [0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
