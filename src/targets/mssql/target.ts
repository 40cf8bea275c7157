/**
 * The SQL Server target (`mssql://...` or `Server=...;...`): one node-mssql connection pool per
 * worker, of the worker's share of the run's connections (all opened at open(), before the run
 * clock starts). Transactions run as network-driver dialogs (`../dialogs.ts`): each user's in
 * order, store work waiting for one of the pool's connections and nothing else. A lost server is
 * handled by the outage policy (`../availability.ts`): fail fast, reconnect with backoff, give up
 * after a bound. Hot statements run as parameterized `request.query()` (sp_executesql);
 * provisioning uses DDL batches and TDS bulk load. Every failure leaves as a TargetError naming
 * host:port, the user and what was being done — never the password.
 */
import sql from 'mssql';
import { ChatloadError, TargetError } from '../../core/errors.js';
import { type TxBatch, type World, type BatchOutcome } from '../../workload/types.js';
import type { StoreCensus } from '../census.js';
import type { StoreName } from '../schema/types.js';
import type {
  ComplianceEvent,
  ProvisionOptions,
  ProvisionReport,
  ServerInfo,
  StoreStatus,
  Target,
  TargetContext,
} from '../types.js';
import { mssqlCensus } from './census.js';
import { endpointOf, redact, type MssqlTargetConfig } from './config.js';
import { MssqlCommands } from './commands.js';
import { writeComplianceEvents } from './compliance-writer.js';
import { classifyMssqlError, toTargetError, type ErrorContext } from './errors.js';
import {
  Availability,
  DEFAULT_OUTAGE_POLICY,
  type Outage,
  type OutagePolicy,
} from '../availability.js';
import { ConnectionGate } from '../connection-gate.js';
import { DialogScheduler, type RowDone } from '../dialogs.js';
import { DEFAULT_POOL_SIZE, openConnections, toPoolConfig } from './pool-config.js';
import { inspectMssqlStore, provisionMssql } from './provision.js';
import { readIdentity, readServerInfo, type FirstRow } from './server-info.js';
import { DEFAULT_SESSION_OPTIONS, MssqlSession, type SessionOptions } from './session.js';
import { isSupported } from './version.js';
import { COMMANDS, METHODS } from '../../core/vocabulary.js';

/** `INFO grpchat`, `INVITE`: what a failed transaction was, for its error sample. */
function transactionName(batch: TxBatch, i: number): string {
  const method = METHODS[batch.method[i] as number] ?? 'request';
  const command = COMMANDS[batch.command[i] as number];
  return command === undefined || command === 'none' ? method : `${method} ${command}`;
}

let sessionCounter = 0;

export interface MssqlTargetOptions {
  /** Connections this target opens (a worker's share of the run's). @default 4 */
  connections?: number;
  /** What to do when the server goes away mid-run. */
  outage?: OutagePolicy;
  /** Retry policy, sleep and jitter source (tests inject them; reconnects use them too). */
  session?: SessionOptions;
}

export class MssqlTarget implements Target {
  readonly kind = 'mssql' as const;
  readonly asynchronous = true;
  readonly description: string;
  readonly poolSize: number;
  /** An ES private field: util.inspect and JSON never show it (it holds the password). */
  readonly #config: MssqlTargetConfig;
  private readonly sessionOptions: SessionOptions;
  private readonly outagePolicy: OutagePolicy;
  private readonly gate: ConnectionGate;
  private readonly dialogs: DialogScheduler;
  private session: MssqlSession | null = null;
  private context: TargetContext | null = null;
  private commands: MssqlCommands | null = null;
  private availability: Availability | null = null;
  /** Stores found provisioned by chatload on this connection (see requireStore). */
  private readonly verified = new Set<StoreName>();
  /** tblComplianceParticipant.sessionId of this chat-service session. */
  private readonly sessionId = BigInt(process.pid) * 1000n + BigInt(++sessionCounter);

  constructor(config: MssqlTargetConfig, options: MssqlTargetOptions = {}) {
    this.#config = config;
    this.description = redact(config);
    this.poolSize = options.connections ?? DEFAULT_POOL_SIZE;
    this.sessionOptions = options.session ?? DEFAULT_SESSION_OPTIONS;
    this.outagePolicy = options.outage ?? DEFAULT_OUTAGE_POLICY;
    this.gate = new ConnectionGate(this.poolSize);
    this.dialogs = new DialogScheduler(this.gate);
  }

