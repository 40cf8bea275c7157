import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitUsl, uslThroughput, type UslModel, type UslPoint } from '../../src/capacity/usl.js';
import { Random } from '../../src/core/random.js';

const MULTIPLES = [1, 2, 4, 8, 16, 32, 45.25, 38.05, 41.5, 64];

function fitted(points: UslPoint[]): UslModel {
  const fit = fitUsl(points);
  assert.ok(fit.fitted, fit.fitted ? '' : fit.reason);
  return fit;
}

describe('Universal Scalability Law fit', () => {
  it('recovers λ, σ and κ exactly from noiseless data, and the peak √((1 − σ) / κ)', () => {
    const truth = { lambda: 120, sigma: 0.03, kappa: 0.0005 };
    const fit = fitted(MULTIPLES.map((n) => ({ n, x: uslThroughput(truth, n) })));
    assert.ok(Math.abs(fit.sigma - 0.03) < 1e-6, `σ ${fit.sigma}`);
    assert.ok(Math.abs(fit.kappa - 0.0005) < 1e-8, `κ ${fit.kappa}`);
    assert.ok(Math.abs(fit.lambda - 120) < 1e-4, `λ ${fit.lambda}`);
    assert.ok(Math.abs((fit.peakMultiple ?? 0) - Math.sqrt(0.97 / 0.0005)) < 1e-3);
    assert.ok(fit.r2 > 0.999999);
  });

  it('recovers σ and κ from noisy data (2 % noise, fixed seed)', () => {
    const random = new Random(2013);
    const truth = { lambda: 500, sigma: 0.08, kappa: 0.002 };
    const points = [...MULTIPLES, 3, 6, 12, 24, 48].flatMap((n) =>
      [0, 1].map(() => ({ n, x: uslThroughput(truth, n) * (1 + 0.02 * random.normal()) })),
    );
    const fit = fitted(points);
    assert.ok(Math.abs(fit.sigma - 0.08) < 0.02, `σ ${fit.sigma}`);
    assert.ok(Math.abs(fit.kappa - 0.002) / 0.002 < 0.25, `κ ${fit.kappa}`);
    assert.ok(fit.r2 > 0.95, `r² ${fit.r2}`);
  });

  it('finds no coherency cost (and no peak) in data that only saturates', () => {
    const truth = { lambda: 50, sigma: 0.1, kappa: 0 };
    const fit = fitted(MULTIPLES.map((n) => ({ n, x: uslThroughput(truth, n) })));
    assert.equal(fit.kappa, 0);
    assert.equal(fit.peakMultiple, null);
    assert.ok(Math.abs(fit.sigma - 0.1) < 1e-6);
  });

  it('refuses to fit too few points, saying why', () => {
    const fit = fitUsl([
      { n: 1, x: 10 },
      { n: 2, x: 20 },
      { n: 2, x: 19 },
      { n: 4, x: 35 },
    ]);
    assert.equal(fit.fitted, true);
    const refused = fitUsl([
      { n: 1, x: 10 },
      { n: 2, x: 20 },
      { n: 4, x: 35 },
    ]);
    assert.deepEqual(refused, {
      fitted: false,
      reason: 'a three-parameter model needs at least 4 steps at 3 or more multiples (have 3 at 3)',
    });
    assert.equal(fitUsl([1, 1, 2, 2].map((n) => ({ n, x: n * 10 }))).fitted, false);
  });
});
