/**
 * The main thread's side of the worker pool: a piscina pool whose workers own their connections.
 * The workers open their targets first; the run clock starts once all of them are ready, so
 * start-up never counts as latency. Batches go out with their buffers transferred; completed
 * actions, snapshots and outages come back as events; at the end a flush makes every worker
 * report everything it recorded before the pool closes.
 */
import { performance } from 'node:perf_hooks';
import { Piscina } from 'piscina';
import { ChatloadError } from '../core/errors.js';
import type { RecorderSnapshot } from '../metrics/recorder.js';
import type { Outage } from '../targets/availability.js';
import { batchBuffers } from '../workload/batch.js';
import {
  Control,
  CONTROL_SLOTS,
  isWorkerMessage,
  type BatchTask,
  type ReadyMessage,
  type SnapshotMessage,
  type TaskFailure,
  type TaskResult,
  type WorkerSetup,
} from './protocol.js';

export interface PoolOptions {
  threads: number;
  /** Batches one worker runs at once: 1 for a synchronous driver, more for an async one. */
  concurrentTasksPerWorker: number;
  setup: Omit<WorkerSetup, 'control' | 'clock' | 'writeLock'>;
  onSnapshot: (snapshot: RecorderSnapshot) => void;
  /** (task id, action index) pairs of actions that completed before their task did. */
  onActionsDone: (pairs: Int32Array) => void;
  /** A worker's outages, as of its latest snapshot. */
  onOutages: (source: number, outages: readonly Outage[]) => void;
}

/** What the workers opened, once every one of them is ready (or the first failure). */
export type PoolReadiness =
  | { ok: true; connections: number; complianceConnections: number }
  | { ok: false; failure: TaskFailure };

interface SourceState {
  /** Highest recordedTotal a task result reported for this worker. */
  executed: number;
  /** The latest snapshot message's bookkeeping. */
  reported: number;
  flushGeneration: number;
  closed: boolean;
}

const WORKER_URL = new URL('./worker.js', import.meta.url).href;

export class WorkerPool {
  readonly threads: number;
  private readonly piscina: Piscina;
  private readonly control: Int32Array;
  private readonly sources = new Map<number, SourceState>();
  private readonly epoch: Float64Array;
  private readonly options: PoolOptions;
  private settle: (() => void) | null = null;
  private readyMessages: ReadyMessage[] = [];
  private readinessFailure: TaskFailure | null = null;
  private onReadiness: (() => void) | null = null;

  constructor(options: PoolOptions) {
    this.threads = options.threads;
    this.options = options;
    const control = new SharedArrayBuffer(CONTROL_SLOTS * Int32Array.BYTES_PER_ELEMENT);
    this.control = new Int32Array(control);
    const clock = new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT);
    this.epoch = new Float64Array(clock);
    const writeLock = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const workerData: WorkerSetup = { ...options.setup, control, clock, writeLock };
    this.piscina = new Piscina({
      filename: WORKER_URL,
      minThreads: options.threads,
      maxThreads: options.threads,
      concurrentTasksPerWorker: options.concurrentTasksPerWorker,
      idleTimeout: Infinity,
      // piscina's default ('sync') parks an idle worker in Atomics.wait, which freezes its event
      // loop: the snapshot timer, the compliance drain and async drivers would stop with it.
      atomics: 'async',
      workerData,
    });
    this.piscina.on('message', (message: unknown) => {
      if (!isWorkerMessage(message)) return;
      if (message.kind === 'chatload:actions-done') this.options.onActionsDone(message.pairs);
      else if (message.kind === 'chatload:ready') this.ready(message);
      else this.receive(message);
    });
    // A worker that dies with no task to fail (while starting, say) reports here.
    this.piscina.on('error', (error: unknown) => {
      this.readinessFailure ??= {
        code: 'E_INTERNAL',
        message: `a pool worker failed: ${error instanceof Error ? error.message : String(error)}`,
        hint: undefined,
      };
      this.onReadiness?.();
    });
  }

  /**
   * Resolves once every worker has opened its target and said so, or at the first that could
   * not (its failure: a target that cannot be reached or refuses the login, say).
   */
  async readiness(): Promise<PoolReadiness> {
    while (this.readinessFailure === null && this.readyMessages.length < this.threads) {
      await new Promise<void>((resolve) => (this.onReadiness = resolve));
    }
    if (this.readinessFailure !== null) return { ok: false, failure: this.readinessFailure };
    let connections = 0;
    let complianceConnections = 0;
    for (const message of this.readyMessages) {
      if (!message.ok) continue;
      connections += message.connections;
      complianceConnections += message.complianceConnections;
    }
    return { ok: true, connections, complianceConnections };
  }

  /** Starts the run clock now, for every worker; returns its epoch (performance-based ms). */
  startClock(): number {
    const epochMs = performance.timeOrigin + performance.now();
    this.epoch[0] = epochMs;
    // The atomic store orders the epoch's write before any worker sees the flag.
    Atomics.store(this.control, Control.clockStarted, 1);
    return epochMs;
  }

  private ready(message: ReadyMessage): void {
    this.readyMessages.push(message);
    if (!message.ok) this.readinessFailure ??= message.failure;
    this.onReadiness?.();
  }

  /** Runs one batch on some worker. The batch's buffers move to the worker. */
  async run(task: BatchTask): Promise<TaskResult> {
    const result = (await this.piscina.run(task, {
      transferList: batchBuffers(task.batch),
    })) as TaskResult;
    if (result.ok) this.source(result.source).executed = result.recordedTotal;
    return result;
  }

  /**
   * Asks every worker that ran something for a snapshot of all it recorded (and, when `closing`,
   * to drain compliance and close its connections first), and waits until each has answered.
   * Call only when no batch is in flight.
   */
  async flush(closing: boolean, timeoutMs: number): Promise<void> {
    if (closing) Atomics.store(this.control, Control.closing, 1);
    const generation = Atomics.add(this.control, Control.flushGeneration, 1) + 1;
    const deadline = Date.now() + timeoutMs;
    while (!this.flushed(generation, closing)) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new ChatloadError(
          'E_INTERNAL',
          `workers did not report their final measurements within ${timeoutMs} ms`,
        );
      }
      await new Promise<void>((resolve) => {
        this.settle = resolve;
        setTimeout(resolve, Math.min(left, 100));
      });
    }
  }

  /** Batches that have not started yet are returned unexecuted from now on. */
  skipPending(): void {
    Atomics.store(this.control, Control.skip, 1);
  }

  async destroy(): Promise<void> {
    await this.piscina.destroy();
  }

  /**
   * Every worker that has reported or executed something has answered the flush. A worker that
   * could not even open its target never reports, and is not waited for (its batches failed).
   */
  private flushed(generation: number, closing: boolean): boolean {
    for (const state of this.sources.values()) {
      if (state.flushGeneration < generation || state.reported < state.executed) return false;
      if (closing && !state.closed) return false;
    }
    return true;
  }

  private source(index: number): SourceState {
    let state = this.sources.get(index);
    if (state === undefined) {
      state = { executed: 0, reported: 0, flushGeneration: 0, closed: false };
      this.sources.set(index, state);
    }
    return state;
  }

  private receive(message: SnapshotMessage): void {
    const state = this.source(message.snapshot.source);
    state.reported = message.recordedTotal;
    state.flushGeneration = Math.max(state.flushGeneration, message.flushGeneration);
    state.closed ||= message.closed;
    this.options.onSnapshot(message.snapshot);
    if (message.outages.length > 0)
      this.options.onOutages(message.snapshot.source, message.outages);
    this.settle?.();
  }
}
