/**
 * How a target whose driver waits on the network (SQL Server, `null:?latencyMs=`) runs the
 * transactions of its batches. Each user's dialog is a chain of its own: a transaction starts
 * once the same user's earlier transactions — of this batch and of batches handed over before it
 * — have completed (within an action a client waits for each reply; across actions the dialog
 * stays causal: a JOIN's compliance event before the PART that follows it). Nothing else holds
 * it back but, when it does store work, a free connection ({@link ConnectionGate}). Store-free
 * transactions (part, signout, refresh) take no connection, so another user's slow database
 * work never delays them.
 *
 * Timing: `startedAt` is taken once the connection is held, so tx_service is the time in the
 * database and driver; the wait for the user's earlier transactions and for a connection counts
 * in tx_duration (from the intended start), as a client would see it.
 */
import { TargetErrorKind, type TargetErrorKindName } from '../core/errors.js';
import type { BatchOutcome, TxBatch } from '../workload/types.js';
import { touchesStore } from './command-semantics.js';
import type { ConnectionGate } from './connection-gate.js';
import { emptyOutcome } from './outcome.js';

export interface TransactionRunner {
  /** Runs transaction `i`; resolves to the rows it returned or wrote. */
  run(batch: TxBatch, i: number, outcome: BatchOutcome): Promise<number>;
  /**
   * Throws when transaction `i` cannot be sent now (the target is known to be unavailable): it
   * then fails at once, classified like any failure, without waiting for a connection.
   */
  admit?(batch: TxBatch, i: number): void;
  classify(error: unknown): TargetErrorKindName;
  /** The message kept as the sample of a failure kind (never holds a password). */
  describe(error: unknown, batch: TxBatch, i: number): string;
  clock(): number;
}

/** Told each time a transaction of the batch (its row index) has completed. */
export type RowDone = (row: number) => void;

/** Row indexes of each user of the batch, in batch order; users in order of first appearance. */
export function userChains(batch: Pick<TxBatch, 'count' | 'user'>): number[][] {
  const byUser = new Map<number, number[]>();
  for (let i = 0; i < batch.count; i++) {
    const user = batch.user[i] as number;
    const chain = byUser.get(user);
    if (chain === undefined) byUser.set(user, [i]);
    else chain.push(i);
  }
  return [...byUser.values()];
}

export class DialogScheduler {
  /** Per user: the end of the last chain handed over, while it is still running. */
  private readonly tails = new Map<number, Promise<void>>();

  /** @param gate the connections store work waits for; null: as many as there is work. */
  constructor(private readonly gate: ConnectionGate | null) {}

  /** Users with a transaction in flight or waiting on this target. */
  get activeUsers(): number {
    return this.tails.size;
  }

  async run(batch: TxBatch, runner: TransactionRunner, onRowDone?: RowDone): Promise<BatchOutcome> {
    const outcome = emptyOutcome(batch.count);
    const sampled = new Set<TargetErrorKindName>();

    const runOne = async (i: number): Promise<void> => {
      let holds = false;
      let started = false;
      try {
        runner.admit?.(batch, i);
        if (
          this.gate !== null &&
          touchesStore(batch.method[i] as number, batch.command[i] as number)
        ) {
          await this.gate.acquire();
          holds = true;
        }
        outcome.startedAt[i] = runner.clock();
        started = true;
        outcome.rows[i] = await runner.run(batch, i, outcome);
      } catch (error) {
        if (!started) outcome.startedAt[i] = runner.clock();
        const kind = runner.classify(error);
        outcome.errorKind[i] = TargetErrorKind[kind];
        if (!sampled.has(kind)) {
          sampled.add(kind);
          outcome.errorSamples.push({
            index: i,
            kind: TargetErrorKind[kind],
            message: runner.describe(error, batch, i),
          });
        }
      } finally {
        if (holds) this.gate?.release();
      }
      outcome.endedAt[i] = runner.clock();
      onRowDone?.(i);
    };

    const runChain = async (after: Promise<void> | undefined, rows: number[]): Promise<void> => {
      // A chain never rejects (each transaction's failure is caught and recorded).
      if (after !== undefined) await after;
      for (const i of rows) await runOne(i);
    };

    const chains = userChains(batch).map((rows) => {
      const user = batch.user[rows[0] as number] as number;
      const chain = runChain(this.tails.get(user), rows);
      this.tails.set(user, chain);
      const forget = (): void => {
        if (this.tails.get(user) === chain) this.tails.delete(user);
      };
      void chain.then(forget, forget);
      return chain;
    });
    await Promise.all(chains);
    return outcome;
  }
}
