/**
 * How the SQL Server target runs a batch: different users side by side up to the pool size, each
 * user's transactions (within an action and across actions) strictly in batch order, failures
 * classified per transaction. The transactions here are controlled promises on a simulated clock
 * (no database, no sleeps).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TargetError, TargetErrorKind } from '../../src/core/errors.js';
import { classifyMssqlError } from '../../src/targets/mssql/errors.js';
import { runBatch, userChains, type BatchRunner } from '../../src/targets/mssql/execute.js';
import { appendRow, createBatch } from '../../src/workload/batch.js';
import { type TxBatch, type BatchOutcome } from '../../src/workload/types.js';
import { Command, Method, NO_ROOM_CLASS, Op } from '../../src/core/vocabulary.js';

/**
 * Actions of `lengths[k]` transactions each (the first row timed, the rest NaN follow-ups), by
 * user `users[k]` (default: a user per action).
 */
function batchOfActions(lengths: number[], users: number[] = lengths.map((_, k) => k)): TxBatch {
  const batch = createBatch(lengths.reduce((a, b) => a + b, 0));
  lengths.forEach((length, action) => {
    for (let k = 0; k < length; k++) {
      appendRow(batch, {
        op: Op.join,
        method: Method.INFO,
        command: Command.bccontext,
        roomClass: NO_ROOM_CLASS,
        user: users[action] as number,
        room: k,
        dialog: action,
        cseq: k + 1,
        intendedAt: k === 0 ? action * 10 : NaN,
        arg0: 25,
        arg1: 0,
        list: [],
      });
    }
  });
  return batch;
}

interface Controlled {
  runner: BatchRunner;
  started: number[];
  finished: number[];
  inFlightMax: () => number;
  /** Finishes the transaction that has waited longest, if any. */
  releaseOne(): void;
}

function controlledRunner(fail: (i: number) => unknown = () => null): Controlled {
  let clock = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const waiting: (() => void)[] = [];
  const started: number[] = [];
  const finished: number[] = [];
  const runner: BatchRunner = {
    run: (_batch, i) => {
      started.push(i);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return new Promise<number>((resolve, reject) => {
        waiting.push(() => {
          inFlight--;
          finished.push(i);
          const error = fail(i);
          if (error === null) resolve(i * 10);
          else reject(error);
        });
      });
    },
    classify: classifyMssqlError,
    describe: (error) => (error as Error).message,
    clock: () => clock++,
  };
  return {
    runner,
    started,
    finished,
    inFlightMax: () => maxInFlight,
    releaseOne: () => waiting.shift()?.(),
  };
}

/** Runs the batch, finishing one waiting transaction per scheduler turn until it completes. */
async function run(batch: TxBatch, concurrency: number, c: Controlled): Promise<BatchOutcome> {
  let complete = false;
  const done = runBatch(batch, concurrency, c.runner).then((outcome) => {
    complete = true;
    return outcome;
  });
  for (let turn = 0; !complete; turn++) {
    assert.ok(turn < 10_000, 'the batch never completed');
    await new Promise((resolve) => setImmediate(resolve));
    c.releaseOne();
  }
  return done;
}

describe('user chains', () => {
  it('hold each user’s rows in batch order, users in order of appearance', () => {
    assert.deepEqual(userChains(batchOfActions([3, 1, 2])), [[0, 1, 2], [3], [4, 5]]);
    assert.deepEqual(userChains(batchOfActions([2, 1, 2], [7, 3, 7])), [[0, 1, 3, 4], [2]]);
    assert.deepEqual(userChains(batchOfActions([])), []);
  });
});

describe('runBatch', () => {
  it('runs up to `concurrency` users at once and each user’s transactions in order', async () => {
    // Users 0, 1, 2, 1, 3: user 1's second action must wait for its first.
    const batch = batchOfActions([4, 2, 3, 1, 2], [0, 1, 2, 1, 3]);
    const c = controlledRunner();
    const outcome = await run(batch, 2, c);
    assert.equal(c.inFlightMax(), 2);
    for (const chain of userChains(batch)) {
      for (let k = 1; k < chain.length; k++) {
        const [before, after] = [chain[k - 1] as number, chain[k] as number];
        assert.ok(
          c.finished.indexOf(before) < c.started.indexOf(after),
          `row ${after} started before ${before} of the same user finished`,
        );
      }
    }
    assert.deepEqual(
      [...outcome.rows],
      Array.from({ length: batch.count }, (_, i) => i * 10),
    );
    for (let i = 0; i < batch.count; i++) {
      assert.ok((outcome.endedAt[i] as number) > (outcome.startedAt[i] as number));
    }
    assert.deepEqual([...outcome.errorKind], new Array(batch.count).fill(0));
  });

  it('never runs more lanes than there are users, and at least one', async () => {
    const c = controlledRunner();
    await run(batchOfActions([2, 2]), 8, c);
    assert.equal(c.inFlightMax(), 2);
    const serial = controlledRunner();
    await run(batchOfActions([1, 1, 1]), 0, serial);
    assert.equal(serial.inFlightMax(), 1);
  });

  it('classifies failures per transaction, keeps one sample per kind, and goes on', async () => {
    const batch = batchOfActions([3, 3]);
    const deadlock = Object.assign(new Error('chosen as the deadlock victim'), { number: 1205 });
    const c = controlledRunner((i) =>
      i === 1
        ? new TargetError('permission', 'may not join')
        : i === 3 || i === 4
          ? deadlock
          : null,
    );
    const outcome = await run(batch, 1, c);
    assert.deepEqual(
      [...outcome.errorKind],
      [0, TargetErrorKind.permission, 0, TargetErrorKind.deadlock, TargetErrorKind.deadlock, 0],
    );
    assert.deepEqual(
      outcome.errorSamples.map((s) => [s.index, s.kind, s.message]),
      [
        [1, TargetErrorKind.permission, 'may not join'],
        [3, TargetErrorKind.deadlock, 'chosen as the deadlock victim'],
      ],
    );
    assert.equal(c.started.length, 6, 'later transactions still ran');
  });
});
