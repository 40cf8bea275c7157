/**
 * One writer at a time over every connection of a run to one database file, handed over without
 * sleeping. SQLite lets one connection write at a time; the others wait in its busy handler,
 * which sleeps in growing steps (up to 100 ms) between polls, so with two workers posting each
 * handed-over commit cost milliseconds of sleep: two workers posted half as fast as one (issue
 * 10 item 13). Taking this lock around each write transaction makes the writers queue on an
 * Atomics wait instead, woken the moment the lock is free. Readers never take it (in WAL mode
 * they read beside the writer), so reads still spread over the workers.
 *
 * better-sqlite3 transactions are synchronous: the lock is never held across an await, and a
 * worker blocked on it has nothing else it could be doing meanwhile.
 */
import { TargetError } from '../../core/errors.js';

const FREE = 0;
const HELD = 1;

export class WriteLock {
  private readonly cell: Int32Array;

  /** @param timeoutMs how long a writer waits before failing as a `timeout` (a dead holder). */
  constructor(
    buffer: SharedArrayBuffer,
    private readonly timeoutMs: number,
  ) {
    this.cell = new Int32Array(buffer, 0, 1);
  }

  /** Runs `write` holding the lock. */
  run<T>(write: () => T): T {
    this.acquire();
    try {
      return write();
    } finally {
      Atomics.store(this.cell, 0, FREE);
      Atomics.notify(this.cell, 0, 1);
    }
  }

  private acquire(): void {
    const deadline = performance.now() + this.timeoutMs;
    while (Atomics.compareExchange(this.cell, 0, FREE, HELD) !== FREE) {
      const left = deadline - performance.now();
      if (left <= 0) {
        throw new TargetError(
          'timeout',
          `waited ${this.timeoutMs} ms for the database's write lock (another worker holds it)`,
        );
      }
      Atomics.wait(this.cell, 0, HELD, left);
    }
  }
}
