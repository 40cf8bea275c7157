/**
 * Closed-model executors (constant-vus, ramping-vus, per-vu-iterations, shared-iterations) as a
 * plan the pool drives on its own clock. The protocol:
 *
 * - At each tick `t` (run-clock ms) the pool asks {@link VuPlan.vusAt}`(t)`: VUs with local ids
 *   `0 .. vusAt(t) - 1` should be looping; a VU whose id is at or above it finishes its current
 *   iteration (within `gracefulRampDownMs`) and idles.
 * - When a VU is idle (just started, or its previous action completed) the pool calls
 *   {@link VuPlan.nextIteration}`(vu, t)`: the action to run now, or null when this VU may not
 *   start one at `t` (inactive, its budget spent, or the executor's time is over).
 * - {@link VuPlan.isDone}`(t)`: no iteration will ever start again; the executor is finished.
 *
 * Iterations follow one another with no think time, as k6's VUs do. Ramping follows k6: the VU
 * count moves linearly between stage targets and changes when the line crosses a whole number
 * (rounding down while ramping up, up while ramping down). Under `--segment I/N` the plan holds
 * the VUs whose whole-run index is ≡ I (mod N), and for shared-iterations the iterations whose
 * index is ≡ I (mod N), so the segments partition the work.
 */
import type { ResolvedVuExecutor, Segment } from '../../scenario/resolved.js';
import { executorDurationMs } from '../../scenario/timeline.js';
import { uniformAt, type WeightedChoice } from './draw.js';
import type { RoomClass } from '../../core/vocabulary.js';
import type { ActionKind } from '../../core/vocabulary.js';

export interface Iteration {
  action: ActionKind;
  roomClass: RoomClass | null;
  scenarioIndex: number;
}

/** What an iteration runs: always the same action, or a draw from the model's mix. */
export type IterationChoice = WeightedChoice<{ action: ActionKind; roomClass: RoomClass | null }>;

export interface VuPlan {
  readonly scenarioIndex: number;
  readonly name: string;
  /** Run-clock ms at which the executor starts and after which no iteration starts. */
  readonly startMs: number;
  readonly endMs: number;
  readonly gracefulStopMs: number;
  /** How long a VU dropped by a ramp-down may finish its iteration (0 unless ramping-vus). */
  readonly gracefulRampDownMs: number;
  /** The most VUs this segment ever runs: local ids are 0 .. maxVUs - 1. */
  readonly maxVUs: number;
  /** Iterations this segment may run in all; null when bounded only by time. */
  readonly iterationBudget: number | null;
  vusAt(tMs: number): number;
  nextIteration(vu: number, tMs: number): Iteration | null;
  isDone(tMs: number): boolean;
}

/** VUs with whole-run index < `total` that belong to segment `index` of `count`. */
function segmentShare(total: number, segment: Segment): number {
  return total > segment.index ? Math.floor((total - 1 - segment.index) / segment.count) + 1 : 0;
}

/** The whole-run VU count at `elapsedMs` into the executor, as k6 ramps it. */
function rampedVus(
  startVUs: number,
  stages: readonly { durationMs: number; target: number }[],
  elapsedMs: number,
): number {
  let from = startVUs;
  let rest = elapsedMs;
  for (const stage of stages) {
    if (rest < stage.durationMs) {
      const line = from + ((stage.target - from) * rest) / stage.durationMs;
      return stage.target >= from ? Math.floor(line + 1e-9) : Math.ceil(line - 1e-9);
    }
    rest -= stage.durationMs;
    from = stage.target;
  }
  return from;
}

export class ClosedPlan implements VuPlan {
  readonly scenarioIndex: number;
  readonly name: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly gracefulStopMs: number;
  readonly gracefulRampDownMs: number;
  readonly maxVUs: number;
  readonly iterationBudget: number | null;
  private readonly iterationsPerVu: number | null;
  /** Iterations each local VU has started. */
  private readonly started: Int32Array;
  private startedTotal = 0;

  constructor(
    private readonly executor: ResolvedVuExecutor,
    private readonly segment: Segment,
    private readonly choice: IterationChoice,
    private readonly drawSeed: number,
  ) {
    this.scenarioIndex = executor.index;
    this.name = executor.name;
    this.startMs = executor.startTimeMs;
    this.endMs = executor.startTimeMs + executorDurationMs(executor);
    this.gracefulStopMs = executor.gracefulStopMs;
    this.gracefulRampDownMs = executor.executor === 'ramping-vus' ? executor.gracefulRampDownMs : 0;
    const wholeMax =
      executor.executor === 'ramping-vus'
        ? Math.max(executor.startVUs, ...executor.stages.map((s) => s.target))
        : executor.vus;
    this.maxVUs = segmentShare(wholeMax, segment);
    this.started = new Int32Array(this.maxVUs);
    this.iterationsPerVu = executor.executor === 'per-vu-iterations' ? executor.iterations : null;
    this.iterationBudget =
      executor.executor === 'per-vu-iterations'
        ? executor.iterations * this.maxVUs
        : executor.executor === 'shared-iterations'
          ? segmentShare(executor.iterations, segment)
          : null;
  }

  vusAt(tMs: number): number {
    if (tMs < this.startMs || tMs >= this.endMs || this.budgetSpent()) return 0;
    if (this.executor.executor !== 'ramping-vus') return this.maxVUs;
    const { startVUs, stages } = this.executor;
    return segmentShare(rampedVus(startVUs, stages, tMs - this.startMs), this.segment);
  }

  nextIteration(vu: number, tMs: number): Iteration | null {
    if (vu < 0 || vu >= this.vusAt(tMs)) return null;
    const done = this.started[vu] as number;
    if (this.iterationsPerVu !== null && done >= this.iterationsPerVu) return null;
    const wholeVu = this.segment.index + vu * this.segment.count;
    // Shared iterations are numbered across the whole run; the rest per VU.
    const u =
      this.executor.executor === 'shared-iterations'
        ? uniformAt(this.drawSeed, this.segment.index + this.startedTotal * this.segment.count)
        : uniformAt(this.drawSeed, wholeVu, done);
    this.started[vu] = done + 1;
    this.startedTotal++;
    const picked = this.choice.pick(u);
    return {
      action: picked.action,
      roomClass: picked.roomClass,
      scenarioIndex: this.scenarioIndex,
    };
  }

  isDone(tMs: number): boolean {
    return tMs >= this.endMs || this.budgetSpent();
  }

  private budgetSpent(): boolean {
    return this.iterationBudget !== null && this.startedTotal >= this.iterationBudget;
  }
}
