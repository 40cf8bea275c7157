/**
 * `null:` — a target that executes nothing: every transaction starts and ends at the same clock
 * reading and succeeds. It measures the generator and the pool alone (benchmarks, schedule
 * tests). Never a default. It holds no store, so `inspectStore()` says `empty` and callers that
 * check the store before a run skip that check for kind `null`.
 */
import type { TxBatch, World } from '../workload/types.js';
import { emptyOutcome } from './outcome.js';
import type {
  BatchOutcome,
  ComplianceEvent,
  ProvisionOptions,
  ProvisionReport,
  ServerInfo,
  StoreStatus,
  Target,
  TargetContext,
} from './types.js';

export class NullTarget implements Target {
  readonly kind = 'null' as const;
  readonly description = 'null:';
  private clock: (() => number) | null = null;

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

  async execute(batch: TxBatch): Promise<BatchOutcome> {
    if (this.clock === null) throw new Error('null: target is not open');
    const outcome = emptyOutcome(batch.count);
    for (let i = 0; i < batch.count; i++) {
      const now = this.clock();
      outcome.startedAt[i] = now;
      outcome.endedAt[i] = now;
    }
    return outcome;
  }

  async writeCompliance(_events: readonly ComplianceEvent[]): Promise<void> {}
}
