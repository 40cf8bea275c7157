/**
 * Turns a target URL (or a parsed spec) into a Target, not yet opened. The SQL Server driver is
 * loaded only when a SQL Server target is opened, so embedded and null runs never pay for it.
 */
import type { TxBatch, World, BatchOutcome } from '../workload/types.js';
import type { StoreCensus } from './census.js';
import type { Outage, OutagePolicy } from './availability.js';
import { redact, type MssqlTargetConfig } from './mssql/connection-string.js';
import { NullTarget } from './null.js';
import { SqliteTarget } from './sqlite/target.js';
import type {
  ComplianceEvent,
  ProvisionOptions,
  ProvisionReport,
  ServerInfo,
  StoreStatus,
  Target,
  TargetContext,
} from './types.js';
import { parseTargetUrl, type TargetSpec } from './url.js';

export interface OpenTargetOptions {
  /** SQL Server: connections this target opens (a worker's share of the run's). @default 4 */
  connections?: number;
  /** SQL Server: what to do when the server goes away mid-run. */
  outage?: OutagePolicy;
}

/** A SQL Server target whose driver module loads at open(). */
class DeferredMssqlTarget implements Target {
  readonly kind = 'mssql' as const;
  readonly asynchronous = true;
  readonly description: string;
  private inner: Target | null = null;

  constructor(
    private readonly config: MssqlTargetConfig,
    private readonly options: OpenTargetOptions,
  ) {
    this.description = redact(config);
  }

  async open(context: TargetContext): Promise<void> {
    const { MssqlTarget } = await import('./mssql/target.js');
    const target = new MssqlTarget(this.config, this.options);
    await target.open(context);
    this.inner = target;
  }

  private opened(): Target {
    if (this.inner === null) throw new Error(`${this.description} is not open`);
    return this.inner;
  }

  async close(): Promise<void> {
    await this.inner?.close();
    this.inner = null;
  }

  openConnections(): number {
    return this.inner?.openConnections() ?? 0;
  }

  takeOutages(): Outage[] {
    return this.inner?.takeOutages?.() ?? [];
  }

  serverInfo(): Promise<ServerInfo> {
    return this.opened().serverInfo();
  }

  inspectStore(): Promise<StoreStatus> {
    return this.opened().inspectStore();
  }

  provision(world: World, options: ProvisionOptions): Promise<ProvisionReport> {
    return this.opened().provision(world, options);
  }

  census(world: World): Promise<StoreCensus | null> {
    return this.opened().census(world);
  }

  execute(batch: TxBatch, onRowDone?: (row: number) => void): Promise<BatchOutcome> {
    return this.opened().execute(batch, onRowDone);
  }

  writeCompliance(events: readonly ComplianceEvent[]): Promise<void> {
    return this.opened().writeCompliance(events);
  }
}

export function openTarget(target: string | TargetSpec, options: OpenTargetOptions = {}): Target {
  const spec = typeof target === 'string' ? parseTargetUrl(target) : target;
  switch (spec.kind) {
    case 'sqlite':
      return new SqliteTarget(spec.config);
    case 'null':
      return new NullTarget(spec.config);
    case 'mssql':
      return new DeferredMssqlTarget(spec.config, options);
  }
}

/**
 * Whether the target's driver waits on the network without blocking its thread (see
 * Target.asynchronous), known from the URL alone: nothing is opened.
 */
export function runsAsynchronously(target: string | TargetSpec): boolean {
  return openTarget(target).asynchronous;
}
