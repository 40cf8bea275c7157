/**
 * One open-model stream of arrivals: a rate profile, a phase, an offset on the run clock and a
 * segment. Arrival k (k = 0, 1, ...) is intended at startMs + profile.timeAt(k + phase); a
 * segment I/N keeps the arrivals with k ≡ I (mod N), so N segments partition the stream.
 */
import { uniformAt, type WeightedChoice } from './draw.js';
import type { RateProfile } from './rate-profile.js';
import type { RoomClass } from '../../core/vocabulary.js';
import type { ActionKind } from '../../core/vocabulary.js';

export interface ArrivalStreamSpec {
  scenarioIndex: number;
  action: ActionKind;
  /** Fixed room class, or a choice drawn per arrival (posts without a class). */
  roomClass: RoomClass | null | WeightedChoice<RoomClass>;
  profile: RateProfile;
  /** In [0, 1): where in the first inter-arrival gap the stream starts. */
  phase: number;
  /** Run-clock ms at which the profile starts (the executor's startTime). */
  startMs: number;
  /** Seeds per-arrival draws (the room class of unclassed posts). */
  drawSeed: number;
}

export class ArrivalStream {
  readonly scenarioIndex: number;
  readonly action: ActionKind;
  private readonly spec: ArrivalStreamSpec;
  private readonly step: number;
  /** The segment index I: the first arrival index this segment takes. */
  private readonly first: number;
  /** Index k of the next arrival in the whole (unsegmented) stream. */
  private k: number;
  /** Intended time of the next arrival; Infinity when the stream is over. */
  nextAt: number;

  constructor(spec: ArrivalStreamSpec, segmentIndex: number, segmentCount: number) {
    this.spec = spec;
    this.scenarioIndex = spec.scenarioIndex;
    this.action = spec.action;
    this.step = segmentCount;
    this.first = segmentIndex;
    this.k = segmentIndex;
    this.nextAt = this.timeOf(this.k);
  }

  /** Arrivals this segment yields in all. */
  get plannedCount(): number {
    const whole = this.spec.profile.arrivalCount(this.spec.phase);
    return whole > this.first ? Math.floor((whole - 1 - this.first) / this.step) + 1 : 0;
  }

  /** Expected arrivals of the whole stream (all segments): the integral of its rate. */
  get expectedTotal(): number {
    return this.spec.profile.total;
  }

  /** The stream's room class when it is fixed; null when there is none or it is drawn per arrival. */
  get fixedRoomClass(): RoomClass | null {
    return typeof this.spec.roomClass === 'string' ? this.spec.roomClass : null;
  }

  /** The room class of the current arrival. */
  roomClass(): RoomClass | null {
    const rc = this.spec.roomClass;
    if (rc === null || typeof rc === 'string') return rc;
    return rc.pick(uniformAt(this.spec.drawSeed, this.k));
  }

  advance(): void {
    this.k += this.step;
    this.nextAt = this.timeOf(this.k);
  }

  private timeOf(k: number): number {
    return this.spec.startMs + this.spec.profile.timeAt(k + this.spec.phase);
  }
}
