/**
 * The orchestrator: a resolved scenario in, a results file out. Setup (setup.ts) builds the
 * world, prepares the store and starts the pool, and the run clock starts once every worker has
 * opened its target (start-up is never latency); the loop (loop.ts) drives the executors on the
 * run clock; the drain (drain.ts) lets in-flight work finish and collects every measurement —
 * whether the schedule ended, the user pressed Ctrl-C, a threshold aborted or a worker failed.
 * The pool and the trace are released in `finally`, so no failure leaves threads running, and a
 * trace that cannot be written costs the trace, never the measurements. Never prints.
 */
import { asChatloadError, ChatloadError } from '../core/errors.js';
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
  type PoolEvents,
  type RunClock,
  type RunPlan,
} from './setup.js';
import { OutageLog } from './outages.js';
import { TraceWriter } from './trace.js';
import { awaitWorkers } from './workers.js';

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
  clock: RunClock;
  loop: LoopEnd;
  failure: ChatloadError | null;
  /** Connections the workers opened (store, compliance); null when they did not all open. */
  connections: { store: number; compliance: number } | null;
  outages: OutageLog;
  pressureNote: string | null;
}

async function execute(
  request: RunRequest,
  listener: RunListener,
  control: RunControl,
): Promise<RunOutcome> {
  const plan = await planRun(request, listener);
  let runEpochMs = 0;
  // Opened before any thread starts: a path that cannot be created fails the run at once.
  const trace =
    request.tracePath === null
      ? null
      : new TraceWriter(request.tracePath, plan.world.naming, () => runEpochMs);
  let measured: Measured;
  let traceFailure: ChatloadError | null = null;
  try {
    measured = await measure(request, plan, trace, control, listener, (epoch) => {
      runEpochMs = epoch;
    });
  } finally {
    if (trace !== null) traceFailure = await trace.close();
  }
  const results = resultsOf(request, plan, measured, traceFailure);
  return { results, failure: measured.failure, traceFailure };
}

/**
 * Starts the pool, waits for every worker to be ready, starts the clock, runs the loop and the
 * drain, and always stops the pool. A worker that cannot open its target ends the run before
 * the loop, with its failure.
 */
async function measure(
  request: RunRequest,
  plan: RunPlan,
  trace: TraceWriter | null,
  control: RunControl,
  listener: RunListener,
  onClock: (runEpochMs: number) => void,
): Promise<Measured> {
  const events: PoolEvents = {
    aggregate: newAggregate(request, plan),
    outages: new OutageLog(),
    dispatcher: null,
    pace: null,
  };
  const { aggregate, outages } = events;
  const pool = startPool(request, plan, events);
  let measured: Measured | null = null;
  try {
    listener({ kind: 'starting', workers: request.workers });
    const readiness = await awaitWorkers(pool, () => control.stop !== null);
    const clock = startClock(request, pool);
    onClock(clock.runEpochMs);
    events.pace = clock.pace;
    const opened = readiness?.ok === true ? readiness : null;
    const beforeSubmit = trace === null ? null : trace.write.bind(trace);
    const parts = buildDrivers(
      request,
      plan,
      pool,
      events,
      opened?.connections ?? null,
      beforeSubmit,
    );
    listener({
      kind: 'started',
      plannedMs: plan.schedule.plannedDurationMs,
      workers: request.workers,
      target: plan.store.description,
      connections: opened?.connections ?? null,
    });
    let loop: LoopEnd;
    if (readiness?.ok === false) {
      const { code, message, hint } = readiness.failure;
      const failure = new ChatloadError(code, message, { hint });
      listener({ kind: 'stopping', reason: 'failed', detail: message });
      loop = { status: 'aborted', failure, second: 0, scheduleEndMs: 0 };
    } else {
      loop = await driveSchedule(plan, parts, clock.pace, control, listener);
    }
    const drainFailure = await drainRun(plan.scenario, parts, clock.pace, loop.second);
    measured = {
      aggregate,
      clock,
      loop,
      failure: loop.failure ?? drainFailure,
      connections:
        opened === null || plan.store.kind === 'null'
          ? null
          : { store: opened.connections, compliance: opened.complianceConnections },
      outages,
      pressureNote: parts.pressure?.note() ?? null,
    };
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
  measured: Measured,
  traceFailure: ChatloadError | null,
): ResultsFile {
  const { clock, loop } = measured;
  const results = buildResults(
    measured.aggregate,
    runFacts({
      scenario: plan.scenario,
      world: plan.world,
      store: plan.store,
      startedAt: clock.startedAt,
      scheduleEndMs: loop.scheduleEndMs,
      workers: request.workers,
      status: loop.status,
      thresholds: plan.thresholds,
      connections: measured.connections,
      unavailable: measured.outages.section(loop.scheduleEndMs),
    }),
  );
  const notes: string[] = [];
  if (measured.pressureNote !== null) notes.push(measured.pressureNote);
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
