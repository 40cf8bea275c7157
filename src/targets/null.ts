/**
 * `null:` — a target that executes nothing: every transaction succeeds at once. It measures the
 * generator and the pool alone (benchmarks, schedule tests). Never a default. It holds no store,
 * so `inspectStore()` says `empty` and callers that check the store before a run skip it.
 *
 * Two options make it stand in for a database's timing without pretending to be one:
 * `serviceMs` (every transaction takes that long, like a synchronous driver call) and
 * `stallAt` + `stallFor` (once the run clock passes `stallAt`, the next transaction takes
 * `stallFor`: a stalled database). Tests of latency measurement and coordinated omission use them.
 */
import { formatDuration } from '../core/duration.js';
import type { TxBatch, World, BatchOutcome } from '../workload/types.js';
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
}

export const NO_DELAYS: NullTargetConfig = { serviceMs: 0, stallAtMs: null, stallForMs: 0 };

export function describeNull(config: NullTargetConfig): string {
  const options: string[] = [];
  if (config.serviceMs > 0) options.push(`serviceMs=${config.serviceMs}`);
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
  private clock: (() => number) | null = null;
  private stalled = false;

  constructor(private readonly config: NullTargetConfig = NO_DELAYS) {
    this.description = describeNull(config);
  }

  async open(context: TargetContext): Promise<void> {
    this.clock = context.runClock;
  }

  async close(): Promise<void> {
    this.clock = null;
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

  async execute(batch: TxBatch): Promise<BatchOutcome> {
    const clock = this.clock;
    if (clock === null) throw new Error('null: target is not open');
    const { serviceMs, stallAtMs, stallForMs } = this.config;
    const outcome = emptyOutcome(batch.count);
    for (let i = 0; i < batch.count; i++) {
      const now = clock();
      outcome.startedAt[i] = now;
      let waitMs = serviceMs;
      if (stallAtMs !== null && !this.stalled && now >= stallAtMs) {
        this.stalled = true;
        waitMs += stallForMs;
      }
      block(waitMs);
      outcome.endedAt[i] = waitMs > 0 ? clock() : now;
    }
    return outcome;
  }

  async writeCompliance(_events: readonly ComplianceEvent[]): Promise<void> {}
}
