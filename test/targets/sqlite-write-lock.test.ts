/**
 * The write lock SQLite connections of one run take turns on (issue 10 item 13): it hands over
 * between threads as soon as it is released, gives up with a `timeout` on a holder that never
 * lets go, and posts from four worker threads sharing it still get chatIds 1..n per room with no
 * duplicate or gap.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { TargetError } from '../../src/core/errors.js';
import { SqliteTarget } from '../../src/targets/sqlite/target.js';
import { WriteLock } from '../../src/targets/sqlite/write-lock.js';
import { postInWorker } from './contract-concurrency.js';
import { provisionOptions, smallWorld, tempDir, testContext } from './fixtures.js';

const dir = tempDir('write-lock');
after(() => dir.remove());

/**
 * A thread that takes the lock, says so, holds it a while, then notes when it let go (slot 1 of
 * a Float64Array, Date.now()) and releases it.
 */
const HOLDER = `
const { workerData, parentPort } = require('node:worker_threads');
const cell = new Int32Array(workerData.lock);
const released = new Float64Array(workerData.released);
while (Atomics.compareExchange(cell, 0, 0, 1) !== 0) Atomics.wait(cell, 0, 1);
parentPort.postMessage('held');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
released[0] = Date.now();
Atomics.store(cell, 0, 0);
Atomics.notify(cell, 0, 1);
`;

describe('SQLite write lock', () => {
  it('lets a writer in only once the thread holding it has let go', async () => {
    const lock = new SharedArrayBuffer(4);
    const released = new SharedArrayBuffer(8);
    const holder = new Worker(HOLDER, { eval: true, workerData: { lock, released } });
    await new Promise((resolve) => holder.once('message', resolve));
    const wroteAt = new WriteLock(lock, 60_000).run(() => Date.now());
    const releasedAt = new Float64Array(released)[0] as number;
    assert.ok(releasedAt > 0, 'the holder let go before this write could run');
    assert.ok(wroteAt >= releasedAt, `wrote at ${wroteAt}, released at ${releasedAt}`);
    assert.equal(new Int32Array(lock)[0], 0, 'released after the write');
    await holder.terminate();
  });

  it('fails as a timeout when the holder never lets go', () => {
    const buffer = new SharedArrayBuffer(4);
    new Int32Array(buffer)[0] = 1;
    let ran = false;
    assert.throws(
      () => new WriteLock(buffer, 20).run(() => (ran = true)),
      (error: unknown) =>
        error instanceof TargetError &&
        error.kind === 'timeout' &&
        /write lock/.test(error.message),
    );
    assert.equal(ran, false);
  });

  it('releases the lock when the write throws', () => {
    const buffer = new SharedArrayBuffer(4);
    const lock = new WriteLock(buffer, 1_000);
    assert.throws(
      () =>
        lock.run(() => {
          throw new Error('constraint');
        }),
      /constraint/,
    );
    assert.equal(new Int32Array(buffer)[0], 0);
  });

  it('keeps chatIds 1..n per room when four threads post through it', async () => {
    const world = smallWorld(11);
    const path = join(dir.path, 'mgc.db');
    const target = new SqliteTarget({ path, synchronous: 'normal' });
    await target.open(testContext(world, null));
    await target.provision(world, provisionOptions({ historyDays: 0 }));
    await target.close();
    const writeLock = new SharedArrayBuffer(4);
    const rooms = [0, 1, world.rooms - 1];
    const results = await Promise.all(
      [0, 1, 2, 3].map((user) =>
        postInWorker({
          url: `sqlite:${path}?synchronous=normal`,
          seed: world.seed,
          user,
          rooms,
          postsPerRoom: 20,
          writeLock,
        }),
      ),
    );
    for (const result of results) assert.deepEqual(result.errors, []);
    for (const room of rooms) {
      const ids = results
        .flatMap((r) => r.chatIds.filter(([rm]) => rm === room).map(([, id]) => id))
        .sort((a, b) => a - b);
      assert.deepEqual(
        ids,
        Array.from({ length: 80 }, (_, k) => k + 1),
        `room ${room}`,
      );
    }
  });
});
