/**
 * The pool's worker entry (piscina). Each worker opens and owns its target connection(s) and
 * says so (the run clock starts once every worker is ready), executes micro-batches, records
 * every outcome into its own Recorder, tells the main thread which actions of a running batch
 * have completed (an asynchronous target completes them one by one), and posts an encoded
 * snapshot once a run-second (and when the main thread asks, at the end).
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { asChatloadError, TargetErrorKind } from '../core/errors.js';
import { Recorder } from '../metrics/recorder.js';
import { sampleMessage } from '../metrics/redact.js';
import { ComplianceQueue, type ComplianceWrite } from '../targets/compliance-queue.js';
import { openTarget } from '../targets/open.js';
import type { Outage } from '../targets/availability.js';
import type { ComplianceStore, Target, TargetContext } from '../targets/types.js';
import { createNaming } from '../workload/naming.js';
import {
  connectionShare,
  Control,
  type ActionsDoneMessage,
  type BatchTask,
  type ReadyMessage,
  type SnapshotMessage,
  type TaskResult,
  type WorkerSetup,
} from './protocol.js';

const setup = workerData as WorkerSetup;
const control = new Int32Array(setup.control);
const epoch = new Float64Array(setup.clock);

interface WorkerState {
  source: number;
  target: Target;
  complianceTarget: Target | null;
  queue: ComplianceQueue | null;
  recorder: Recorder;
  recordedTotal: number;
  lastSecond: number;
  seenFlush: number;
  /** A tick that awaits (compliance flush, closing) must not overlap the next one. */
  ticking: boolean;
  closed: boolean;
  timer: NodeJS.Timeout;
}

function runClock(): number {
  return performance.timeOrigin + performance.now() - (epoch[0] as number);
}

function clockStarted(): boolean {
  return Atomics.load(control, Control.clockStarted) === 1;
}

function recordComplianceWrite(recorder: Recorder, write: ComplianceWrite): void {
  const failed = write.error !== null;
  const message = failed ? asChatloadError(write.error).message : undefined;
  const kind = failed ? TargetErrorKind.unknown : TargetErrorKind.none;
  for (let i = 0; i < write.events; i++) {
    recorder.recordCompliance(write.endedAt - write.startedAt, failed, message, kind);
  }
}

function postReady(message: ReadyMessage): void {
  parentPort?.postMessage(message);
}

async function init(source: number): Promise<WorkerState> {
  const recorder = new Recorder(source);
  const target = openTarget(setup.target, {
    outage: setup.outage,
    ...(setup.connections === null
      ? {}
      : { connections: connectionShare(setup.connections, setup.workers, source) }),
  });
  let complianceTarget: Target | null = null;
  let queue: ComplianceQueue | null = null;
  if (setup.compliance !== null) {
    const options = setup.compliance;
    let store: ComplianceStore = target;
    if (options.target !== null) {
      // The queue writes one batch at a time: one connection carries it.
      complianceTarget = openTarget(options.target, { connections: 1, outage: setup.outage });
      store = complianceTarget;
    }
    queue = new ComplianceQueue(store, {
      maxBatch: options.maxBatch,
      intervalMs: options.intervalMs,
      capacity: options.capacity,
      clock: runClock,
      onWrite: (write) => recordComplianceWrite(recorder, write),
    });
  }
  const context: TargetContext = {
    layout: setup.layout,
    naming: createNaming(setup.naming.seed, setup.naming.domain, setup.naming.corpus),
    runClock,
    unixNow: Date.now,
    compliance: queue,
    writeLock: setup.writeLock,
  };
  await target.open(context);
  if (complianceTarget !== null) await complianceTarget.open({ ...context, compliance: null });
  const state: WorkerState = {
    source,
    target,
    complianceTarget,
    queue,
    recorder,
    recordedTotal: 0,
    lastSecond: 0,
    seenFlush: Atomics.load(control, Control.flushGeneration),
    ticking: false,
    closed: false,
    timer: setInterval(() => {
      if (state.ticking || !clockStarted()) return;
      state.ticking = true;
      void tick(state).finally(() => (state.ticking = false));
    }, setup.snapshotCheckMs),
  };
  postReady({
    kind: 'chatload:ready',
    source,
    ok: true,
    connections: target.openConnections(),
    complianceConnections: complianceTarget?.openConnections() ?? 0,
  });
  return state;
}

/** The targets' outages since the last snapshot (taken before a closing target forgets them). */
function takeOutages(state: WorkerState): Outage[] {
  return [
    ...(state.target.takeOutages?.() ?? []),
    ...(state.complianceTarget?.takeOutages?.() ?? []),
  ];
}

