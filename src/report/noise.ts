/**
 * Run-to-run noise from one run's per-second series, by the method of batch means: the seconds
 * are cut into √n consecutive batches, and the spread of the batch means gives the standard
 * error of the run's mean. Batches (rather than single seconds) absorb the correlation between
 * neighbouring seconds — a slow checkpoint makes several seconds slow together — which would
 * make a per-second standard error look far too confident.
 */

export interface NoiseEstimate {
  /** Mean of the points used. */
  mean: number;
  /** Standard error of that mean; NaN when there were too few points to estimate it. */
  standardError: number;
  /** standardError ÷ mean; NaN when not estimable. */
  relative: number;
  batches: number;
  points: number;
}

/** Fewer batches than this and the spread says nothing useful. */
export const MIN_BATCHES = 4;

/** Estimates the standard error of the mean of `values` (nulls — empty seconds — are skipped). */
export function batchMeans(values: readonly (number | null)[]): NoiseEstimate {
  const points = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const n = points.length;
  const mean = n === 0 ? Number.NaN : points.reduce((sum, v) => sum + v, 0) / n;
  const batches = Math.floor(Math.sqrt(n));
  if (batches < MIN_BATCHES) {
    return { mean, standardError: Number.NaN, relative: Number.NaN, batches, points: n };
  }
  const size = Math.floor(n / batches);
  const batchMeansList: number[] = [];
  for (let b = 0; b < batches; b++) {
    let sum = 0;
    for (let i = b * size; i < (b + 1) * size; i++) sum += points[i] as number;
    batchMeansList.push(sum / size);
  }
  const grand = batchMeansList.reduce((sum, v) => sum + v, 0) / batches;
  const variance = batchMeansList.reduce((sum, v) => sum + (v - grand) ** 2, 0) / (batches - 1);
  const standardError = Math.sqrt(variance / batches);
  return {
    mean,
    standardError,
    relative: mean > 0 ? standardError / mean : Number.NaN,
    batches,
    points: n,
  };
}

/**
 * The smallest relative difference between two runs' means that is not noise: `z` combined
 * standard errors. NaN when either run's noise could not be estimated.
 */
export function noiseThreshold(a: NoiseEstimate, b: NoiseEstimate, z: number): number {
  return z * Math.sqrt(a.relative ** 2 + b.relative ** 2);
}
