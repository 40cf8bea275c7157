/**
 * Every message that crosses between the main thread and the pool's workers, in one place
 * (CONVENTIONS item 2). Tasks go main -> worker through piscina; snapshots go worker -> main
 * through the worker's parentPort (piscina re-emits them as 'message' on the pool).
 */
import type { RecorderSnapshot } from '../metrics/recorder.js';
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
} as const;
export const CONTROL_SLOTS = 4;

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
  /** SQL Server connection pool size per worker (ignored by other targets). */
  poolSize: number;
  /** Null when compliance is off. */
  compliance: ComplianceSetup | null;
  naming: { seed: number; domain: string; corpus: Corpus };
  layout: IdLayout;
  /** `performance.timeOrigin + performance.now()` at the run's t = 0: the shared run clock. */
  runEpochMs: number;
  /** Int32Array over this buffer, indexed by {@link Control}. */
  control: SharedArrayBuffer;
  /** How often a worker checks for a due snapshot, ms. */
  snapshotCheckMs: number;
}

/** One micro-batch of one exec scenario. The batch's buffers are transferred, not copied. */
export interface BatchTask {
  batch: TxBatch;
  scenario: number;
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
}

export function isSnapshotMessage(value: unknown): value is SnapshotMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'chatload:snapshot'
  );
}