  private where(statement: string, permission?: string): ErrorContext {
    return {
      endpoint: endpointOf(this.#config),
      user: this.#config.user,
      database: this.#config.database,
      statement,
      ...(permission === undefined ? {} : { permission }),
    };
  }

  private async step<T>(
    what: string,
    permission: string | undefined,
    work: () => Promise<T>,
  ): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toTargetError(error, this.where(what, permission));
    }
  }

  private requireSession(): MssqlSession {
    if (this.session === null) {
      throw new TargetError('unknown', `${this.description} is not open`, {
        hint: 'This is a bug in chatload: open() must come before any other call.',
      });
    }
    return this.session;
  }

  async open(context: TargetContext): Promise<void> {
    if (this.session !== null) {
      throw new TargetError('unknown', `${this.description} is already open`, {
        hint: 'This is a bug in chatload: a target is opened once per worker.',
      });
    }
    const pool = new sql.ConnectionPool(toPoolConfig(this.#config, this.poolSize));
    // An idle pooled connection that drops reports here; without a listener it would crash
    // the worker. The next request on it fails and is classified like any other.
    pool.on('error', () => undefined);
    await this.step('connect', undefined, () => pool.connect());
    this.session = new MssqlSession(pool, this.sessionOptions);
    this.context = context;
    this.commands = new MssqlCommands(this.session, context);
    try {
      await this.step('read the server version', undefined, () => this.checkVersion());
      await this.step(`open ${this.poolSize} connection(s)`, undefined, () =>
        openConnections(pool, this.poolSize),
      );
    } catch (error) {
      await this.close();
      throw error;
    }
    const { sleep, random } = this.sessionOptions;
    this.availability = new Availability(this.outagePolicy, {
      clock: () => context.runClock(),
      sleep,
      random,
      probe: async () => {
        await pool.request().query('SELECT 1 AS up;');
      },
      classify: classifyMssqlError,
      description: this.description,
    });
  }

  openConnections(): number {
    const pool = this.session?.pool;
    return pool === undefined || !pool.connected ? 0 : pool.size;
  }

  takeOutages(): Outage[] {
    return this.availability?.takeOutages() ?? [];
  }

  private async checkVersion(): Promise<void> {
    const { product, version } = await readIdentity(this.firstRow);
    if (version !== null && !isSupported(version)) {
      throw new TargetError(
        'unknown',
        `${this.description} runs ${product} (${version.text}); chatload needs SQL Server 2008 (10.0) or later`,
        { hint: 'The documented versions are SQL Server 2008 R2 (10.50) and 2012 (11.0).' },
      );
    }
  }

  async close(): Promise<void> {
    const session = this.session;
    this.availability?.stop();
    this.session = null;
    this.commands = null;
    this.verified.clear();
    if (session !== null) await session.pool.close();
  }

  private firstRow: FirstRow = async <T>(text: string): Promise<T | undefined> => {
    const result = await this.requireSession().pool.request().query<T>(text);
    return result.recordset?.[0];
  };

  async serverInfo(): Promise<ServerInfo> {
    return this.step('read server information', undefined, () => readServerInfo(this.firstRow));
  }

  async inspectStore(): Promise<StoreStatus> {
    const session = this.requireSession();
    return this.step(
      'inspect the store',
      undefined,
      async () => (await inspectMssqlStore(session)).status,
    );
  }

  async provision(world: World, options: ProvisionOptions): Promise<ProvisionReport> {
    this.verified.clear();
    return provisionMssql(
      {
        session: this.requireSession(),
        description: this.description,
        step: (what, permission, work) => this.step(what, permission, work),
        now: () => performance.now(),
      },
      world,
      options,
    );
  }

  async census(world: World): Promise<StoreCensus> {
    await this.requireStore('mgc');
    const session = this.requireSession();
    return this.step('count the store (census)', undefined, () => mssqlCensus(session, world));
  }

  async execute(batch: TxBatch, onRowDone?: RowDone): Promise<BatchOutcome> {
    const availability = this.availability as Availability;
    availability.checkGiveUp();
    await this.requireStore('mgc');
    const commands = this.commands as MssqlCommands;
    const clock = (this.context as TargetContext).runClock;
    return this.dialogs.run(
      batch,
      {
        run: async (b, i, outcome) => {
          const startedAt = clock();
          try {
            return await commands.run(b, i, outcome);
          } catch (error) {
            availability.report(classifyMssqlError(error), startedAt);
            throw error;
          }
        },
        admit: () => availability.admit(),
        classify: classifyMssqlError,
        describe: (error, b, i) => toTargetError(error, this.where(transactionName(b, i))).message,
        clock,
      },
      onRowDone,
    );
  }

  /** One transaction per call, on one of the gate's connections like any other store work. */
  async writeCompliance(events: readonly ComplianceEvent[]): Promise<void> {
    await this.requireStore('mgccomp');
    const session = this.requireSession();
    const context = this.context as TargetContext;
    this.availability?.admit();
    await this.gate.acquire();
    const startedAt = context.runClock();
    try {
      await this.step(`write ${events.length} compliance event(s)`, undefined, () =>
        writeComplianceEvents(session, events, context, this.sessionId, { retries: 0 }),
      );
    } catch (error) {
      this.availability?.report(classifyMssqlError(error), startedAt);
      throw error;
    } finally {
      this.gate.release();
    }
  }

  /**
   * Writes go only to a complete store chatload made that holds `store`; checked once per
   * connection and store (provisioning resets it), so a production mgc is never written to.
   */
  private async requireStore(store: StoreName): Promise<void> {
    if (this.verified.has(store)) return;
    const session = this.requireSession();
    const { status, meta } = await this.step('inspect the store', undefined, () =>
      inspectMssqlStore(session),
    );
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
    this.verified.add(store);
  }
}
