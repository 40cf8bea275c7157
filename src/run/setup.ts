/**
 * Setting a run up, in two parts. `planRun` builds what holds nothing that must be released:
 * the world, the prepared store (its connection is closed again), the compiled thresholds, the
 * schedule, the generator and the connections. `startPool` and `buildDrivers` then make the parts
 * that hold threads, which the orchestrator releases in `finally` whatever happens after; the run
 * clock starts (`startClock`) once every worker is ready, so start-up is never latency.
 */
import { Aggregate } from '../metrics/aggregate.js';
import { Recorder } from '../metrics/recorder.js';
import { compileThreshold, type Threshold } from '../metrics/threshold-parser.js';
import { WorkerPool } from '../pool/pool.js';
import { DEFAULT_OUTAGE_POLICY } from '../targets/availability.js';
import { runsAsynchronously } from '../targets/open.js';
import { parseTargetUrl } from '../targets/url.js';
import { isArrivalExecutor, type ResolvedScenario } from '../scenario/resolved.js';
import { TransactionGenerator } from '../workload/generator.js';
import { buildSchedule, type Schedule } from '../workload/schedule/index.js';
import type { TxBatch } from '../workload/types.js';
import { buildWorld, type SimulatedWorld } from '../workload/world.js';
import { ClosedDriver } from './closed-driver.js';
import { ConnectionPressure, planConnections } from './connections.js';
import { Dispatcher } from './dispatcher.js';
import type { RunListener } from './events.js';
import { OpenDriver } from './open-driver.js';
import type { OutageLog } from './outages.js';
import { realPace, virtualPace, type Pace } from './pace.js';
import type { RunRequest } from './request.js';
import { prepareStore, type PreparedStore } from './store.js';

/** Everything a run needs before it starts threads. */
export interface RunPlan {
  scenario: ResolvedScenario;
  world: SimulatedWorld;
  store: PreparedStore;
  /** Executor names, indexed like the scenario index a batch carries. */
  names: string[];
  thresholds: Threshold[];
  schedule: Schedule;
  generator: TransactionGenerator;
  /** SQL Server: the run's connections in total; null for the other targets. */
  connections: number | null;
}

export async function planRun(request: RunRequest, listener: RunListener): Promise<RunPlan> {
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
  const thresholds = scenario.thresholds.map((t) =>
    compileThreshold(t, `thresholds["${t.metric}"]`, names),
  );
  const schedule = buildSchedule(scenario);
  const generator = new TransactionGenerator(world, scenario.model, {
    seed: scenario.seed,
    initiallyOnline: scenario.initiallyOnline,
  });
  const connections =
    request.connections === undefined
      ? planConnections(scenario, parseTargetUrl(request.target), request.workers, null)
      : request.connections;
  return { scenario, world, store, names, thresholds, schedule, generator, connections };
}

/** The run clock: time 0 on the wall clock, how the loop advances, and the start date. */
export interface RunClock {
  runEpochMs: number;
  pace: Pace;
  startedAt: Date;
}

/** Starts the run clock, the workers' too: call once every worker is ready. */
export function startClock(request: RunRequest, pool: WorkerPool): RunClock {
  const runEpochMs = pool.startClock();
  const pace =
    request.virtualStepMs === undefined
      ? realPace(runEpochMs, request.tickMs ?? 1)
      : virtualPace(request.virtualStepMs);
  return { runEpochMs, pace, startedAt: new Date() };
}

/**
 * Batches one worker of an asynchronous target runs at once: in effect no limit (the in-flight
 * limits bound the work, the connections bound the store work).
 */
const ASYNC_TASKS_PER_WORKER = 100_000;

/** Where the pool's events go once the parts that take them exist (they start after the pool). */
export interface PoolEvents {
  aggregate: Aggregate;
  outages: OutageLog;
  dispatcher: Dispatcher | null;
  pace: Pace | null;
}

/** Starts the worker threads; each opens its own connections. Release with `destroy()`. */
export function startPool(request: RunRequest, plan: RunPlan, events: PoolEvents): WorkerPool {
  const { scenario, world } = plan;
  return new WorkerPool({
    threads: request.workers,
    concurrentTasksPerWorker: runsAsynchronously(request.target) ? ASYNC_TASKS_PER_WORKER : 1,
    setup: {
      target: request.target,
      workers: request.workers,
      connections: plan.connections,
      outage: {
        ...DEFAULT_OUTAGE_POLICY,
        giveUpAfterMs: request.maxOutageMs ?? DEFAULT_OUTAGE_POLICY.giveUpAfterMs,
      },
      compliance: scenario.compliance
        ? { target: request.complianceTarget, maxBatch: 500, intervalMs: 50, capacity: 10_000 }
        : null,
      naming: { seed: world.naming.seed, domain: world.naming.domain, corpus: world.naming.corpus },
      layout: world.layout,
      snapshotCheckMs: 100,
    },
    onSnapshot: (snapshot) => events.aggregate.add(snapshot),
    // A freed slot may take the next arrival now, not a tick later: wake the loop.
    onActionsDone: (pairs) => {
      events.dispatcher?.completeActions(pairs);
      events.pace?.wake();
    },
    onOutages: (source, outages) => events.outages.add(source, outages),
  });
}

/** What the loop drives: the measurements of the main thread, the dispatcher and the drivers. */
export interface RunParts {
  aggregate: Aggregate;
  /** The main thread's own recorder (drops, VUs), the aggregate's last source. */
  mainRecorder: Recorder;
  pool: WorkerPool;
  dispatcher: Dispatcher;
  open: OpenDriver;
  closed: ClosedDriver;
  /** SQL Server: whether in-flight work outgrows the connections; null for other targets. */
  pressure: ConnectionPressure | null;
  outages: OutageLog;
}

/** Wires the schedule's drivers to the pool; `beforeSubmit` sees every batch (the trace). */
export function buildDrivers(
  request: RunRequest,
  plan: RunPlan,
  pool: WorkerPool,
  events: PoolEvents,
  openedConnections: number | null,
  beforeSubmit: ((batch: TxBatch) => void) | null,
): RunParts {
  const { aggregate, outages } = events;
  const { scenario, schedule, generator } = plan;
  const mainRecorder = new Recorder(request.workers);
  const dispatcher = new Dispatcher(pool, {
    scenarios: plan.names.length,
    maxChunkRows: request.maxChunkRows ?? 512,
    minChunks: request.workers,
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
  events.dispatcher = dispatcher;
  const pressure =
    plan.connections === null || openedConnections === null
      ? null
      : new ConnectionPressure(openedConnections);
  return { aggregate, mainRecorder, pool, dispatcher, open, closed, pressure, outages };
}

/** An aggregate with one source per worker and one for the main thread. */
export function newAggregate(request: RunRequest, plan: RunPlan): Aggregate {
  return new Aggregate({ scenarios: plan.names, sources: request.workers + 1 });
}