function post(
  state: WorkerState,
  t: number,
  flushGeneration: number,
  outages: Outage[] = takeOutages(state),
): void {
  if (state.queue !== null) state.recorder.setComplianceQueueDepth(state.queue.depth);
  const message: SnapshotMessage = {
    kind: 'chatload:snapshot',
    snapshot: state.recorder.snapshot(t),
    recordedTotal: state.recordedTotal,
    flushGeneration,
    closed: state.closed,
    outages,
  };
  parentPort?.postMessage(message);
}

/** (task id, action index) pairs of completed actions, sent together once per loop turn. */
let actionsDone: number[] = [];
let actionsDoneScheduled = false;

function sendActionsDone(): void {
  actionsDoneScheduled = false;
  const pairs = Int32Array.from(actionsDone);
  actionsDone = [];
  const message: ActionsDoneMessage = { kind: 'chatload:actions-done', pairs };
  parentPort?.postMessage(message, [pairs.buffer]);
}

/**
 * For an asynchronous target: a row-completion callback that notes the completion of each action
 * of `task` (its last row; rows of an action run in order), by its index in the task.
 */
function actionTracker(task: BatchTask): (row: number) => void {
  const { batch } = task;
  const actionOfLastRow = new Int32Array(batch.count).fill(-1);
  let action = -1;
  for (let i = 0; i < batch.count; i++) {
    if (!Number.isNaN(batch.intendedAt[i] as number)) action++;
    const next = batch.intendedAt[i + 1];
    if (i + 1 === batch.count || !Number.isNaN(next as number)) actionOfLastRow[i] = action;
  }
  return (row) => {
    const done = actionOfLastRow[row] as number;
    if (done < 0) return;
    actionsDone.push(task.id, done);
    if (!actionsDoneScheduled) {
      actionsDoneScheduled = true;
      setImmediate(sendActionsDone);
    }
  };
}

/**
 * Posts the finished second's snapshot when the run clock crosses a second, and answers a flush
 * request: drain compliance first (its writes are measurements too), then snapshot; on a closing
 * flush, close the connections before the final snapshot so the main thread can end the pool.
 */
async function tick(state: WorkerState): Promise<void> {
  const flush = Atomics.load(control, Control.flushGeneration);
  const second = Math.floor(runClock() / 1000);
  if (flush !== state.seenFlush) {
    state.seenFlush = flush;
    if (state.queue !== null) await state.queue.flush();
    let outages: Outage[] | undefined;
    if (Atomics.load(control, Control.closing) === 1 && !state.closed) {
      clearInterval(state.timer);
      await state.queue?.close();
      outages = takeOutages(state);
      await state.target.close();
      await state.complianceTarget?.close();
      state.closed = true;
    }
    post(state, Math.max(second, state.lastSecond + 1), flush, outages);
    state.lastSecond = Math.max(second, state.lastSecond + 1);
  } else if (second > state.lastSecond) {
    post(state, second, flush);
    state.lastSecond = second;
  }
}

/**
 * Every worker opens its connections and starts reporting as soon as piscina starts it, not at
 * its first batch: at low rates some workers get no batch for a while, and the main thread can
 * only close a second once every worker has reported it. A failure to open surfaces with the
 * first batch (and is not an unhandled rejection before that).
 */
const source = Atomics.add(control, Control.nextSource, 1);
const ready: Promise<WorkerState> = init(source);
ready.catch((error: unknown) => {
  const coded = asChatloadError(error);
  postReady({
    kind: 'chatload:ready',
    source,
    ok: false,
    failure: { code: coded.code, message: sampleMessage(coded.message), hint: coded.hint },
  });
});

export default async function runBatch(task: BatchTask): Promise<TaskResult> {
  try {
    const state = await ready;
    if (Atomics.load(control, Control.skip) === 1) {
      return {
        ok: true,
        source: state.source,
        completed: 0,
        failed: 0,
        recordedTotal: state.recordedTotal,
      };
    }
    const outcome = state.target.asynchronous
      ? await state.target.execute(task.batch, actionTracker(task))
      : await state.target.execute(task.batch);
    state.recorder.record(task.batch, outcome, task.scenario);
    state.recordedTotal += task.batch.count;
    let failed = 0;
    for (let i = 0; i < task.batch.count; i++) if (outcome.errorKind[i] !== 0) failed++;
    if (state.queue?.overCapacity === true) await state.queue.flush();
    return {
      ok: true,
      source: state.source,
      completed: task.batch.count,
      failed,
      recordedTotal: state.recordedTotal,
    };
  } catch (error) {
    const coded = asChatloadError(error);
    return {
      ok: false,
      failure: { code: coded.code, message: sampleMessage(coded.message), hint: coded.hint },
    };
  }
}
