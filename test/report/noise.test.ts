import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Random } from '../../src/core/random.js';
import { batchMeans, MIN_BATCHES, noiseThreshold } from '../../src/report/noise.js';

describe('batchMeans', () => {
  it('estimates the standard error of the mean of independent seconds (σ/√n)', () => {
    const random = new Random(5);
    const ses: number[] = [];
    for (let trial = 0; trial < 40; trial++) {
      const values = Array.from({ length: 3600 }, () => 100 + 10 * random.normal());
      ses.push(batchMeans(values).standardError);
    }
    const average = ses.reduce((a, b) => a + b, 0) / ses.length;
    // σ/√n = 10/60; 60 batches of 60 give an estimate within ~10 % on average.
    assert.ok(Math.abs(average - 10 / 60) < 0.1 * (10 / 60), `${average}`);
  });

  it('is wider than the naive per-second estimate when seconds are correlated', () => {
    const random = new Random(9);
    let level = 0;
    // AR(1) with φ = 0.9: the true standard error is √((1+φ)/(1−φ)) ≈ 4.4× the naive one.
    const values = Array.from({ length: 3600 }, () => (level = 0.9 * level + random.normal()) + 50);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
    const naive = sd / Math.sqrt(values.length);
    const estimate = batchMeans(values).standardError;
    assert.ok(estimate > 2.5 * naive, `${estimate} vs naive ${naive}`);
  });

  it('skips empty seconds and says when there are too few points to estimate', () => {
    const short = batchMeans(Array.from({ length: MIN_BATCHES ** 2 - 1 }, (_, i) => i));
    assert.ok(Number.isNaN(short.standardError));
    assert.equal(short.points, MIN_BATCHES ** 2 - 1);
    const withGaps = batchMeans([null, 1, null, 2, 3, null]);
    assert.equal(withGaps.points, 3);
    assert.equal(withGaps.mean, 2);
    const constant = batchMeans(new Array(100).fill(7));
    assert.equal(constant.standardError, 0);
    assert.equal(constant.relative, 0);
  });

  it('combines two runs as z × √(a² + b²) of the relative errors', () => {
    const a = { mean: 10, standardError: 0.3, relative: 0.03, batches: 10, points: 100 };
    const b = { mean: 10, standardError: 0.4, relative: 0.04, batches: 10, points: 100 };
    assert.ok(Math.abs(noiseThreshold(a, b, 3) - 0.15) < 1e-12);
    assert.ok(Number.isNaN(noiseThreshold(a, { ...b, relative: Number.NaN }, 3)));
  });
});
