/**
 * A piecewise-linear arrival rate over an executor's lifetime (k6's ramping-arrival-rate: the
 * rate moves linearly from one stage's target to the next; constant-arrival-rate is one flat
 * piece). Arrival k happens when the integral of the rate reaches k + phase, so counts follow
 * the integral exactly and arrivals are evenly spaced wherever the rate is flat.
 */

interface Piece {
  /** Offset of the piece from the profile start, ms. */
  startMs: number;
  durationMs: number;
  /** Rate at the start and at the end of the piece, arrivals per ms. */
  fromPerMs: number;
  toPerMs: number;
  /** Integral of the rate before this piece (arrivals). */
  before: number;
  /** Integral over this piece (arrivals). */
  area: number;
}

export interface RampPoint {
  durationMs: number;
  /** Arrivals per ms at the end of the stage. */
  targetPerMs: number;
}

/** Relative tolerance on the total so that float error never adds or drops an arrival at the end. */
const END_TOLERANCE = 1e-9;

export class RateProfile {
  private readonly pieces: Piece[] = [];
  /** Total expected arrivals over the profile (the integral of the rate). */
  readonly total: number;
  readonly durationMs: number;
  /** Arrivals whose cumulative position reaches this are past the end. */
  private readonly limit: number;
  private cursor = 0;

  constructor(startPerMs: number, stages: readonly RampPoint[]) {
    let startMs = 0;
    let before = 0;
    let from = startPerMs;
    for (const stage of stages) {
      const area = ((from + stage.targetPerMs) / 2) * stage.durationMs;
      this.pieces.push({
        startMs,
        durationMs: stage.durationMs,
        fromPerMs: from,
        toPerMs: stage.targetPerMs,
        before,
        area,
      });
      startMs += stage.durationMs;
      before += area;
      from = stage.targetPerMs;
    }
    this.total = before;
    this.durationMs = startMs;
    this.limit = before - Math.max(before, 1) * END_TOLERANCE;
  }

  static constant(perMs: number, durationMs: number): RateProfile {
    return new RateProfile(perMs, [{ durationMs, targetPerMs: perMs }]);
  }

  /** How many arrivals at positions k + phase (k = 0, 1, ...) fall inside the profile. */
  arrivalCount(phase: number): number {
    return this.limit > phase ? Math.ceil(this.limit - phase) : 0;
  }

  /**
   * The time (ms from the profile start) at which the integral reaches `position`, or Infinity
   * when it never does inside the profile. Positions asked in increasing order cost O(1) each.
   */
  timeAt(position: number): number {
    if (!(position < this.limit)) return Infinity;
    let piece = this.pieces[this.cursor] as Piece;
    if (position < piece.before) {
      this.cursor = 0;
      piece = this.pieces[0] as Piece;
    }
    while (position >= piece.before + piece.area || piece.area === 0) {
      this.cursor++;
      const next = this.pieces[this.cursor];
      if (next === undefined) return Infinity;
      piece = next;
    }
    return piece.startMs + offsetWithin(piece, position - piece.before);
  }
}

/** Solves from·τ + (to − from)·τ²/(2D) = area for τ, in the form that stays exact near zero rates. */
function offsetWithin(piece: Piece, area: number): number {
  const { fromPerMs: from, toPerMs: to, durationMs } = piece;
  if (from === to) return area / from;
  const root = Math.sqrt(Math.max(0, from * from + (2 * (to - from) * area) / durationMs));
  const denominator = from + root;
  return denominator === 0 ? 0 : Math.min(durationMs, (2 * area) / denominator);
}
