/**
 * `null:` — a target that executes nothing: every transaction succeeds at once. It measures the
 * generator and the pool alone (benchmarks, schedule tests). Never a default. It holds no store,
 * so `inspectStore()` says `empty` and callers that check the store before a run skip it.
 *
 * Options make it stand in for a database's timing without pretending to be one:
 * - `serviceMs`: every transaction blocks its worker that long, like a synchronous driver call;
 * - `stallAt` + `stallFor`: once the run clock passes `stallAt`, the next transaction blocks for
 *   `stallFor` (a stalled database);
 * - `latencyMs`: every transaction that would do store work waits that long without blocking
 *   the thread, like a network round trip; the target then runs like a network driver (each
 *   user's dialog in order, many users at once: `dialogs.ts`), and store-free transactions
 *   (part, signout, refresh) take no time;
 * - `connectMs`: opening the target (in each worker) takes that long, like a login.
 * Tests of latency measurement, coordinated omission, worker start-up and the pipeline's
 * concurrency (Little's law) use them.
 */
import { setTimeout as sleepFor } from 'node:timers/promises';
import { formatDuration } from '../core/duration.js';
import type { TxBatch, World, BatchOutcome } from '../workload/types.js';
import { touchesStore } from './command-semantics.js';
import { DialogScheduler, type RowDone, type TransactionRunner } from './dialogs.js';
import { emptyOutcome } from './outcome.js';
import type {
  ComplianceEvent,
  ProvisionOptions,
  ProvisionReport,
  ServerInfo,
  StoreStatus,
  Target,
  TargetContext,
} from './types.js';

export interface NullTargetConfig {
  /** Synthetic service time of every transaction, ms. @default 0 */
  serviceMs: number;
  /** Run-clock ms after which the target stalls once; null: never. */
  stallAtMs: number | null;
  /** How long the stall lasts, ms. */
  stallForMs: number;
  /** Asynchronous wait of every transaction that would do store work, ms. @default 0 */
  latencyMs: number;
  /** How long opening the target takes, ms. @default 0 */
  connectMs: number;
}

export const NO_DELAYS: NullTargetConfig = {
  serviceMs: 0,
  stallAtMs: null,
  stallForMs: 0,
  latencyMs: 0,
  connectMs: 0,
};

export interface NullTargetOptions {
  /** How the target waits (latencyMs, connectMs); tests pass a controlled one. */
  sleep?: (ms: number) => Promise<void>;
}

export function describeNull(config: NullTargetConfig): string {
  const options: string[] = [];
  if (config.serviceMs > 0) options.push(`serviceMs=${config.serviceMs}`);
  if (config.latencyMs > 0) options.push(`latencyMs=${config.latencyMs}`);
  if (config.connectMs > 0) options.push(`connectMs=${config.connectMs}`);
  if (config.stallAtMs !== null) {
    options.push(
      `stallAt=${formatDuration(config.stallAtMs)}`,
      `stallFor=${formatDuration(config.stallForMs)}`,
    );
  }
  return options.length === 0 ? 'null:' : `null:?${options.join('&')}`;
}

/** Blocks the thread for `ms` (a synchronous driver call blocks the same way). */
function block(ms: number): void {
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export class NullTarget implements Target {
  readonly kind = 'null' as const;
  readonly description: string;
  readonly asynchronous: boolean;
  private clock: (() => number) | null = null;
  private stalled = false;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly dialogs = new DialogScheduler(null);

  constructor(
    private readonly config: NullTargetConfig = NO_DELAYS,
    options: NullTargetOptions = {},
  ) {
    this.description = describeNull(config);
    this.asynchronous = config.latencyMs > 0;
    this.sleep = options.sleep ?? ((ms) => sleepFor(ms));
  }

  async open(context: TargetContext): Promise<void> {
    if (this.config.connectMs > 0) await this.sleep(this.config.connectMs);
    this.clock = context.runClock;
  }

  async close(): Promise<void> {
    this.clock = null;
  }

  openConnections(): number {
    return 0;
  }

  async serverInfo(): Promise<ServerInfo> {
    return {
      kind: 'null',
      product: 'none',
      productVersion: '',
      edition: null,
      cpus: null,
      memoryMb: null,
      unknown: [{ fact: 'server', reason: 'the null: target executes nothing and has no server' }],
    };
  }

  async inspectStore(): Promise<StoreStatus> {
    return { state: 'empty' };
  }

  async provision(world: World, _options: ProvisionOptions): Promise<ProvisionReport> {
    return { status: 'created', fingerprint: world.fingerprint, tables: {}, durationMs: 0 };
  }

  /** No store, nothing to count. */
  async census(_world: World): Promise<null> {
    return null;
  }

  async execute(batch: TxBatch, onRowDone?: RowDone): Promise<BatchOutcome> {
    const clock = this.clock;
    if (clock === null) throw new Error('null: target is not open');
    if (this.asynchronous) return this.dialogs.run(batch, this.roundTrips(clock), onRowDone);
    const outcome = emptyOutcome(batch.count);
    for (let i = 0; i < batch.count; i++) {
      const now = clock();
      outcome.startedAt[i] = now;
      const waitMs = this.blockingMs(now);
      block(waitMs);
      outcome.endedAt[i] = waitMs > 0 ? clock() : now;
    }
    return outcome;
  }

  /** The synchronous part of a transaction's time: serviceMs, and the stall when it is due. */
  private blockingMs(now: number): number {
    const { serviceMs, stallAtMs, stallForMs } = this.config;
    if (stallAtMs !== null && !this.stalled && now >= stallAtMs) {
      this.stalled = true;
      return serviceMs + stallForMs;
    }
    return serviceMs;
  }

  private roundTrips(clock: () => number): TransactionRunner {
    const { latencyMs } = this.config;
    return {
      run: async (batch, i) => {
        block(this.blockingMs(clock()));
        if (touchesStore(batch.method[i] as number, batch.command[i] as number)) {
          await this.sleep(latencyMs);
        }
        return 0;
      },
      classify: () => 'unknown',
      describe: (error) => (error instanceof Error ? error.message : String(error)),
      clock,
    };
  }

  async writeCompliance(_events: readonly ComplianceEvent[]): Promise<void> {}
}
