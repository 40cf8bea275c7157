/**
 * Runs a TxBatch with the concurrency a connection pool allows. Each user's transactions run in
 * batch order, one after the other: within an action a client waits for each reply before the
 * next request (rows with a NaN intendedAt), and across actions a user's dialog stays causal (a
 * JOIN's compliance event before the PART that follows it; the pool keeps a user's dialog on one
 * worker for the same reason). Different users run side by side, up to `concurrency` at a time.
 * Each transaction is timed on the run clock and its failure classified without stopping the
 * batch.
 */
import { TargetErrorKind, type TargetErrorKindName } from '../../core/errors.js';
import type { TxBatch, BatchOutcome } from '../../workload/types.js';
import { emptyOutcome } from '../outcome.js';

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

export interface BatchRunner {
  /** Runs transaction `i`; resolves to the rows it returned or wrote. */
  run(batch: TxBatch, i: number, outcome: BatchOutcome): Promise<number>;
  classify(error: unknown): TargetErrorKindName;
  /** The message kept as the sample of a failure kind (never holds a password). */
  describe(error: unknown, batch: TxBatch, i: number): string;
  clock(): number;
}

export async function runBatch(
  batch: TxBatch,
  concurrency: number,
  runner: BatchRunner,
): Promise<BatchOutcome> {
  const outcome = emptyOutcome(batch.count);
  const chains = userChains(batch);
  const sampled = new Set<TargetErrorKindName>();
  let nextChain = 0;

  const runTransaction = async (i: number): Promise<void> => {
    outcome.startedAt[i] = runner.clock();
    try {
      outcome.rows[i] = await runner.run(batch, i, outcome);
    } catch (error) {
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
    }
    outcome.endedAt[i] = runner.clock();
  };

  const lane = async (): Promise<void> => {
    while (nextChain < chains.length) {
      for (const i of chains[nextChain++] as number[]) await runTransaction(i);
    }
  };
  const lanes = Math.max(1, Math.min(concurrency, chains.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  return outcome;
}
