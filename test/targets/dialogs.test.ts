/**
 * How network targets (SQL Server, `null:?latencyMs=`) run transactions: each user's dialog in
 * order (within a batch and across batches), store work limited by the connections and by
 * nothing else, store-free transactions never waiting for another user's store work, failures
 * classified per transaction. The transactions are controlled promises on a simulated clock (no
 * database, no sleeps); the `null:` cases use a controlled sleep.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TargetError, TargetErrorKind } from '../../src/core/errors.js';
import { ConnectionGate } from '../../src/targets/connection-gate.js';
import { DialogScheduler, userChains, type TransactionRunner } from '../../src/targets/dialogs.js';
import { classifyMssqlError } from '../../src/targets/mssql/errors.js';
import { NO_DELAYS, NullTarget } from '../../src/targets/null.js';
import type { TargetContext } from '../../src/targets/types.js';
import { appendRow, createBatch } from '../../src/workload/batch.js';
import type { BatchOutcome, IdLayout, Naming, TxBatch } from '../../src/workload/types.js';
import { Command, Method, NO_ROOM_CLASS, Op } from '../../src/core/vocabulary.js';

type Kind = 'store' | 'part' | 'bye' | 'refresh';

const SHAPES: Record<Kind, { op: number; method: number; command: number }> = {
  store: { op: Op.join, method: Method.INFO, command: Command.bccontext },
  part: { op: Op.part, method: Method.INFO, command: Command.part },
  bye: { op: Op.signout, method: Method.BYE, command: Command.none },
  refresh: { op: Op.refresh, method: Method.UPDATE, command: Command.none },
};

/** One single-row action per entry: [user, kind]. */
function batchOf(rows: [number, Kind][]): TxBatch {
  const batch = createBatch(rows.length);
  rows.forEach(([user, kind], k) =>
    appendRow(batch, {
      ...SHAPES[kind],
      roomClass: NO_ROOM_CLASS,
      user,
      room: k,
      dialog: user,
      cseq: k + 1,
      intendedAt: k,
      arg0: 25,
      arg1: 0,
      list: [],
    }),
  );
  return batch;
}

