/**
 * The asynchronous, bounded queue between the chat work and the compliance store (the product
 * puts MSMQ there). Chat transactions push events and move on; a drain loop writes them in
 * batches through a ComplianceStore. Nothing is dropped: when the store falls behind, `depth`
 * grows, `overCapacity` turns true, and the producer applies backpressure by awaiting `flush()`
 * instead of letting the queue grow without bound.
 */
import { performance } from 'node:perf_hooks';
import type { ComplianceEvent, ComplianceSink, ComplianceStore } from './types.js';

/** One write to the compliance store, for the `compliance` op's metrics. */
export interface ComplianceWrite {
  startedAt: number;
  endedAt: number;
  events: number;
  /** The store's error when the write failed (its events count as failed, not retried). */
  error: unknown;
}

export interface ComplianceQueueOptions {
  /** Most events per write (one transaction). @default 500 */
  maxBatch?: number;
  /** How long a partial batch may wait before it is written, ms. @default 50 */
  intervalMs?: number;
  /** Depth at which `overCapacity` turns true. @default 10000 */
  capacity?: number;
  /** Clock for write timings, ms. @default performance.now */
  clock?: () => number;
  /** Called after every write, successful or not. */
  onWrite?: (write: ComplianceWrite) => void;
}

export class ComplianceQueue implements ComplianceSink {
  private readonly maxBatch: number;
  private readonly intervalMs: number;
  private readonly capacity: number;
  private readonly clock: () => number;
  private readonly onWrite: (write: ComplianceWrite) => void;
  private waiting: ComplianceEvent[] = [];
  private head = 0;
  private writing = 0;
  private pushed = 0;
  private settled = 0;
  private draining: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly flushes: { upTo: number; resolve: () => void }[] = [];

  constructor(
    private readonly store: ComplianceStore,
    options: ComplianceQueueOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 500;
    this.intervalMs = options.intervalMs ?? 50;
    this.capacity = options.capacity ?? 10_000;
    this.clock = options.clock ?? (() => performance.now());
    this.onWrite = options.onWrite ?? (() => undefined);
    for (const [name, value] of [
      ['maxBatch', this.maxBatch],
      ['capacity', this.capacity],
    ] as const) {
      if (!Number.isInteger(value) || value < 1) {
        throw new RangeError(
          `compliance queue: options.${name} must be a positive integer, got ${value}`,
        );
      }
    }
    if (!(this.intervalMs >= 0)) {
      throw new RangeError(
        `compliance queue: options.intervalMs must be >= 0, got ${this.intervalMs}`,
      );
    }
  }

  /** Events pushed and not yet written (those being written included). */
  get depth(): number {
    return this.waiting.length - this.head + this.writing;
  }

  get overCapacity(): boolean {
    return this.depth >= this.capacity;
  }

  push(event: ComplianceEvent): void {
    if (this.closed) throw new Error('compliance queue: push after close');
    this.waiting.push(event);
    this.pushed++;
    if (this.waiting.length - this.head >= this.maxBatch) this.startDrain();
    else this.scheduleDrain();
  }

  /** Resolves once every event pushed before this call has been written (or has failed). */
  flush(): Promise<void> {
    if (this.settled >= this.pushed) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.flushes.push({ upTo: this.pushed, resolve }));
    this.startDrain();
    return done;
  }

  /** Stops accepting events and writes everything still waiting. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private scheduleDrain(): void {
    if (this.timer !== null || this.draining !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.startDrain();
    }, this.intervalMs);
    this.timer.unref();
  }

  private startDrain(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.draining ??= this.drain().finally(() => {
      this.draining = null;
      if (this.waiting.length > this.head) this.scheduleDrain();
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > this.head) {
      const end = Math.min(this.waiting.length, this.head + this.maxBatch);
      const batch = this.waiting.slice(this.head, end);
      this.head = end;
      this.compact();
      this.writing = batch.length;
      const startedAt = this.clock();
      let error: unknown = null;
      try {
        await this.store.writeCompliance(batch);
      } catch (caught) {
        error = caught;
      }
      this.writing = 0;
      this.settled += batch.length;
      this.onWrite({ startedAt, endedAt: this.clock(), events: batch.length, error });
      this.releaseFlushes();
    }
  }

  private compact(): void {
    if (this.head > 4096 && this.head * 2 > this.waiting.length) {
      this.waiting = this.waiting.slice(this.head);
      this.head = 0;
    }
  }

  private releaseFlushes(): void {
    for (let i = this.flushes.length - 1; i >= 0; i--) {
      const waiter = this.flushes[i] as { upTo: number; resolve: () => void };
      if (this.settled >= waiter.upTo) {
        this.flushes.splice(i, 1);
        waiter.resolve();
      }
    }
  }
}
