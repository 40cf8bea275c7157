/**
 * Every message that crosses between the main thread and the pool's workers, in one place
 * (CONVENTIONS item 2). Tasks go main -> worker through piscina; readiness, completed actions
 * and snapshots go worker -> main through the worker's parentPort (piscina re-emits them as
 * 'message' on the pool). The run clock's epoch and the run's control flags are shared memory.
 */
import type { RecorderSnapshot } from '../metrics/recorder.js';
import type { Outage, OutagePolicy } from '../targets/availability.js';
import type { Corpus } from '../workload/corpus.js';
import type { IdLayout, TxBatch } from '../workload/types.js';
import type { ErrorCode } from '../core/errors.js';

/** Slots of the shared control array (an Int32Array over `WorkerSetup.control`). */
export const Control = {
  /** Workers take their recorder source index from this counter (0, 1, ...). */
  nextSource: 0,
  /** Bumped by the main thread to ask every worker for a snapshot now (end of run). */
  flushGeneration: 1,
  /** Set to 1 with a flush to have workers drain compliance and close their connections. */
  closing: 2,
  /**
   * Set to 1 when a stopping run's graceful period is over: batches not yet started are handed
   * back unexecuted (counted as dropped) instead of running on.
   */
  skip: 3,
  /** Set to 1 once the run clock's epoch is in `WorkerSetup.clock` (every worker was ready). */
  clockStarted: 4,
} as const;
export const CONTROL_SLOTS = 5;

/** The compliance queue between chat work and the compliance store (per worker). */
export interface ComplianceSetup {
  /** Target URL of the compliance store; null: the same database as the chat store. */
  target: string | null;
  maxBatch: number;
  intervalMs: number;
  capacity: number;
}

/** Passed once to every worker as piscina's workerData. Plain, cloneable data. */
export interface WorkerSetup {
  /** Target URL (may hold a password: used to connect, never echoed). */
  target: string;
  /** Workers in the pool (a worker's share of `connections` depends on it). */
  workers: number;
  /**
   * SQL Server: connections of the whole run, spread over the workers (see connectionShare);
   * null for targets whose connections are not configurable (SQLite: one per worker).
   */
  connections: number | null;
  /** SQL Server: what to do when the server goes away mid-run. */
  outage: OutagePolicy;
  /** SQLite: the write lock every worker's connection takes turns on (a 4-byte buffer). */
  writeLock: SharedArrayBuffer;
  /** Null when compliance is off. */
  compliance: ComplianceSetup | null;
  naming: { seed: number; domain: string; corpus: Corpus };
  layout: IdLayout;
  /**
   * A Float64Array(1) over this buffer holds `performance.timeOrigin + performance.now()` at the
   * run's t = 0 (the shared run clock), written once every worker is ready (Control.clockStarted).
   */
  clock: SharedArrayBuffer;
  /** Int32Array over this buffer, indexed by {@link Control}. */
  control: SharedArrayBuffer;
  /** How often a worker checks for a due snapshot, ms. */
  snapshotCheckMs: number;
}

/** One micro-batch of one exec scenario. The batch's buffers are transferred, not copied. */
export interface BatchTask {
  /** Names the task in ActionsDoneMessage (unique among the tasks in flight). */
  id: number;
  batch: TxBatch;
  scenario: number;
}

/** A worker's share of the run's connections: as even as can be, the first workers one more. */
export function connectionShare(total: number, workers: number, source: number): number {
  return Math.floor(total / workers) + (source < total % workers ? 1 : 0);
}

export interface TaskFailure {
  code: ErrorCode;
  message: string;
  hint: string | undefined;
}

export type TaskResult =
  | {
      ok: true;
      /** The worker's recorder source index. */
      source: number;
      /** Rows executed; fewer than the batch's when the run was stopping (see Control.skip). */
      completed: number;
      failed: number;
      /** Transactions this worker has recorded since it started (reconciles the last snapshot). */
      recordedTotal: number;
    }
  | { ok: false; failure: TaskFailure };

/** worker -> main, once, when the worker has opened its target (or failed to). */
export type ReadyMessage =
  | {
      kind: 'chatload:ready';
      source: number;
      ok: true;
      /** Connections the worker opened to the chat store. */
      connections: number;
      /** Connections to a separate compliance store (0 when it shares the chat store's). */
      complianceConnections: number;
    }
  | { kind: 'chatload:ready'; source: number; ok: false; failure: TaskFailure };

/**
 * worker -> main: actions of tasks still running that have completed, so their in-flight slots
 * free before the rest of their task is done. Pairs (task id, action index in the task), many
 * per message: a worker sends what completed within one turn of its event loop together.
 */
export interface ActionsDoneMessage {
  kind: 'chatload:actions-done';
  pairs: Int32Array;
}

/** worker -> main. */
export interface SnapshotMessage {
  kind: 'chatload:snapshot';
  snapshot: RecorderSnapshot;
  /** Transactions recorded up to and including this snapshot. */
  recordedTotal: number;
  /** The flush generation the worker had seen when it took the snapshot. */
  flushGeneration: number;
  /** True once the worker has closed its connections (after a closing flush). */
  closed: boolean;
  /** Outages of the target that ended since the last snapshot, and the one going on. */
  outages: Outage[];
}

export type WorkerMessage = ReadyMessage | ActionsDoneMessage | SnapshotMessage;

const KINDS: ReadonlySet<unknown> = new Set([
  'chatload:ready',
  'chatload:actions-done',
  'chatload:snapshot',
]);

export function isWorkerMessage(value: unknown): value is WorkerMessage {
  return (
    typeof value === 'object' && value !== null && KINDS.has((value as { kind?: unknown }).kind)
  );
}
