/**
 * Sends generated transactions to the pool in micro-batches and keeps the in-flight books: how
 * many actions of each executor are out (its VUs, in k6's words), how many transactions, and the
 * first fatal failure a worker reported. Chunks never split an action: its follow-up rows must
 * run after its first row, on the same worker.
 */
import { ChatloadError } from '../core/errors.js';
import type { TaskResult } from '../pool/protocol.js';
import { actionEnd, sliceBatch } from '../workload/batch.js';
import type { TxBatch } from '../workload/types.js';

/** What the dispatcher needs from the pool (an interface so the loop is testable without threads). */
export interface BatchRunner {
  run(task: { batch: TxBatch; scenario: number }): Promise<TaskResult>;
}

/** Told which actions of a submitted batch (by their order in it) have completed. */
export type ActionsDone = (firstAction: number, actions: number) => void;

export interface DispatcherOptions {
  /** Executors, indexed like the scenario index a batch carries. */
  scenarios: number;
  /** Most rows in one task. */
  maxChunkRows: number;
  /** Split a submission into this many tasks when it has enough rows (the worker threads). */
  minChunks: number;
}

export class Dispatcher {
  private readonly actionsInFlight: Int32Array;
  private rowsInFlight = 0;
  private failure: ChatloadError | null = null;
  private idleWaiters: (() => void)[] = [];
  /** Rows a worker skipped because the run was stopping (not started: counted as dropped). */
  readonly skippedByScenario: Float64Array;

  constructor(
    private readonly runner: BatchRunner,
    private readonly options: DispatcherOptions,
  ) {
    this.actionsInFlight = new Int32Array(options.scenarios);
    this.skippedByScenario = new Float64Array(options.scenarios);
  }

  actionsOf(scenario: number): number {
    return this.actionsInFlight[scenario] as number;
  }

  get inFlightRows(): number {
    return this.rowsInFlight;
  }

  /** The first fatal failure a worker reported (connection lost, target refused...). */
  get fatal(): ChatloadError | null {
    return this.failure;
  }

  /**
   * Sends `batch` (which the dispatcher now owns) as one or more tasks. As each task completes,
   * `onDone(firstAction, actions)` says which of the batch's actions (by order) it carried.
   */
  submit(batch: TxBatch, scenario: number, onDone?: ActionsDone): void {
    if (batch.count === 0) return;
    // At most maxChunkRows a task, and spread over the workers when there is enough to spread.
    const target = Math.max(
      Math.ceil(batch.count / this.options.maxChunkRows),
      Math.min(this.options.minChunks, batch.count),
    );
    if (target === 1) {
      this.send(batch, scenario, 0, countActions(batch, 0, batch.count), onDone);
      return;
    }
    const chunkRows = Math.ceil(batch.count / target);
    let start = 0;
    let firstAction = 0;
    while (start < batch.count) {
      let end = Math.min(batch.count, start + chunkRows);
      if (end < batch.count) end = actionEnd(batch, end - 1);
      const actions = countActions(batch, start, end);
      this.send(sliceBatch(batch, start, end), scenario, firstAction, actions, onDone);
      firstAction += actions;
      start = end;
    }
  }

  /** Resolves when no task is in flight. */
  idle(): Promise<void> {
    if (this.rowsInFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private send(
    batch: TxBatch,
    scenario: number,
    firstAction: number,
    actions: number,
    onDone: ActionsDone | undefined,
  ): void {
    const rows = batch.count;
    this.rowsInFlight += rows;
    this.actionsInFlight[scenario] = (this.actionsInFlight[scenario] as number) + actions;
    this.runner
      .run({ batch, scenario })
      .then(
        (result) => {
          if (!result.ok) {
            this.failure ??= new ChatloadError(result.failure.code, result.failure.message, {
              hint: result.failure.hint,
            });
          } else if (result.completed < rows) {
            this.skippedByScenario[scenario] =
              (this.skippedByScenario[scenario] as number) + rows - result.completed;
          }
        },
        (error: unknown) => {
          this.failure ??= new ChatloadError('E_INTERNAL', 'a pool worker failed', {
            cause: error,
          });
        },
      )
      .finally(() => {
        this.rowsInFlight -= rows;
        this.actionsInFlight[scenario] = (this.actionsInFlight[scenario] as number) - actions;
        onDone?.(firstAction, actions);
        if (this.rowsInFlight === 0) {
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          for (const wake of waiters) wake();
        }
      });
  }
}

/** Actions that start in rows [start, end): rows with a finite intended time. */
export function countActions(batch: TxBatch, start: number, end: number): number {
  let actions = 0;
  for (let i = start; i < end; i++) if (!Number.isNaN(batch.intendedAt[i] as number)) actions++;
  return actions;
}
