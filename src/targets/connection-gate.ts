/**
 * The connections a network target may use at once, as permits handed out first come, first
 * served. A target sized to its driver's pool takes a permit before each piece of store work, so
 * requests wait here, where the wait is visible (it counts in latency, not in service time), and
 * never queue unseen inside the driver.
 */
export class ConnectionGate {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  private head = 0;
  /** Acquisitions that had to wait for a permit (a sign the connections are the bottleneck). */
  waits = 0;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`a connection gate needs at least one connection (got ${size})`);
    }
    this.free = size;
  }

  /** Requests waiting for a connection now. */
  get queued(): number {
    return this.waiting.length - this.head;
  }

  /** Resolves once a connection is this caller's; pair every acquire with one release. */
  acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    this.waits++;
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    if (this.head < this.waiting.length) {
      const next = this.waiting[this.head++] as () => void;
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting.splice(0, this.head);
        this.head = 0;
      }
      next();
      return;
    }
    if (this.free >= this.size) throw new Error('ConnectionGate released more than acquired');
    this.free++;
  }
}
