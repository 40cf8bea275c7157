/**
 * `sqlite:PATH[?synchronous=full|normal]` — the embedded target (better-sqlite3 12, in this
 * process). Default PATH `.chatload/mgc.db`; directories are created. WAL, synchronous=FULL by
 * default (every commit durable, as SQL Server flushes its log per commit), `normal` on request;
 * see `connection.ts`. Each worker opens its own connection; SQLite serialises writers through
 * the busy timeout.
 */
import { availableParallelism, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
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
import { describeSqlite, openDatabase, type SqliteTargetConfig } from './connection.js';
import { toTargetError } from './errors.js';
import { SqliteExecutor } from './execute.js';
import { provisionSqlite } from './provision.js';
import { prepareChatStatements, prepareComplianceStatements } from './statements.js';
import { inspectSqliteStore, readMeta } from './store-meta.js';

interface Session {
  db: Database.Database;
  context: TargetContext;
  executor: SqliteExecutor | null;
  writeCompliance: ((events: readonly ComplianceEvent[]) => void) | null;
}

let sessionCounter = 0;

export class SqliteTarget implements Target {
  readonly kind = 'sqlite' as const;
  readonly description: string;
  private session: Session | null = null;

  constructor(readonly config: SqliteTargetConfig) {
    this.description = describeSqlite(config);
  }

  async open(context: TargetContext): Promise<void> {
    if (this.session !== null) throw new Error(`${this.description} is already open`);
    this.session = {
      db: openDatabase(this.config),
      context,
      executor: null,
      writeCompliance: null,
    };
  }

  async close(): Promise<void> {
    this.session?.db.close();
    this.session = null;
  }

  private requireSession(): Session {
    if (this.session === null) throw new Error(`${this.description} is not open`);
    return this.session;
  }

  async serverInfo(): Promise<ServerInfo> {
    const { db } = this.requireSession();
    const { version } = db
      .prepare<[], { version: string }>('SELECT sqlite_version() AS version')
      .get() as {
      version: string;
    };
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
    try {
      return inspectSqliteStore(this.requireSession().db);
    } catch (error) {
      throw toTargetError(error, this.description, 'reading the store’s tables');
    }
  }

  async provision(world: World, options: ProvisionOptions): Promise<ProvisionReport> {
    const session = this.requireSession();
    session.executor = null;
    session.writeCompliance = null;
    try {
      return provisionSqlite(
        {
          db: session.db,
          config: this.config,
          description: this.description,
          now: () => performance.now(),
        },
        world,
        options,
      );
    } catch (error) {
      if (error instanceof ChatloadError) throw error;
      throw toTargetError(error, this.description, 'provisioning');
    }
  }

  async census(world: World): Promise<StoreCensus> {
    const session = this.requireSession();
    this.requireStore(session, 'mgc');
    try {
      return sqliteCensus(session.db, world);
    } catch (error) {
      throw toTargetError(error, this.description, 'counting the store (census)');
    }
  }

  async execute(batch: TxBatch): Promise<BatchOutcome> {
    const session = this.requireSession();
    if (session.executor === null) {
      this.requireStore(session, 'mgc');
      session.executor = new SqliteExecutor(
        session.db,
        prepareChatStatements(session.db),
        session.context,
      );
    }
    return session.executor.execute(batch);
  }

  async writeCompliance(events: readonly ComplianceEvent[]): Promise<void> {
    const session = this.requireSession();
    if (session.writeCompliance === null) {
      this.requireStore(session, 'mgccomp');
      const sessionId = BigInt(process.pid) * 1000n + BigInt(++sessionCounter);
      session.writeCompliance = complianceWriter(
        session.db,
        prepareComplianceStatements(session.db),
        session.context,
        sessionId,
      );
    }
    try {
      session.writeCompliance(events);
    } catch (error) {
      throw toTargetError(error, this.description, `writing ${events.length} compliance event(s)`);
    }
  }

  /** Writes go only to a complete store chatload made that holds `store`. */
  private requireStore(session: Session, store: 'mgc' | 'mgccomp'): void {
    const status = inspectSqliteStore(session.db);
    if (status.state === 'foreign') {
      throw new ChatloadError(
        'E_FOREIGN_STORE',
        `${this.description} holds ${status.evidence}; chatload never writes to a store it did not create.`,
      );
    }
    const meta = readMeta(session.db);
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
