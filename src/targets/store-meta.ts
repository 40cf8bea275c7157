/**
 * Whose store is this, and what may provisioning do with it? A valid `chatload_meta` record
 * marks a database chatload created and records what it was filled from; Persistent Chat tables
 * without one mean someone else's store (possibly a production `mgc`), which chatload never
 * writes to.
 *
 * The table holds the same keys on every target, so a store says the same about itself whichever
 * engine it lives in, and every target takes the same provisioning decision from it. Reading and
 * writing the table is each dialect's business (sqlite/store-meta.ts, mssql/provision.ts).
 */
import { ChatloadError } from '../core/errors.js';
import { TOOL_VERSION } from '../core/version.js';
import type { World } from '../workload/types.js';
import { SCHEMA_VERSION } from './schema/tables.js';
import type { StoreName } from './schema/types.js';
import type { ProvisionOptions, StoreStatus } from './types.js';

import type { MetaTable, StoreMeta } from './meta-record.js';

export { metaEntries, readMetaTable, type MetaTable, type StoreMeta } from './meta-record.js';

function listed(names: readonly string[]): string {
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

/**
 * The store's status from what the database holds. Only a valid chatload_meta record makes it
 * chatload's; anything else that holds tables is foreign.
 *
 * @param publishedTables the schema's tables found, chatload_meta left out, named the way the
 *   evidence should name them (e.g. `dbo.tblChat` on SQL Server)
 * @param metaTable chatload_meta's content; null when that table does not exist
 * @param otherTables tables that are neither the schema's nor chatload_meta, where the target
 *   counts them as someone else's data (a SQLite file is one database: chatload provisions
 *   only files that hold nothing else)
 */
export function storeStatusOf(
  publishedTables: readonly string[],
  metaTable: MetaTable | null,
  otherTables: readonly string[] = [],
): StoreStatus {
  if (metaTable?.valid === true) {
    const { meta } = metaTable;
    return { state: 'chatload', schemaVersion: meta.schemaVersion, fingerprint: meta.fingerprint };
  }
  const found: string[] = [];
  if (metaTable !== null) {
    found.push(`a chatload_meta table chatload did not write (${metaTable.problem})`);
  }
  if (publishedTables.length > 0) {
    const plural = publishedTables.length > 1 ? 's' : '';
    found.push(`Persistent Chat table${plural} ${listed(publishedTables)}`);
  }
  if (otherTables.length > 0) {
    found.push(`table${otherTables.length > 1 ? 's' : ''} ${listed(otherTables)}`);
  }
  if (found.length === 0) return { state: 'empty' };
  const without = metaTable === null ? ' without chatload_meta' : '';
  return { state: 'foreign', evidence: `${found.join(' and ')}${without}` };
}

/** The meta of a store that is chatload's; null otherwise. */
export function validMeta(metaTable: MetaTable | null): StoreMeta | null {
  return metaTable?.valid === true ? metaTable.meta : null;
}

/** What a store records about the world it was provisioned from. */
type StoredWorld = Omit<StoreMeta, 'toolVersion' | 'createdAt' | 'complete' | 'rowCounts'>;

/** What this provisioning run would record, and whether it may replace another world. */
export interface WantedStore extends StoredWorld {
  force: boolean;
}

/** The stores a provisioning run creates, `mgc` first. */
export function requestedStores(options: Pick<ProvisionOptions, 'stores'>): StoreName[] {
  return (['mgc', 'mgccomp'] as const).filter((store) => options.stores[store]);
}

/** What a store provisioned from `world` with `options` records about its content. */
function storedWorld(world: World, options: ProvisionOptions): StoredWorld {
  return {
    schemaVersion: SCHEMA_VERSION,
    fingerprint: world.fingerprint,
    model: world.modelName,
    users: world.users,
    seed: world.seed,
    historyDays: options.historyDays,
    stores: requestedStores(options),
  };
}

/** What a provisioning run of `world` with `options` asks for. */
export function wantedStore(world: World, options: ProvisionOptions): WantedStore {
  return { ...storedWorld(world, options), force: options.force };
}

/**
 * The meta a provisioning run writes before it loads anything: incomplete and without row
 * counts, so a run that dies part-way leaves a store the next run recreates.
 */
export function provisioningMeta(
  world: World,
  options: ProvisionOptions,
  createdAt = new Date().toISOString(),
): StoreMeta {
  return {
    ...storedWorld(world, options),
    toolVersion: TOOL_VERSION,
    createdAt,
    complete: false,
    rowCounts: {},
  };
}

export type ProvisionAction = 'create' | 'recreate' | 'keep';

type WorldSummary = Pick<StoreMeta, 'model' | 'users' | 'seed' | 'historyDays' | 'fingerprint'>;

function describeWorld(world: WorldSummary): string {
  return (
    `model ${world.model}, ${world.users} users, seed ${world.seed}, ` +
    `${world.historyDays} day(s) of history (fingerprint ${world.fingerprint})`
  );
}

/** What differs between the stored world and the wanted one, as far as the meta tells. */
function differences(stored: StoreMeta, wanted: WantedStore): string {
  const changed = (['model', 'users', 'seed', 'historyDays'] as const)
    .filter((key) => stored[key] !== wanted[key])
    .map((key) => `${key} ${stored[key]} → ${wanted[key]}`);
  const missing = wanted.stores.filter((store) => !stored.stores.includes(store));
  if (missing.length > 0) {
    changed.push(`stores ${stored.stores.join('+')} → ${wanted.stores.join('+')}`);
  }
  if (stored.schemaVersion !== wanted.schemaVersion) {
    changed.push(`schema version ${stored.schemaVersion} → ${wanted.schemaVersion}`);
  }
  // Same population and history from another corpus or domain: only the fingerprint tells.
  return changed.length > 0 ? changed.join(', ') : 'the world fingerprint (corpus or domain)';
}

function sameContent(stored: StoreMeta, wanted: WantedStore): boolean {
  return (
    stored.schemaVersion === wanted.schemaVersion &&
    stored.fingerprint === wanted.fingerprint &&
    stored.historyDays === wanted.historyDays &&
    wanted.stores.every((store) => stored.stores.includes(store))
  );
}

/**
 * What provisioning does: refuse a foreign store (even with --force); keep a complete store made
 * from the same world, history, stores and schema; recreate with --force, or when chatload's own
 * earlier provisioning did not finish; otherwise ask for --force, saying what differs.
 *
 * @param where the target, safe to print (no password)
 */
export function provisionAction(
  status: StoreStatus,
  meta: StoreMeta | null,
  wanted: WantedStore,
  where: string,
): ProvisionAction {
  if (status.state === 'foreign') {
    throw new ChatloadError(
      'E_FOREIGN_STORE',
      `${where} holds ${status.evidence}: chatload did not create this store, and a ` +
        'production mgc must never be touched. chatload provisions only empty databases or ones it created.',
      {
        hint: 'Point --target at a new SQLite file or an empty test database; --force does not override this.',
      },
    );
  }
  if (meta === null) return 'create';
  if (wanted.force || !meta.complete) return 'recreate';
  if (sameContent(meta, wanted)) return 'keep';
  throw new ChatloadError(
    'E_OTHER_WORLD',
    `${where}: already provisioned by chatload from another world (differs in: ${differences(meta, wanted)}). ` +
      `The store holds ${describeWorld(meta)}; this run asks for ${describeWorld(wanted)}.`,
    { hint: "Re-run with --force to drop chatload's tables and provision again." },
  );
}
