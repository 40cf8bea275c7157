/**
 * `sqlite:PATH[?synchronous=full|normal]` — the embedded target (better-sqlite3 12, in this
 * process). Default PATH `.chatload/mgc.db`; directories are created. WAL, synchronous=FULL by
 * default (every commit durable, as SQL Server flushes its log per commit), `normal` on request;
 * see `connection.ts`. Each worker opens its own connection; SQLite serialises writers through
 * the busy timeout.
 */
import { existsSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { ChatloadError } from '../../core/errors.js';
import type { TxBatch, World, BatchOutcome } from '../../workload/types.js';
import type { StoreCensus } from '../census.js';
import type {
  ComplianceEvent,
  ProvisionOptions,
  ProvisionReport,
  ServerInfo,
  StoreStatus,
  Target,
  TargetContext,
} from '../types.js';
import { sqliteCensus } from './census.js';
import { complianceWriter } from './compliance.js';
import {
  BUSY_TIMEOUT_MS,
  describeSqlite,
  openDatabase,
  type SqliteTargetConfig,
} from './connection.js';
import { toTargetError } from './errors.js';
import { SqliteExecutor } from './execute.js';
import { inspectFile, intactAfterCrash, resetStoreFile } from './inspect.js';
import { keptStore, provisionSqlite } from './provision.js';
import { prepareChatStatements, prepareComplianceStatements } from './statements.js';
import { acquireStoreLock, lockPathOf, refuseWhileLocked, type StoreLock } from './store-lock.js';
import { WriteLock } from './write-lock.js';

interface Session {
  /** The run connection, opened at first use; null until then and while provisioning. */
  db: Database.Database | null;
  context: TargetContext;
  writeLock: WriteLock | null;
  executor: SqliteExecutor | null;
  writeCompliance: ((events: readonly ComplianceEvent[]) => void) | null;
}

let sessionCounter = 0;

/**
 * Takes the store's lock. A provisioning that died while it held the lock (its process is gone)
 * may have left pages half written: the file was chatload's then, so it is reset unless it
 * reads as a complete store.
 */
function lockRepairingCrash(path: string, description: string, createdFile: boolean): StoreLock {
  const lock = acquireStoreLock(path, description, createdFile);
  try {
    if (lock.stale !== null && !intactAfterCrash(path, description)) {
      resetStoreFile(path, lock.stale.createdFile);
    }
  } catch (error) {
    lock.release();
    throw error;
  }
  return lock;
}

export class SqliteTarget implements Target {
  readonly kind = 'sqlite' as const;
  readonly asynchronous = false;
  readonly description: string;
  private session: Session | null = null;
  /** Whether the file existed before this target opened it. */
  private createdFile = false;

  constructor(readonly config: SqliteTargetConfig) {
    this.description = describeSqlite(config);
  }

  /**
   * Looks at the file read-only first: a store chatload did not create is never switched to
   * WAL nor written. Any other store must be writable (checked now, so a read-only file fails
   * here rather than in every transaction of a run); the run connection opens at first use.
   */
  async open(context: TargetContext): Promise<void> {
    if (this.session !== null) throw new Error(`${this.description} is already open`);
    const { path } = this.config;
    refuseWhileLocked(path, this.description);
    if (existsSync(lockPathOf(path))) lockRepairingCrash(path, this.description, false).release();
    const inspection = inspectFile(path, this.description);
    this.createdFile = !inspection.exists;
    if (inspection.status.state !== 'foreign') openDatabase(this.config).close();
    this.session = {
      db: null,
      context,
      writeLock:
        context.writeLock === undefined ? null : new WriteLock(context.writeLock, BUSY_TIMEOUT_MS),
      executor: null,
      writeCompliance: null,
    };
  }

  async close(): Promise<void> {
    this.session?.db?.close();
    this.session = null;
  }

  /** The worker's one connection (opened at its first transaction). */
  openConnections(): number {
    return this.session === null ? 0 : 1;
  }

  private requireSession(): Session {
    if (this.session === null) throw new Error(`${this.description} is not open`);
    return this.session;
  }

  /** The run connection, once the store is known to be a complete chatload store with `store`. */
  private connection(session: Session, store: 'mgc' | 'mgccomp'): Database.Database {
    if (session.db === null) {
      this.requireStore(store);
      session.db = openDatabase(this.config);
    }
    return session.db;
  }

  async serverInfo(): Promise<ServerInfo> {
    this.requireSession();
    // The library's version, the same for every connection: no need to open the store for it.
    const memory = new Database(':memory:');
    const version = memory.prepare('SELECT sqlite_version()').pluck().get() as string;
    memory.close();
    return {
      kind: 'sqlite',
      product: 'SQLite',
      productVersion: version,
      edition: null,
      cpus: availableParallelism(),
      memoryMb: Math.round(totalmem() / 1_048_576),
      unknown: [
        {
          fact: 'edition',
          reason:
            'SQLite is an embedded library with no editions; cpus and memory are this machine’s',
        },
      ],
    };
  }

  async inspectStore(): Promise<StoreStatus> {
    this.requireSession();
    refuseWhileLocked(this.config.path, this.description);
    return inspectFile(this.config.path, this.description).status;
  }

  /**
   * Provisions under the store's lock, on a connection of its own (this target's run connection
   * is closed first: leaving WAL needs every connection gone). A store that is already what is
   * asked for is recognised without the lock, so that checking it never blocks another run.
   */
  async provision(world: World, options: ProvisionOptions): Promise<ProvisionReport> {
    const session = this.requireSession();
    const context = {
      config: this.config,
      description: this.description,
      createdFile: this.createdFile,
      now: () => performance.now(),
    };
    refuseWhileLocked(this.config.path, this.description);
    const unchanged = keptStore(context, world, options);
    if (unchanged !== null) return unchanged;
    session.db?.close();
    session.db = null;
    session.executor = null;
    session.writeCompliance = null;
    const lock = lockRepairingCrash(this.config.path, this.description, this.createdFile);
    try {
      return await provisionSqlite(context, world, options);
    } finally {
      lock.release();
    }
  }

  async census(world: World): Promise<StoreCensus> {
    const session = this.requireSession();
    const db = this.connection(session, 'mgc');
    try {
      return sqliteCensus(db, world);
    } catch (error) {
      throw toTargetError(error, this.description, 'counting the store (census)');
    }
  }

  async execute(batch: TxBatch): Promise<BatchOutcome> {
    const session = this.requireSession();
    if (session.executor === null) {
      const db = this.connection(session, 'mgc');
      session.executor = new SqliteExecutor(
        db,
        prepareChatStatements(db),
        session.context,
        session.writeLock,
      );
    }
    return session.executor.execute(batch);
  }

  async writeCompliance(events: readonly ComplianceEvent[]): Promise<void> {
    const session = this.requireSession();
    if (session.writeCompliance === null) {
      const db = this.connection(session, 'mgccomp');
      const sessionId = BigInt(process.pid) * 1000n + BigInt(++sessionCounter);
      session.writeCompliance = complianceWriter(
        db,
        prepareComplianceStatements(db),
        session.context,
        sessionId,
        session.writeLock,
      );
    }
    try {
      session.writeCompliance(events);
    } catch (error) {
      throw toTargetError(error, this.description, `writing ${events.length} compliance event(s)`);
    }
  }

  /** Writes go only to a complete store chatload made that holds `store`. */
  private requireStore(store: 'mgc' | 'mgccomp'): void {
    refuseWhileLocked(this.config.path, this.description);
    const { status, meta } = inspectFile(this.config.path, this.description);
    if (status.state === 'foreign') {
      throw new ChatloadError(
        'E_FOREIGN_STORE',
        `${this.description} holds ${status.evidence}; chatload never writes to a store it did not create.`,
      );
    }
    if (meta === null || !meta.complete || !meta.stores.includes(store)) {
      throw new ChatloadError(
        'E_NOT_PROVISIONED',
        `${this.description} holds no provisioned ${store} store.`,
        {
          hint: 'Run `chatload provision` with this target first.',
        },
      );
    }
  }
}
