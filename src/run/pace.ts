/**
 * How the run loop's clock advances. `realPace` follows the wall clock and ticks every few
 * milliseconds, or sooner when woken (an in-flight slot freed: the next arrival may take it now
 * rather than a tick later). `virtualPace` is simulated time for tests and dry runs: the clock
 * moves by one step only once everything sent has completed, so a run of an hour's schedule
 * takes as long as the pipeline needs to carry it, and rates can be checked exactly with a fixed
 * seed.
 */
import { performance } from 'node:perf_hooks';

export interface Pace {
  /** Run-clock ms. */
  now(): number;
  /** Waits for the next tick; `idle` resolves once no batch is in flight. */
  next(idle: () => Promise<void>): Promise<void>;
  /** Ends the current wait for the next tick early (no effect on simulated time). */
  wake(): void;
  /** True when `now()` follows the wall clock (latencies are then meaningful). */
  readonly real: boolean;
}

export function realPace(runEpochMs: number, tickMs: number): Pace {
  let waiting: (() => void) | null = null;
  let timer: NodeJS.Timeout | null = null;
  const tick = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const resume = waiting;
    waiting = null;
    resume?.();
  };
  return {
    now: () => performance.timeOrigin + performance.now() - runEpochMs,
    next: () =>
      new Promise<void>((resolve) => {
        waiting = resolve;
        timer = setTimeout(tick, tickMs);
      }),
    wake: tick,
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
    wake: () => undefined,
    real: false,
  };
}
