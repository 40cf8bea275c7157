/**
 * The orchestrator: a resolved scenario in, a results file out. It builds the world and the
 * schedule, prepares the store, starts the pool, drives the executors on the run clock, merges
 * the workers' snapshots, checks abortOnFail thresholds as it goes, and on the way out — whether
 * the schedule ended, the user pressed Ctrl-C, a threshold aborted or a worker failed — drains
 * what is in flight and collects every measurement before building the results. Never prints.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { asChatloadError, type ChatloadError } from '../core/errors.js';
import { Aggregate } from '../metrics/aggregate.js';
import { Recorder } from '../metrics/recorder.js';
import type { ResultsFile, RunStatus } from '../metrics/results.js';
import { buildResults } from '../metrics/results-file.js';
import { compileThreshold, type Threshold } from '../metrics/threshold-parser.js';
import { crossedAbortThresholds } from '../metrics/thresholds.js';
import { WorkerPool } from '../pool/pool.js';
import type { ResolvedScenario } from '../scenario/resolved.js';
import { isArrivalExecutor } from '../scenario/resolved.js';
import { TransactionGenerator } from '../workload/generator.js';
import { buildSchedule } from '../workload/schedule/index.js';
import { buildWorld } from '../workload/world.js';
import { ClosedDriver } from './closed-driver.js';
import { Dispatcher } from './dispatcher.js';
import type { RunListener } from './events.js';
import { runFacts } from './facts.js';
import { OpenDriver } from './open-driver.js';
import { realPace, virtualPace } from './pace.js';
import { prepareStore } from './store.js';
import { TraceWriter } from './trace.js';

export interface RunRequest {
  scenario: ResolvedScenario;
  /** Target URL of the chat store (may hold a password; only redacted descriptions leave). */
  target: string;
  complianceTarget: string | null;
  /** The target is chatload's default embedded store for this scenario (see StoreRequest). */
  defaultStore: boolean;
  workers: number;
  /** SQL Server connections per worker. */
  poolSize: number;
  tracePath: string | null;
  /** Main-loop period on the wall clock, ms. @default 1 */
  tickMs?: number;
  /**
   * Simulated time instead of the wall clock (see pace.ts): for tests of rates and counts.
   * Latencies measured under it are meaningless and the results say so.
   */
  virtualStepMs?: number;
  /** Most rows in one pool task. @default 512 */
  maxChunkRows?: number;
}

export interface RunOutcome {
  results: ResultsFile;
  /** A worker or the store failed: the results hold what was measured until then. */
  failure: ChatloadError | null;
}

export interface RunHandle {
  /** Stops scheduling; in-flight work drains within gracefulStop. Idempotent. */
  stop(reason: 'interrupted'): void;
  readonly done: Promise<RunOutcome>;
}

/** How long workers get to report their last measurements once everything has drained. */
const FINAL_FLUSH_MS = 60_000;

export function startRun(request: RunRequest, listener: RunListener): RunHandle {
  const control = { stop: null as 'interrupted' | null };
  return {
    stop: (reason) => {
      control.stop ??= reason;
    },
    done: execute(request, listener, control),
  };
}

function maxGracefulStopMs(scenario: ResolvedScenario): number {
  return Math.max(0, ...scenario.executors.map((e) => e.gracefulStopMs));
}

