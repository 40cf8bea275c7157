/**
 * Sends generated transactions to the pool in micro-batches and keeps the in-flight books: how
 * many actions of each executor are out (its VUs, in k6's words), how many transactions, and the
 * first fatal failure a worker reported. Chunks never split an action: its follow-up rows must
 * run after its first row, on the same worker.
 *
 * An action's slot frees when that action completes, not when the whole task carrying it does:
 * workers of asynchronous targets report completed actions as they happen
 * ({@link Dispatcher.completeActions}), so one slow transaction never holds the slots of the
 * fast ones that travelled with it. Whatever was not reported frees when its task returns.
 */
import { ChatloadError } from '../core/errors.js';
import type { TaskResult } from '../pool/protocol.js';
import { actionEnd, sliceBatch } from '../workload/batch.js';
import type { TxBatch } from '../workload/types.js';

/** What the dispatcher needs from the pool (an interface so the loop is testable without threads). */
export interface BatchRunner {
  run(task: { id: number; batch: TxBatch; scenario: number }): Promise<TaskResult>;
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

/** A task in flight: which of its actions have freed their slots. */
interface TaskBooks {
  scenario: number;
  /** The batch-order index of the task's first action within its submission. */
  firstAction: number;
  released: Uint8Array;
  onDone: ActionsDone | undefined;
}

/** Task ids wrap here (an Int32 on the wire); far more than can ever be in flight. */
const TASK_ID_LIMIT = 2 ** 31 - 1;

export class Dispatcher {
  private readonly actionsInFlight: Int32Array;
  private totalActionsInFlight = 0;
  private rowsInFlight = 0;
  private nextTaskId = 0;
  private readonly tasks = new Map<number, TaskBooks>();
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

  /** Actions in flight over every executor. */
  get inFlightActions(): number {
    return this.totalActionsInFlight;
  }

  /**
   * Frees the slots of actions that completed while their task runs on: `pairs` holds (task id,
   * action index in the task) pairs. Pairs of tasks that have returned meanwhile are ignored.
   */
  completeActions(pairs: Int32Array): void {
    for (let k = 0; k + 1 < pairs.length; k += 2) {
      const books = this.tasks.get(pairs[k] as number);
      if (books === undefined) continue;
      const action = pairs[k + 1] as number;
      if (action < 0 || action >= books.released.length || books.released[action] === 1) continue;
      books.released[action] = 1;
      this.release(books, action, 1);
    }
  }

  /** The first fatal failure a worker reported (connection lost, target refused...). */
  get fatal(): ChatloadError | null {
    return this.failure;
  }

  /**
   * Sends `batch` (which the dispatcher now owns) as one or more tasks. As actions complete,
   * `onDone(firstAction, actions)` says which of the batch's actions (by order) have.
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
    const id = this.nextTaskId;
    this.nextTaskId = (this.nextTaskId + 1) % TASK_ID_LIMIT;
    const books: TaskBooks = { scenario, firstAction, released: new Uint8Array(actions), onDone };
    this.tasks.set(id, books);
    this.rowsInFlight += rows;
    this.actionsInFlight[scenario] = (this.actionsInFlight[scenario] as number) + actions;
    this.totalActionsInFlight += actions;
    this.runner
      .run({ id, batch, scenario })
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
        this.tasks.delete(id);
        this.rowsInFlight -= rows;
        // The actions not reported complete yet, in runs of consecutive ones.
        const { released } = books;
        for (let start = 0; start < actions;) {
          if (released[start] === 1) {
            start++;
            continue;
          }
          let end = start + 1;
          while (end < actions && released[end] === 0) end++;
          this.release(books, start, end - start);
          start = end;
        }
        if (this.rowsInFlight === 0) {
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          for (const wake of waiters) wake();
        }
      });
  }

  private release(books: TaskBooks, action: number, count: number): void {
    const { scenario } = books;
    this.actionsInFlight[scenario] = (this.actionsInFlight[scenario] as number) - count;
    this.totalActionsInFlight -= count;
    books.onDone?.(books.firstAction + action, count);
  }
}

/** Actions that start in rows [start, end): rows with a finite intended time. */
export function countActions(batch: TxBatch, start: number, end: number): number {
  let actions = 0;
  for (let i = start; i < end; i++) if (!Number.isNaN(batch.intendedAt[i] as number)) actions++;
  return actions;
}
