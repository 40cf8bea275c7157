import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ComplianceQueue, type ComplianceWrite } from '../../src/targets/compliance-queue.js';
import {
  ComplianceEventType,
  type ComplianceEvent,
  type ComplianceStore,
} from '../../src/targets/types.js';

const event = (n: number): ComplianceEvent => ({
  type: ComplianceEventType.chat,
  ticks: BigInt(n),
  room: n % 7,
  user: n,
  chatId: BigInt(n),
  message: `m${n}`,
});

/** A store whose writes complete only when the test releases them. */
class GatedStore implements ComplianceStore {
  readonly written: ComplianceEvent[][] = [];
  private gates: (() => void)[] = [];
  failNext = false;

  writeCompliance(events: readonly ComplianceEvent[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.gates.push(() => {
        if (this.failNext) {
          this.failNext = false;
          reject(new Error('store down'));
          return;
        }
        this.written.push([...events]);
        resolve();
      });
    });
  }

  get pendingWrites(): number {
    return this.gates.length;
  }

  /** Lets the oldest pending write finish, then yields so the queue can react. */
  async release(): Promise<void> {
    const gate = this.gates.shift();
    assert.ok(gate !== undefined, 'a write is pending');
    gate();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  }
}

describe('compliance queue', () => {
  it('never drops: depth counts every event until it is written, in order, in bounded batches', async () => {
    const store = new GatedStore();
    const writes: ComplianceWrite[] = [];
    let clock = 0;
    const queue = new ComplianceQueue(store, {
      maxBatch: 4,
      intervalMs: 1_000_000,
      capacity: 100,
      clock: () => clock++,
      onWrite: (w) => writes.push(w),
    });
    for (let n = 0; n < 10; n++) queue.push(event(n));
    assert.equal(queue.depth, 10);
    assert.equal(store.pendingWrites, 1, 'a full batch starts a write at once');
    const flushed = queue.flush();
    while (store.pendingWrites > 0) await store.release();
    await flushed;
    assert.equal(queue.depth, 0);
    assert.deepEqual(
      store.written.map((b) => b.length),
      [4, 4, 2],
    );
    assert.deepEqual(
      store.written.flat().map((e) => e.user),
      [...Array(10).keys()],
    );
    assert.deepEqual(
      writes.map((w) => w.events),
      [4, 4, 2],
    );
    assert.ok(writes.every((w) => w.error === null && w.endedAt > w.startedAt));
  });

  it('reports overCapacity while the store lags, and flush() is the backpressure that clears it', async () => {
    const store = new GatedStore();
    const queue = new ComplianceQueue(store, { maxBatch: 50, intervalMs: 1_000_000, capacity: 20 });
    for (let n = 0; n < 19; n++) queue.push(event(n));
    assert.equal(queue.overCapacity, false);
    queue.push(event(19));
    assert.equal(queue.overCapacity, true);
    let flushed = false;
    const done = queue.flush().then(() => (flushed = true));
    await Promise.resolve();
    assert.equal(flushed, false, 'flush waits for the store');
    assert.equal(queue.depth, 20, 'events being written still count');
    await store.release();
    await done;
    assert.equal(queue.overCapacity, false);
    assert.equal(queue.depth, 0);
  });

  it('writes a partial batch after the interval without anyone flushing', async () => {
    let written: readonly ComplianceEvent[] = [];
    const wrote = new Promise<void>((resolve) => {
      const queue = new ComplianceQueue(
        {
          writeCompliance: async (events) => {
            written = events;
            resolve();
          },
        },
        { maxBatch: 100, intervalMs: 0 },
      );
      queue.push(event(1));
      queue.push(event(2));
    });
    await wrote;
    assert.deepEqual(
      written.map((e) => e.user),
      [1, 2],
    );
  });

  it('reports a failed write through onWrite and keeps draining the rest', async () => {
    const store = new GatedStore();
    const writes: ComplianceWrite[] = [];
    const queue = new ComplianceQueue(store, {
      maxBatch: 2,
      intervalMs: 1_000_000,
      onWrite: (w) => writes.push(w),
    });
    for (let n = 0; n < 4; n++) queue.push(event(n));
    store.failNext = true;
    const closed = queue.close();
    while (store.pendingWrites > 0) await store.release();
    await closed;
    assert.equal(writes.length, 2);
    assert.match(String((writes[0]?.error as Error).message), /store down/);
    assert.equal(writes[1]?.error, null);
    assert.equal(queue.depth, 0);
  });

  it('drains everything on close and refuses pushes afterwards', async () => {
    const store = new GatedStore();
    const queue = new ComplianceQueue(store, { maxBatch: 3, intervalMs: 1_000_000 });
    for (let n = 0; n < 7; n++) queue.push(event(n));
    const closed = queue.close();
    while (store.pendingWrites > 0) await store.release();
    await closed;
    assert.equal(store.written.flat().length, 7);
    assert.throws(() => queue.push(event(8)), /after close/);
  });

  it('validates its options and names the one that is wrong', () => {
    const store = new GatedStore();
    assert.throws(
      () => new ComplianceQueue(store, { maxBatch: 0 }),
      /options\.maxBatch must be a positive integer/,
    );
    assert.throws(
      () => new ComplianceQueue(store, { capacity: 1.5 }),
      /options\.capacity must be a positive integer/,
    );
    assert.throws(
      () => new ComplianceQueue(store, { intervalMs: -1 }),
      /options\.intervalMs must be >= 0/,
    );
  });
});
