/**
 * Gunther's Universal Scalability Law fitted to the steps: throughput X at load multiple N,
 *
 *   X(N) = λN / (1 + σ(N − 1) + κN(N − 1)),
 *
 * σ the contention (serialised share of the work), κ the coherency cost (crosstalk that makes
 * throughput fall past a peak at N* = √((1 − σ) / κ)). Least squares on X itself: a coarse grid
 * over σ and κ with λ solved exactly for each pair, then Levenberg–Marquardt from the best, with
 * σ kept in [0, 1] and κ ≥ 0. Deterministic: no random start.
 *
 * It is a model fitted to a handful of points, never a measurement: the report labels it so.
 */

export interface UslPoint {
  /** The load multiple. */
  n: number;
  /** Completed throughput at it (any consistent unit, e.g. SIP transactions/s). */
  x: number;
}

export interface UslModel {
  fitted: true;
  lambda: number;
  sigma: number;
  kappa: number;
  /** N* where the model's throughput peaks; null when κ = 0 (no retrograde region). */
  peakMultiple: number | null;
  /** Share of the throughput's variance the model explains. */
  r2: number;
  points: number;
}

export type UslFit = UslModel | { fitted: false; reason: string };

/** Fewer points than this (or fewer distinct multiples than three) and no fit is attempted. */
export const USL_MIN_POINTS = 4;

export function uslThroughput(m: Pick<UslModel, 'lambda' | 'sigma' | 'kappa'>, n: number): number {
  return (m.lambda * n) / (1 + m.sigma * (n - 1) + m.kappa * n * (n - 1));
}

interface Params {
  lambda: number;
  sigma: number;
  kappa: number;
}

function sse(points: readonly UslPoint[], p: Params): number {
  let sum = 0;
  for (const { n, x } of points) sum += (x - uslThroughput(p, n)) ** 2;
  return sum;
}

/** λ minimising the squared error for fixed σ, κ (the model is linear in λ). */
function bestLambda(points: readonly UslPoint[], sigma: number, kappa: number): number {
  let num = 0;
  let den = 0;
  for (const { n, x } of points) {
    const f = n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
    num += x * f;
    den += f * f;
  }
  return den > 0 ? num / den : 0;
}

function clamp(p: Params): Params {
  return {
    lambda: Math.max(p.lambda, 1e-12),
    sigma: Math.min(1, Math.max(0, p.sigma)),
    kappa: Math.max(0, p.kappa),
  };
}

function gridStart(points: readonly UslPoint[]): Params {
  let best: Params = { lambda: bestLambda(points, 0, 0), sigma: 0, kappa: 0 };
  let bestError = sse(points, best);
  const kappas = [0, ...Array.from({ length: 33 }, (_, i) => 10 ** (-8 + i * 0.25))];
  for (let s = 0; s <= 50; s++) {
    const sigma = s / 50;
    for (const kappa of kappas) {
      const candidate = { lambda: bestLambda(points, sigma, kappa), sigma, kappa };
      const error = sse(points, candidate);
      if (error < bestError) {
        best = candidate;
        bestError = error;
      }
    }
  }
  return best;
}

type Vec3 = readonly [number, number, number];

/** Determinant of the 3×3 matrix with columns a, b, c. */
function det3(a: Vec3, b: Vec3, c: Vec3): number {
  return (
    a[0] * (b[1] * c[2] - c[1] * b[2]) -
    b[0] * (a[1] * c[2] - c[1] * a[2]) +
    c[0] * (a[1] * b[2] - b[1] * a[2])
  );
}

/** Solves [a b c]·δ = r by Cramer's rule; null when the system is singular. */
function solve3(a: Vec3, b: Vec3, c: Vec3, r: Vec3): Vec3 | null {
  const d = det3(a, b, c);
  if (!Number.isFinite(d) || Math.abs(d) < 1e-300) return null;
  return [det3(r, b, c) / d, det3(a, r, c) / d, det3(a, b, r) / d];
}

/** Levenberg–Marquardt on (λ, σ, κ), projected onto the bounds after each step. */
function refine(points: readonly UslPoint[], start: Params): Params {
  let p = start;
  let error = sse(points, p);
  let mu = 1e-3;
  for (let iteration = 0; iteration < 500 && mu < 1e12; iteration++) {
    // JᵀJ (symmetric) and Jᵀr, with J the model's derivatives by λ, σ, κ.
    let s00 = 0;
    let s01 = 0;
    let s02 = 0;
    let s11 = 0;
    let s12 = 0;
    let s22 = 0;
    let r0 = 0;
    let r1 = 0;
    let r2 = 0;
    for (const { n, x } of points) {
      const d = 1 + p.sigma * (n - 1) + p.kappa * n * (n - 1);
      const residual = x - (p.lambda * n) / d;
      const j0 = n / d;
      const j1 = (-p.lambda * n * (n - 1)) / (d * d);
      const j2 = j1 * n;
      s00 += j0 * j0;
      s01 += j0 * j1;
      s02 += j0 * j2;
      s11 += j1 * j1;
      s12 += j1 * j2;
      s22 += j2 * j2;
      r0 += j0 * residual;
      r1 += j1 * residual;
      r2 += j2 * residual;
    }
    const delta = solve3(
      [s00 * (1 + mu) + 1e-300, s01, s02],
      [s01, s11 * (1 + mu) + 1e-300, s12],
      [s02, s12, s22 * (1 + mu) + 1e-300],
      [r0, r1, r2],
    );
    if (delta === null) break;
    const candidate = clamp({
      lambda: p.lambda + delta[0],
      sigma: p.sigma + delta[1],
      kappa: p.kappa + delta[2],
    });
    const candidateError = sse(points, candidate);
    if (candidateError < error) {
      const gain = error - candidateError;
      p = candidate;
      error = candidateError;
      mu = Math.max(mu / 10, 1e-12);
      if (gain <= 1e-15 * Math.max(error, 1e-300)) break;
    } else {
      mu *= 10;
    }
  }
  return p;
}

export function fitUsl(points: readonly UslPoint[]): UslFit {
  const usable = points.filter(
    (p) => Number.isFinite(p.n) && Number.isFinite(p.x) && p.n > 0 && p.x >= 0,
  );
  const distinct = new Set(usable.map((p) => p.n)).size;
  if (usable.length < USL_MIN_POINTS || distinct < 3) {
    return {
      fitted: false,
      reason: `a three-parameter model needs at least ${USL_MIN_POINTS} steps at 3 or more multiples (have ${usable.length} at ${distinct})`,
    };
  }
  const fitted = refine(usable, gridStart(usable));
  // A κ whose effect over the measured range is below rounding is no coherency cost at all.
  const nMax = Math.max(...usable.map((q) => q.n));
  const p = fitted.kappa * nMax * nMax < 1e-9 ? { ...fitted, kappa: 0 } : fitted;
  const mean = usable.reduce((s, q) => s + q.x, 0) / usable.length;
  const total = usable.reduce((s, q) => s + (q.x - mean) ** 2, 0);
  const residual = sse(usable, p);
  return {
    fitted: true,
    lambda: p.lambda,
    sigma: p.sigma,
    kappa: p.kappa,
    peakMultiple: p.kappa > 0 && p.sigma < 1 ? Math.sqrt((1 - p.sigma) / p.kappa) : null,
    r2: total > 0 ? 1 - residual / total : residual === 0 ? 1 : 0,
    points: usable.length,
  };
}