/** Actions of `lengths[k]` store transactions each (follow-ups NaN), by user `users[k]`. */
function batchOfActions(lengths: number[], users: number[] = lengths.map((_, k) => k)): TxBatch {
  const batch = createBatch(lengths.reduce((a, b) => a + b, 0));
  lengths.forEach((length, action) => {
    for (let k = 0; k < length; k++) {
      appendRow(batch, {
        ...SHAPES.store,
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

/**
 * Store work that completes only when the test says so (oldest first); store-free transactions
 * complete at once. Transactions are named `batch:row` across batches.
 */
class Controlled {
  clock = 0;
  inFlight = 0;
  inFlightMax = 0;
  readonly started: string[] = [];
  readonly finished: string[] = [];
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly fail: (name: string) => unknown = () => null) {}

  runner(name: string): TransactionRunner {
    return {
      run: (batch, i) => {
        const id = `${name}:${i}`;
        this.started.push(id);
        if (batch.method[i] !== Method.INFO || batch.command[i] === Command.part) {
          this.finished.push(id);
          return Promise.resolve(0);
        }
        this.inFlight++;
        this.inFlightMax = Math.max(this.inFlightMax, this.inFlight);
        return new Promise<number>((resolve, reject) => {
          this.waiting.push(() => {
            this.inFlight--;
            this.finished.push(id);
            const error = this.fail(id);
            if (error === null) resolve(i * 10);
            else reject(error);
          });
        });
      },
      classify: classifyMssqlError,
      describe: (error) => (error as Error).message,
      clock: () => ++this.clock,
    };
  }

  /** Finishes the store transaction that has waited longest; false when none waits. */
  releaseOne(): boolean {
    const next = this.waiting.shift();
    next?.();
    return next !== undefined;
  }

  get waitingCount(): number {
    return this.waiting.length;
  }
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Lets every runnable transaction start, then finishes store work one by one until `done`. */
async function drain(c: Controlled, ...done: Promise<unknown>[]): Promise<void> {
  let settled = false;
  void Promise.all(done).then(() => (settled = true));
  for (let n = 0; !settled; n++) {
    assert.ok(n < 10_000, 'the batches never completed');
    await turn();
    c.releaseOne();
  }
}

function assertOrderedPerUser(c: Controlled, chains: string[][]): void {
  for (const chain of chains) {
    for (let k = 1; k < chain.length; k++) {
      const [before, after] = [chain[k - 1] as string, chain[k] as string];
      assert.ok(
        c.finished.indexOf(before) < c.started.indexOf(after),
        `${after} started before ${before} of the same user finished`,
      );
    }
  }
}

describe('user chains', () => {
  it('hold each user’s rows in batch order, users in order of appearance', () => {
    assert.deepEqual(userChains(batchOfActions([3, 1, 2])), [[0, 1, 2], [3], [4, 5]]);
    assert.deepEqual(userChains(batchOfActions([2, 1, 2], [7, 3, 7])), [[0, 1, 3, 4], [2]]);
    assert.deepEqual(userChains(batchOfActions([])), []);
  });
});

describe('DialogScheduler', () => {
  it('runs store work of up to `connections` users at once, each user’s in order', async () => {
    // Users 0, 1, 2, 1, 3: user 1's second action must wait for its first.
    const batch = batchOfActions([4, 2, 3, 1, 2], [0, 1, 2, 1, 3]);
    const c = new Controlled();
    const scheduler = new DialogScheduler(new ConnectionGate(2));
    const done = scheduler.run(batch, c.runner('a'));
    await drain(c, done);
    const outcome = await done;
    assert.equal(c.inFlightMax, 2);
    assertOrderedPerUser(
      c,
      userChains(batch).map((rows) => rows.map((i) => `a:${i}`)),
    );
    assert.deepEqual(
      [...outcome.rows],
      Array.from({ length: batch.count }, (_, i) => i * 10),
    );
    for (let i = 0; i < batch.count; i++) {
      assert.ok((outcome.endedAt[i] as number) > (outcome.startedAt[i] as number));
    }
    assert.deepEqual([...outcome.errorKind], new Array(batch.count).fill(0));
    assert.equal(scheduler.activeUsers, 0, 'finished chains are forgotten');
  });

  it('keeps a user’s dialog in order across batches, and shares the connections', async () => {
    const c = new Controlled();
    const scheduler = new DialogScheduler(new ConnectionGate(3));
    const first = scheduler.run(
      batchOf([
        [1, 'store'],
        [2, 'store'],
      ]),
      c.runner('a'),
    );
    const second = scheduler.run(
      batchOf([
        [1, 'store'],
        [3, 'store'],
        [4, 'store'],
      ]),
      c.runner('b'),
    );
    await turn();
    // User 1's second transaction waits for its first; users 2, 3 take the other connections.
    assert.deepEqual(c.started, ['a:0', 'a:1', 'b:1']);
    await drain(c, first, second);
    assert.equal(c.inFlightMax, 3);
    assert.ok(c.finished.indexOf('a:0') < c.started.indexOf('b:0'));
  });

  it('never delays a store-free transaction for another user’s store work', async () => {
    const c = new Controlled();
    const scheduler = new DialogScheduler(new ConnectionGate(1));
    const slow = scheduler.run(
      batchOf([
        [1, 'store'],
        [1, 'part'],
      ]),
      c.runner('a'),
    );
    const done: number[] = [];
    const fast = scheduler.run(
      batchOf([
        [2, 'part'],
        [3, 'bye'],
        [4, 'refresh'],
        [5, 'store'],
      ]),
      c.runner('b'),
      (row) => done.push(row),
    );
    for (let n = 0; n < 5; n++) await turn();
    // The one connection is user 1's: user 5's store work waits for it, users 2-4 do not wait,
    // and user 1's own part waits for user 1's store work (its dialog stays causal).
    assert.deepEqual(done, [0, 1, 2]);
    assert.deepEqual(c.finished, ['b:0', 'b:1', 'b:2']);
    assert.ok(!c.started.includes('a:1'));
    assert.ok(!c.started.includes('b:3'));
    await drain(c, slow, fast);
    assert.deepEqual(done, [0, 1, 2, 3]);
    assert.ok(c.finished.indexOf('a:0') < c.started.indexOf('a:1'));
  });

  it('starts the service clock once a connection is held: the wait counts in latency only', async () => {
    const c = new Controlled();
    const scheduler = new DialogScheduler(new ConnectionGate(1));
    const first = scheduler.run(batchOf([[1, 'store']]), c.runner('a'));
    const second = scheduler.run(batchOf([[2, 'store']]), c.runner('b'));
    await turn();
    const clockWhileWaiting = c.clock;
    await drain(c, first, second);
    const [a, b] = [await first, await second];
    assert.ok((b.startedAt[0] as number) > (a.endedAt[0] as number));
    assert.ok((b.startedAt[0] as number) > clockWhileWaiting);
  });

  it('fails a transaction the target refuses to send at once, without a connection', async () => {
    const c = new Controlled();
    const gate = new ConnectionGate(1);
    const scheduler = new DialogScheduler(gate);
    const hold = scheduler.run(batchOf([[1, 'store']]), c.runner('a'));
    const runner: TransactionRunner = {
      ...c.runner('b'),
      admit: () => {
        throw new TargetError('unreachable', 'not sent: the server is unavailable');
      },
    };
    const outcomes: BatchOutcome[] = [];
    void scheduler.run(batchOf([[2, 'store']]), runner).then((outcome) => outcomes.push(outcome));
    for (let n = 0; n < 5; n++) await turn();
    const refused = outcomes[0];
    assert.ok(refused !== undefined, 'it did not wait for the connection user 1 holds');
    assert.equal(refused.errorKind[0], TargetErrorKind.unreachable);
    assert.deepEqual(refused.errorSamples[0]?.message, 'not sent: the server is unavailable');
    assert.equal(gate.queued, 0);
    assert.ok(!c.started.includes('b:0'));
    await drain(c, hold);
  });

  it('classifies failures per transaction, keeps one sample per kind, and goes on', async () => {
    const deadlock = Object.assign(new Error('chosen as the deadlock victim'), { number: 1205 });
    const c = new Controlled((id) =>
      id === 'a:1'
        ? new TargetError('permission', 'may not join')
        : id === 'a:3' || id === 'a:4'
          ? deadlock
          : null,
    );
    const done = new DialogScheduler(new ConnectionGate(1)).run(
      batchOfActions([3, 3]),
      c.runner('a'),
    );
    await drain(c, done);
    const outcome = await done;
    assert.deepEqual(
      [...outcome.errorKind],
      [0, TargetErrorKind.permission, 0, TargetErrorKind.deadlock, TargetErrorKind.deadlock, 0],
    );
    assert.deepEqual(
      outcome.errorSamples
        .sort((a, b) => a.index - b.index)
        .map((s) => [s.index, s.kind, s.message]),
      [
        [1, TargetErrorKind.permission, 'may not join'],
        [3, TargetErrorKind.deadlock, 'chosen as the deadlock victim'],
      ],
    );
    assert.equal(c.started.length, 6, 'later transactions still ran');
  });
});

describe('ConnectionGate', () => {
  it('hands permits out first come, first served, and counts the waits', async () => {
    const gate = new ConnectionGate(1);
    const order: number[] = [];
    await gate.acquire();
    const waiters = [1, 2, 3].map((n) => gate.acquire().then(() => order.push(n)));
    assert.equal(gate.queued, 3);
    for (let n = 0; n < 3; n++) {
      gate.release();
      await turn();
    }
    await Promise.all(waiters);
    assert.deepEqual(order, [1, 2, 3]);
    assert.equal(gate.waits, 3);
    gate.release();
    assert.throws(() => gate.release(), /more than acquired/);
    assert.throws(() => new ConnectionGate(0), RangeError);
  });
});

/** A sleep that resolves only when the test says so. */
function controlledSleep() {
  const pending: { ms: number; wake: () => void }[] = [];
  return {
    pending,
    sleep: (ms: number) => new Promise<void>((wake) => pending.push({ ms, wake })),
  };
}

function context(): TargetContext {
  let t = 0;
  return {
    layout: {} as IdLayout,
    naming: {} as Naming,
    runClock: () => ++t,
    unixNow: () => 0,
    compliance: null,
  };
}

describe('null: with latencyMs (a network round trip)', () => {
  it('waits latencyMs for store work only, without blocking, users side by side', async () => {
    const clock = controlledSleep();
    const target = new NullTarget({ ...NO_DELAYS, latencyMs: 20 }, { sleep: clock.sleep });
    assert.equal(target.asynchronous, true);
    assert.equal(new NullTarget(NO_DELAYS).asynchronous, false);
    await target.open(context());
    const done: number[] = [];
    const outcome = target.execute(
      batchOf([
        [1, 'store'],
        [2, 'store'],
        [3, 'part'],
        [1, 'refresh'],
      ]),
      (row) => done.push(row),
    );
    await turn();
    assert.deepEqual(
      clock.pending.map((p) => p.ms),
      [20, 20],
      'both users’ store work is on the wire at once',
    );
    assert.deepEqual(done, [2], 'user 3’s part is done; user 1’s refresh waits for its post');
    clock.pending.splice(0).forEach((p) => p.wake());
    const result = await outcome;
    assert.deepEqual(done.sort(), [0, 1, 2, 3]);
    assert.deepEqual([...result.errorKind], [0, 0, 0, 0]);
  });

  it('never delays a user’s signout for another user’s slow batch', async () => {
    const clock = controlledSleep();
    const target = new NullTarget({ ...NO_DELAYS, latencyMs: 1000 }, { sleep: clock.sleep });
    await target.open(context());
    let slowDone = false;
    const slow = target.execute(batchOf([[1, 'store']])).then(() => (slowDone = true));
    const fast = await target.execute(
      batchOf([
        [2, 'bye'],
        [2, 'refresh'],
        [3, 'part'],
      ]),
    );
    assert.equal(slowDone, false, 'the other user’s store work is still on the wire');
    assert.deepEqual([...fast.errorKind], [0, 0, 0]);
    clock.pending.splice(0).forEach((p) => p.wake());
    await slow;
  });

  it('takes connectMs to open', async () => {
    const clock = controlledSleep();
    const target = new NullTarget({ ...NO_DELAYS, connectMs: 1500 }, { sleep: clock.sleep });
    let opened = false;
    const opening = target.open(context()).then(() => (opened = true));
    await turn();
    assert.equal(opened, false);
    assert.deepEqual(
      clock.pending.map((p) => p.ms),
      [1500],
    );
    clock.pending.splice(0).forEach((p) => p.wake());
    await opening;
    assert.equal(target.openConnections(), 0);
  });
});
