/**
 * Drives the closed-model executors (constant-vus, ramping-vus, per-vu-iterations,
 * shared-iterations): each VU runs one action at a time and starts the next when the previous
 * one has completed, as k6's VUs do. The actions of every VU that is ready at the same tick
 * travel in one batch (a task per action would cost more than a fast database's transaction);
 * each VU is released as soon as its own action completes (see the dispatcher). Latency here is
 * what a client sees; the open model is the one that exposes queueing.
 */
import type { Recorder } from '../metrics/recorder.js';
import { createBatch } from '../workload/batch.js';
import type { TransactionGenerator } from '../workload/generator.js';
import type { VuPlan } from '../workload/schedule/index.js';
import type { TxBatch } from '../workload/types.js';
import type { Dispatcher } from './dispatcher.js';
import type { SubmitHook } from './open-driver.js';

const INITIAL_BATCH_ROWS = 64;

export class ClosedDriver {
  private readonly busy: Uint8Array[];
  private busyTotal = 0;

  constructor(
    private readonly plans: readonly VuPlan[],
    private readonly generator: TransactionGenerator,
    private readonly dispatcher: Dispatcher,
    private readonly recorder: Recorder,
    private readonly beforeSubmit: SubmitHook | null,
  ) {
    this.busy = plans.map((plan) => new Uint8Array(plan.maxVUs));
  }

  /** True when no plan will start another iteration and none is running. */
  isDone(now: number): boolean {
    return this.busyTotal === 0 && this.plans.every((plan) => plan.isDone(now));
  }

  /** Starts the next iteration of every idle VU that should be running at `now`. */
  tick(now: number): void {
    this.plans.forEach((plan, p) => {
      const busy = this.busy[p] as Uint8Array;
      const active = Math.min(plan.vusAt(now), plan.maxVUs);
      this.recorder.setVus(plan.scenarioIndex, active);
      let batch: TxBatch | null = null;
      const vus: number[] = [];
      for (let vu = 0; vu < active; vu++) {
        if (busy[vu] === 1) continue;
        const iteration = plan.nextIteration(vu, now);
        if (iteration === null) continue;
        batch ??= createBatch(INITIAL_BATCH_ROWS);
        const added = this.generator.emit(
          iteration.action,
          now,
          batch,
          iteration.roomClass ?? undefined,
        );
        if (added === 0) continue;
        busy[vu] = 1;
        vus.push(vu);
      }
      if (batch === null || vus.length === 0) return;
      this.busyTotal += vus.length;
      this.beforeSubmit?.(batch);
      this.dispatcher.submit(batch, plan.scenarioIndex, (first, actions) => {
        for (let k = first; k < first + actions; k++) busy[vus[k] as number] = 0;
        this.busyTotal -= actions;
      });
    });
  }
}
