/**
 * Provisioning a SQL Server store: refuse someone else's store, recognise our own (same world:
 * a no-op; another world: only with --force), then create the schema and bulk-load the world.
 *
 * Order (see render-tsql.ts): mark the database as chatload's (chatload_meta, complete = 0) →
 * tables with primary keys → bulk load table by table in foreign-key order → secondary indexes →
 * foreign keys (checked by default, so validated and trusted) → dbo.fnTicksToDate →
 * complete = 1. A failure part-way leaves a store marked incomplete, which the next provision
 * recreates.
 *
 * The inspection sees what the login may see (SQL Server's metadata visibility): a table the
 * login has no permission on looks absent. That cannot harm a production store: without a
 * permission on a table the login cannot write or drop it either, and CREATE TABLE on its name
 * fails (2714), stopping the provisioning.
 */
import type { World } from '../../workload/types.js';
import {
  renderTsqlSchema,
  tablesFor,
  ticksFunctionExistsQuery,
  type DdlBatch,
} from '../schema/render-tsql.js';
import { META_TABLE } from '../schema/tables.js';
import {
  metaEntries,
  provisionAction,
  provisioningMeta,
  readMetaTable,
  storeStatusOf,
  validMeta,
  wantedStore,
  type MetaTable,
  type StoreMeta,
} from '../store-meta.js';
import { provisionRowOptions, storeRows } from '../store-rows.js';
import type { ProvisionOptions, ProvisionReport, StoreStatus } from '../types.js';
import { bulkLoad } from './bulk.js';
import type { MssqlSession, RetryCounter } from './session.js';
import { FIND_TABLES, READ_META, WRITE_META } from './store-statements.js';

/** Wraps each step so a failure names what was being done (the permission it needs, too). */
export type StepRunner = <T>(
  what: string,
  permission: string | undefined,
  step: () => Promise<T>,
) => Promise<T>;

export interface MssqlProvisionContext {
  session: MssqlSession;
  /** Safe to print (no password). */
  description: string;
  step: StepRunner;
  /** Monotonic ms, for elapsed times. */
  now(): number;
}

const DDL_PERMISSION = 'CREATE TABLE and ALTER on the dbo schema (e.g. db_ddladmin or db_owner)';
// A bulk load that skips constraint checks needs ALTER on the table as well as INSERT.
const LOAD_PERMISSION = 'INSERT and ALTER on the chatload tables (e.g. db_owner)';

const noRetries = (): RetryCounter => ({ retries: 0 });

export async function inspectMssqlStore(
  session: MssqlSession,
): Promise<{ status: StoreStatus; meta: StoreMeta | null }> {
  const tables = (await session.rows(FIND_TABLES, {}, noRetries())).map((r) => r.name as string);
  let metaTable: MetaTable | null = null;
  if (tables.includes(META_TABLE.name)) {
    const rows = await session.rows(READ_META, {}, noRetries());
    metaTable = readMetaTable(
      new Map(rows.map((r) => [r.metaKey as string, r.metaValue as string])),
    );
  }
  const published = tables.filter((name) => name !== META_TABLE.name).map((name) => `dbo.${name}`);
  return { status: storeStatusOf(published, metaTable), meta: validMeta(metaTable) };
}

async function writeMeta(session: MssqlSession, meta: StoreMeta): Promise<void> {
  for (const [key, value] of metaEntries(meta)) {
    await session.rows(WRITE_META, { key, value }, noRetries());
  }
}

export async function provisionMssql(
  context: MssqlProvisionContext,
  world: World,
  options: ProvisionOptions,
): Promise<ProvisionReport> {
  const { session, step, now } = context;
  const started = now();
  const { status, meta } = await step('inspect the store', undefined, () =>
    inspectMssqlStore(session),
  );
  const action = provisionAction(status, meta, wantedStore(world, options), context.description);
  if (action === 'keep' && meta !== null) {
    return {
      status: 'already-provisioned',
      fingerprint: meta.fingerprint,
      tables: meta.rowCounts,
      durationMs: now() - started,
    };
  }
  const schema = renderTsqlSchema(options.stores);
  const ddl = (batch: DdlBatch): Promise<void> =>
    step(batch.name, DDL_PERMISSION, () => session.ddl(batch));
  if (action === 'recreate') for (const batch of schema.drops) await ddl(batch);

  // chatload_meta comes first (tablesFor): the store is marked as chatload's before anything else.
  const [metaTable, ...dataTables] = schema.tables;
  if (metaTable !== undefined) await ddl(metaTable);
  const newMeta = provisioningMeta(world, options);
  await step('write chatload_meta', DDL_PERMISSION, () => writeMeta(session, newMeta));
  for (const batch of dataTables) await ddl(batch);

  const rowCounts: Record<string, number> = Object.fromEntries(
    tablesFor(options.stores)
      .filter((t) => t !== META_TABLE)
      .map((t) => [t.name, 0]),
  );
  const loads = storeRows(world, provisionRowOptions(options));
  for (const load of loads) {
    const tableStarted = now();
    const name = load.table.name;
    rowCounts[name] = await step(`bulk load ${name}`, LOAD_PERMISSION, () =>
      bulkLoad(session.pool, load, (rows) =>
        options.progress?.({
          table: name,
          rows,
          totalRows: load.expectedRows,
          elapsedMs: now() - tableStarted,
        }),
      ),
    );
  }
  for (const batch of schema.indexes) await ddl(batch);
  for (const batch of schema.foreignKeys) await ddl(batch);
  if (schema.ticksFunction !== null) {
    const found = await step('look for dbo.fnTicksToDate', undefined, () =>
      session.rows({ ...ticksFunctionExistsQuery(), params: [] }, {}, noRetries()),
    );
    if (found[0]?.id === null || found[0]?.id === undefined) await ddl(schema.ticksFunction);
  }
  await step('write chatload_meta', DDL_PERMISSION, () =>
    writeMeta(session, { ...newMeta, complete: true, rowCounts }),
  );
  return {
    status: 'created',
    fingerprint: world.fingerprint,
    tables: rowCounts,
    durationMs: now() - started,
  };
}
