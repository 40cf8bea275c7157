/**
 * The main thread's side of the worker pool: a piscina pool whose workers own their connections.
 * Batches go out with their buffers transferred; snapshots come back as events; at the end a
 * flush makes every worker report everything it recorded before the pool closes.
 */
import { Piscina } from 'piscina';
import { ChatloadError } from '../core/errors.js';
import type { RecorderSnapshot } from '../metrics/recorder.js';
import { batchBuffers } from '../workload/batch.js';
import {
  Control,
  CONTROL_SLOTS,
  isSnapshotMessage,
  type BatchTask,
  type SnapshotMessage,
  type TaskResult,
  type WorkerSetup,
} from './protocol.js';

export interface PoolOptions {
  threads: number;
  /** Batches one worker runs at once: 1 for a synchronous driver, more for an async one. */
  concurrentTasksPerWorker: number;
  setup: Omit<WorkerSetup, 'control'>;
  onSnapshot: (snapshot: RecorderSnapshot) => void;
}

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
  private readonly onSnapshot: (snapshot: RecorderSnapshot) => void;
  private settle: (() => void) | null = null;

  constructor(options: PoolOptions) {
    this.threads = options.threads;
    this.onSnapshot = options.onSnapshot;
    const control = new SharedArrayBuffer(CONTROL_SLOTS * Int32Array.BYTES_PER_ELEMENT);
    this.control = new Int32Array(control);
    const workerData: WorkerSetup = { ...options.setup, control };
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
      if (isSnapshotMessage(message)) this.receive(message);
    });
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
    this.onSnapshot(message.snapshot);
    this.settle?.();
  }
}