async function execute(
  request: RunRequest,
  listener: RunListener,
  control: { stop: 'interrupted' | null },
): Promise<RunOutcome> {
  const { scenario } = request;
  const world = buildWorld(scenario.model, { seed: scenario.seed });
  const store = await prepareStore(
    world,
    scenario.model,
    {
      target: request.target,
      complianceTarget: request.complianceTarget,
      compliance: scenario.compliance,
      historyDays: scenario.history.preloadDays,
      replaceOtherWorld: request.defaultStore,
    },
    listener,
  );
  const names = scenario.executors.map((e) => e.name);
  const thresholds: Threshold[] = scenario.thresholds.map((t) =>
    compileThreshold(t, `thresholds["${t.metric}"]`, names),
  );
  const schedule = buildSchedule(scenario);
  const generator = new TransactionGenerator(world, scenario.model, {
    seed: scenario.seed,
    initiallyOnline: scenario.initiallyOnline,
  });
  const workers = request.workers;
  const aggregate = new Aggregate({ scenarios: names, sources: workers + 1 });
  const mainRecorder = new Recorder(workers);
  const runEpochMs = performance.timeOrigin + performance.now();
  const pace =
    request.virtualStepMs === undefined
      ? realPace(runEpochMs, request.tickMs ?? 1)
      : virtualPace(request.virtualStepMs);
  const startedAt = new Date();
  const pool = new WorkerPool({
    threads: workers,
    concurrentTasksPerWorker: store.kind === 'mssql' ? request.poolSize : 1,
    setup: {
      target: request.target,
      poolSize: request.poolSize,
      compliance: scenario.compliance
        ? { target: request.complianceTarget, maxBatch: 500, intervalMs: 50, capacity: 10_000 }
        : null,
      naming: { seed: world.naming.seed, domain: world.naming.domain, corpus: world.naming.corpus },
      layout: world.layout,
      runEpochMs,
      snapshotCheckMs: 100,
    },
    onSnapshot: (snapshot) => aggregate.add(snapshot),
  });
  const trace =
    request.tracePath === null
      ? null
      : new TraceWriter(request.tracePath, world.naming, Date.now());
  const beforeSubmit =
    trace === null ? null : (batch: Parameters<TraceWriter['write']>[0]) => trace.write(batch);
  const dispatcher = new Dispatcher(pool, {
    scenarios: names.length,
    maxChunkRows: request.maxChunkRows ?? 512,
    minChunks: workers,
  });
  const maxVUs = scenario.executors.map((e) => (isArrivalExecutor(e) ? e.maxVUs : Infinity));
  const open = new OpenDriver(
    schedule.arrivals,
    generator,
    dispatcher,
    mainRecorder,
    maxVUs,
    beforeSubmit,
  );
  const closed = new ClosedDriver(
    schedule.vuPlans,
    generator,
    dispatcher,
    mainRecorder,
    beforeSubmit,
  );
  listener({
    kind: 'started',
    plannedMs: schedule.plannedDurationMs,
    workers,
    target: store.description,
  });

  let status: RunStatus = 'completed';
  let failure: ChatloadError | null = null;
  let second = 0;
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
      const current = Math.floor(now / 1000);
      if (current > second) {
        second = current;
        aggregate.add(mainRecorder.snapshot(second));
        listener({
          kind: 'progress',
          elapsedMs: now,
          plannedMs: schedule.plannedDurationMs,
          totals: aggregate.totals(),
          inFlight: dispatcher.inFlightRows,
        });
        const crossed = crossedAbortThresholds(thresholds, aggregate, now);
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
  const scheduleEndMs = pace.now();

  const grace = new AbortController();
  const drained = await Promise.race([
    dispatcher.idle().then(() => true),
    sleep(maxGracefulStopMs(scenario), false, { signal: grace.signal }).catch(() => false),
  ]);
  grace.abort();
  if (!drained) {
    pool.skipPending();
    await dispatcher.idle();
  }
  dispatcher.skippedByScenario.forEach((rows, scenarioIndex) => {
    if (rows > 0) mainRecorder.recordDropped(scenarioIndex, rows);
  });
  failure ??= dispatcher.fatal;
  try {
    await pool.flush(true, FINAL_FLUSH_MS);
  } catch (error) {
    failure ??= asChatloadError(error);
  }
  aggregate.add(mainRecorder.snapshot(Math.max(second + 1, Math.ceil(pace.now() / 1000))));
  await pool.destroy();
  if (trace !== null) await trace.close();

  const results = buildResults(
    aggregate,
    runFacts({ scenario, world, store, startedAt, scheduleEndMs, workers, status, thresholds }),
  );
  if (!pace.real) {
    results.notes = [
      ...(results.notes ?? []),
      'run on simulated time (virtual pace): counts and rates are exact, latencies are not meaningful',
    ];
  }
  return { results, failure };
}
