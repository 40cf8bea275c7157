/**
 * The one interface every database target implements (embedded SQLite, SQL Server, null), so the
 * pool, the provisioner and the contract test suite never know which database they talk to.
 */
import type { ServerFamily } from '../core/vocabulary.js';
import type { BatchOutcome, IdLayout, Naming, TxBatch, World } from '../workload/types.js';
import type { StoreCensus } from './census.js';
import type { Outage } from './availability.js';

export type TargetKind = 'sqlite' | 'mssql' | 'null';

/** What the server says about itself. Facts it would not give are listed with the reason. */
export interface ServerInfo {
  kind: TargetKind;
  /** The product by name, as identified (never from the version number alone). */
  product: string;
  productVersion: string;
  /** The edition, when the product has editions of its own (null for an emulated one). */
  edition: string | null;
  cpus: number | null;
  memoryMb: number | null;
  unknown: { fact: string; reason: string }[];
  /** SQL Server targets: which product family answered (see SERVER_FAMILIES). */
  family?: ServerFamily;
  /** SQL Server targets: the first line of @@VERSION, verbatim (the evidence for `product`). */
  banner?: string;
  /** SQL Server targets: what the version gating concluded from the identity, and why. */
  gating?: string;
}

/** Injected into a target at open: id layout and names of the world, and the clocks. */
export interface TargetContext {
  layout: IdLayout;
  naming: Naming;
  /** The run clock in ms (performance-based, shared epoch across workers): service timing. */
  runClock(): number;
  /** Wall-clock Unix ms: what chatDate and other stored timestamps record. */
  unixNow(): number;
  /** Where compliance events go (asynchronously); null when compliance is off. */
  compliance: ComplianceSink | null;
  /**
   * SQLite: a 4-byte buffer shared by every connection of the run to one database file, on
   * which their writers take turns (see sqlite/write-lock.ts). Absent: SQLite's busy timeout.
   */
  writeLock?: SharedArrayBuffer;
}

/** Compliance events, as the chat service hands them to the compliance store (via a queue). */
export const ComplianceEventType = {
  chat: 1,
  backchat: 2,
  join: 100,
  part: 101,
} as const;
export type ComplianceEventType = (typeof ComplianceEventType)[keyof typeof ComplianceEventType];

export interface ComplianceEvent {
  type: ComplianceEventType;
  ticks: bigint;
  room: number;
  user: number;
  /** The posted message's chatId (chat), or null. */
  chatId: bigint | null;
  /** Payload for chat events (the message text), null otherwise. */
  message: string | null;
}

export interface ComplianceSink {
  push(event: ComplianceEvent): void;
}

/** The compliance store (`mgccomp`): may be the same database as `mgc` or another one. */
export interface ComplianceStore {
  writeCompliance(events: readonly ComplianceEvent[]): Promise<void>;
}

export interface ProvisionOptions {
  /** Which stores to create in this database: `mgc`, `mgccomp`, or both (same database). */
  stores: { mgc: boolean; mgccomp: boolean };
  /** Days of accumulated history to seed at the model's chat rates (0: none). */
  historyDays: number;
  /** Drop and recreate chatload-made objects. Never touches objects chatload did not create. */
  force: boolean;
  /** Unix ms at which seeded history ends (history runs up to "now"). */
  historyEndMs: number;
  /** Model chat rates per room class, for history seeding (messages per second, 1×). */
  historyRatesPerS: { small: number; medium: number; large: number };
  /** Working-day length in hours: seeded history falls inside working hours. */
  workdayHours: number;
  progress?: (event: ProvisionProgress) => void;
  /**
   * Stops provisioning when aborted (Ctrl-C), with the abort's reason as the error. The SQLite
   * target checks it between commits and leaves no half-built store behind.
   */
  signal?: AbortSignal;
}

export interface ProvisionProgress {
  table: string;
  rows: number;
  /** Rows this table will have in the end, when known. */
  totalRows: number | null;
  elapsedMs: number;
}

export interface ProvisionReport {
  status: 'created' | 'already-provisioned';
  /** Identifies the model, size and seed the store was filled from. */
  fingerprint: string;
  /** Rows per table. */
  tables: Record<string, number>;
  durationMs: number;
}

/** What a store holds, as far as chatload is concerned. */
export type StoreStatus =
  | { state: 'empty' }
  | { state: 'chatload'; schemaVersion: number; fingerprint: string }
  | { state: 'foreign'; evidence: string };

/** Every target can hold the compliance store too (`--compliance-target` picks which one does). */
export interface Target extends ComplianceStore {
  readonly kind: TargetKind;
  /** Safe to print: never contains a password. */
  readonly description: string;
  /**
   * True when execute() waits on I/O without blocking its thread (a network driver): a worker
   * then runs many batches at once, and the target reports each transaction's completion
   * through execute's `onRowDone` as it happens. False: execute() holds the thread until the
   * whole batch is done.
   */
  readonly asynchronous: boolean;
  open(context: TargetContext): Promise<void>;
  close(): Promise<void>;
  /** Connections to the database this target holds (SQLite: opened at first use; `null:` 0). */
  openConnections(): number;
  serverInfo(): Promise<ServerInfo>;
  inspectStore(): Promise<StoreStatus>;
  provision(world: World, options: ProvisionOptions): Promise<ProvisionReport>;
  /**
   * Counts what the provisioned chat store holds (rooms, grants, invitations, principals,
   * affiliations, history) with SQL; `world` gives only the class boundaries of the rooms.
   * Null for a target that holds no store (`null:`).
   */
  census(world: World): Promise<StoreCensus | null>;
  /** `onRowDone(i)`: transaction `i` has completed (asynchronous targets call it). */
  execute(batch: TxBatch, onRowDone?: (row: number) => void): Promise<BatchOutcome>;
  /**
   * Targets that reconnect after losing their server: the outages that ended since the previous
   * call, and the one going on (endMs null). See availability.ts.
   */
  takeOutages?(): Outage[];
}
