/**
 * How the run loop's clock advances. `realPace` follows the wall clock and ticks every few
 * milliseconds. `virtualPace` is simulated time for tests and dry runs: the clock moves by one
 * step only once everything sent has completed, so a run of an hour's schedule takes as long as
 * the pipeline needs to carry it, and rates can be checked exactly with a fixed seed.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Pace {
  /** Run-clock ms. */
  now(): number;
  /** Waits for the next tick; `idle` resolves once no batch is in flight. */
  next(idle: () => Promise<void>): Promise<void>;
  /** True when `now()` follows the wall clock (latencies are then meaningful). */
  readonly real: boolean;
}

export function realPace(runEpochMs: number, tickMs: number): Pace {
  return {
    now: () => performance.timeOrigin + performance.now() - runEpochMs,
    next: async () => {
      await sleep(tickMs);
    },
    real: true,
  };
}

export function virtualPace(stepMs: number): Pace {
  let t = 0;
  return {
    now: () => t,
    next: async (idle) => {
      await idle();
      t += stepMs;
    },
    real: false,
  };
}
