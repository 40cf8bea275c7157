/**
 * The run loop: on each tick of the run clock, feed the drivers and watch the connections and
 * the target's availability; once a second, fold the main thread's measurements into the
 * aggregate, report progress and check the abortOnFail thresholds. It ends when the schedule is
 * done, on a stop request, on a worker's fatal failure or on a crossed threshold, and says which.
 */
import { asChatloadError, type ChatloadError } from '../core/errors.js';
import type { RunStatus } from '../metrics/results.js';
import { crossedAbortThresholds } from '../metrics/thresholds.js';
import type { RunListener } from './events.js';
import type { Pace } from './pace.js';
import type { RunParts, RunPlan } from './setup.js';

export interface RunControl {
  stop: 'interrupted' | null;
}

export interface LoopEnd {
  status: RunStatus;
  failure: ChatloadError | null;
  /** The last whole second of the run clock folded into the aggregate. */
  second: number;
  /** Run-clock ms at which scheduling ended. */
  scheduleEndMs: number;
}

export async function driveSchedule(
  plan: RunPlan,
  parts: RunParts,
  pace: Pace,
  control: RunControl,
  listener: RunListener,
): Promise<LoopEnd> {
  const { aggregate, mainRecorder, dispatcher, open, closed, pressure, outages } = parts;
  const plannedMs = plan.schedule.plannedDurationMs;
  let status: RunStatus = 'completed';
  let failure: ChatloadError | null = null;
  let second = 0;
  let unavailable = false;
  const idle = (): Promise<void> => dispatcher.idle();
  try {
    for (;;) {
      const now = pace.now();
      if (control.stop !== null) {
        status = 'interrupted';
        listener({ kind: 'stopping', reason: 'interrupted', detail: 'stopped by signal' });
        break;
      }
      if (dispatcher.fatal !== null) {
        failure = dispatcher.fatal;
        status = 'aborted';
        listener({ kind: 'stopping', reason: 'failed', detail: failure.message });
        break;
      }
      open.tick(now);
      closed.tick(now);
      const saturated = pressure?.observe(now, dispatcher.inFlightActions) ?? null;
      if (saturated !== null) listener({ kind: 'warning', message: saturated });
      if (outages.down !== unavailable) {
        unavailable = outages.down;
        listener({ kind: 'target-availability', available: !unavailable, elapsedMs: now });
      }
      const current = Math.floor(now / 1000);
      if (current > second) {
        second = current;
        aggregate.add(mainRecorder.snapshot(second));
        listener({
          kind: 'progress',
          elapsedMs: now,
          plannedMs,
          totals: aggregate.totals(),
          inFlight: dispatcher.inFlightRows,
        });
        const crossed = crossedAbortThresholds(plan.thresholds, aggregate, now);
        if (crossed.length > 0) {
          status = 'aborted';
          listener({ kind: 'aborted', crossed });
          break;
        }
      }
      if (open.done && closed.isDone(now)) break;
      await pace.next(idle);
    }
  } catch (error) {
    failure = asChatloadError(error);
    status = 'aborted';
  }
  return { status, failure, second, scheduleEndMs: pace.now() };
}
