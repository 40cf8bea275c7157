/**
 * Drives the open-model executors: every arrival the schedule intends before "now" becomes an
 * action of the generator, and the actions of one tick go to the pool together. An arrival that
 * finds its executor's in-flight slots (maxVUs) all taken is dropped and counted — never
 * delayed, so a slow database cannot slow the arrival rate down (no coordinated omission).
 */
import type { Recorder } from '../metrics/recorder.js';
import { createBatch } from '../workload/batch.js';
import type { TransactionGenerator } from '../workload/generator.js';
import type { ArrivalSchedule } from '../workload/schedule/index.js';
import type { TxBatch } from '../workload/types.js';
import type { Dispatcher } from './dispatcher.js';
import type { ActionKind, RoomClass } from '../core/vocabulary.js';

const INITIAL_BATCH_ROWS = 256;

export interface SubmitHook {
  /** Sees every batch before it leaves for the pool (traces). */
  (batch: TxBatch): void;
}

export class OpenDriver {
  private readonly pending: TxBatch[];
  private readonly pendingActions: Int32Array;
  private readonly onArrival: (
    at: number,
    action: ActionKind,
    roomClass: RoomClass | null,
    scenario: number,
  ) => void;

  constructor(
    private readonly schedule: ArrivalSchedule,
    private readonly generator: TransactionGenerator,
    private readonly dispatcher: Dispatcher,
    private readonly recorder: Recorder,
    private readonly maxVUs: readonly number[],
    private readonly beforeSubmit: SubmitHook | null,
  ) {
    this.pending = maxVUs.map(() => createBatch(INITIAL_BATCH_ROWS));
    this.pendingActions = new Int32Array(maxVUs.length);
    this.onArrival = (at, action, roomClass, scenario) =>
      this.arrive(at, action, roomClass, scenario);
  }

  get done(): boolean {
    return this.schedule.done;
  }

  /** Generates and sends every arrival intended before `now` (run-clock ms). */
  tick(now: number): void {
    this.schedule.nextBatchUntil(now, this.onArrival);
    this.pending.forEach((batch, scenario) => {
      if (batch.count === 0) return;
      this.beforeSubmit?.(batch);
      this.dispatcher.submit(batch, scenario);
      this.pending[scenario] = createBatch(Math.max(INITIAL_BATCH_ROWS, batch.count));
      this.pendingActions[scenario] = 0;
    });
  }

  private arrive(at: number, action: ActionKind, roomClass: RoomClass | null, scenario: number) {
    const batch = this.pending[scenario] as TxBatch;
    const rows = batch.count;
    const listUsed = batch.listUsed;
    const added = this.generator.emit(action, at, batch, roomClass ?? undefined);
    if (added === 0) return;
    const busy = this.dispatcher.actionsOf(scenario) + (this.pendingActions[scenario] as number);
    if (busy >= (this.maxVUs[scenario] as number)) {
      batch.count = rows;
      batch.listUsed = listUsed;
      this.recorder.recordDropped(scenario, added);
      return;
    }
    this.pendingActions[scenario] = (this.pendingActions[scenario] as number) + 1;
  }
}
