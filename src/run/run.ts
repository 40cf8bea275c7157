/**
 * The orchestrator: a resolved scenario in, a results file out. Setup (setup.ts) builds the
 * world, prepares the store and starts the pool; the loop (loop.ts) drives the executors on the
 * run clock; the drain (drain.ts) lets in-flight work finish and collects every measurement —
 * whether the schedule ended, the user pressed Ctrl-C, a threshold aborted or a worker failed.
 * The pool and the trace are released in `finally`, so no failure leaves threads running, and a
 * trace that cannot be written costs the trace, never the measurements. Never prints.
 */
import { asChatloadError, type ChatloadError } from '../core/errors.js';
import type { Aggregate } from '../metrics/aggregate.js';
import type { ResultsFile } from '../metrics/results.js';
import { buildResults } from '../metrics/results-file.js';
import { drainRun } from './drain.js';
import type { RunListener } from './events.js';
import { runFacts } from './facts.js';
import { driveSchedule, type LoopEnd, type RunControl } from './loop.js';
import type { RunOutcome, RunRequest } from './request.js';
import {
  buildDrivers,
  newAggregate,
  planRun,
  startClock,
  startPool,
  type RunClock,
  type RunPlan,
} from './setup.js';
import { TraceWriter } from './trace.js';

export type { RunOutcome, RunRequest } from './request.js';

export interface RunHandle {
  /** Stops scheduling; in-flight work drains within gracefulStop. Idempotent. */
  stop(reason: 'interrupted'): void;
  readonly done: Promise<RunOutcome>;
}

export function startRun(request: RunRequest, listener: RunListener): RunHandle {
  const control: RunControl = { stop: null };
  return {
    stop: (reason) => {
      control.stop ??= reason;
    },
    done: execute(request, listener, control),
  };
}

/** What the pool measured, how the loop ended, and the first failure. */
interface Measured {
  aggregate: Aggregate;
  loop: LoopEnd;
  failure: ChatloadError | null;
}

async function execute(
  request: RunRequest,
  listener: RunListener,
  control: RunControl,
): Promise<RunOutcome> {
  const plan = await planRun(request, listener);
  const clock = startClock(request);
  // Opened before any thread starts: a path that cannot be created fails the run at once.
  const trace =
    request.tracePath === null
      ? null
      : new TraceWriter(request.tracePath, plan.world.naming, clock.runEpochMs);
  let measured: Measured;
  let traceFailure: ChatloadError | null = null;
  try {
    measured = await measure(request, plan, clock, trace, control, listener);
  } finally {
    if (trace !== null) traceFailure = await trace.close();
  }
  const results = resultsOf(request, plan, clock, measured, traceFailure);
  return { results, failure: measured.failure, traceFailure };
}

/** Starts the pool, runs the loop and the drain, and always stops the pool. */
async function measure(
  request: RunRequest,
  plan: RunPlan,
  clock: RunClock,
  trace: TraceWriter | null,
  control: RunControl,
  listener: RunListener,
): Promise<Measured> {
  const aggregate = newAggregate(request, plan);
  const pool = startPool(request, plan, clock.runEpochMs, aggregate);
  let measured: Measured | null = null;
  try {
    const beforeSubmit = trace === null ? null : trace.write.bind(trace);
    const parts = buildDrivers(request, plan, pool, aggregate, beforeSubmit);
    listener({
      kind: 'started',
      plannedMs: plan.schedule.plannedDurationMs,
      workers: request.workers,
      target: plan.store.description,
    });
    const loop = await driveSchedule(plan, parts, clock.pace, control, listener);
    const drainFailure = await drainRun(plan.scenario, parts, clock.pace, loop.second);
    measured = { aggregate, loop, failure: loop.failure ?? drainFailure };
  } finally {
    const stopped = await pool.destroy().then(
      () => null,
      (error: unknown) => asChatloadError(error),
    );
    if (measured !== null) measured.failure ??= stopped;
  }
  return measured;
}

function resultsOf(
  request: RunRequest,
  plan: RunPlan,
  clock: RunClock,
  measured: Measured,
  traceFailure: ChatloadError | null,
): ResultsFile {
  const results = buildResults(
    measured.aggregate,
    runFacts({
      scenario: plan.scenario,
      world: plan.world,
      store: plan.store,
      startedAt: clock.startedAt,
      scheduleEndMs: measured.loop.scheduleEndMs,
      workers: request.workers,
      status: measured.loop.status,
      thresholds: plan.thresholds,
    }),
  );
  const notes: string[] = [];
  if (!clock.pace.real) {
    notes.push(
      'run on simulated time (virtual pace): counts and rates are exact, latencies are not meaningful',
    );
  }
  if (traceFailure !== null) {
    notes.push(
      `the SIP trace is incomplete (${traceFailure.message}); the measurements are not affected`,
    );
  }
  if (notes.length > 0) results.notes = [...(results.notes ?? []), ...notes];
  return results;
}
