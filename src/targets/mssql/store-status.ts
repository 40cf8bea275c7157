/**
 * The production-store guard for SQL Server: what a database holds as far as chatload is
 * concerned, and what provisioning may do with it. A database with Persistent Chat tables and
 * no chatload_meta is someone else's — possibly a production `mgc` — and is never written to.
 *
 * chatload_meta holds the same keys on every target (see sqlite/store-meta.ts), so a store says
 * the same about itself whichever engine it lives in.
 */
import { ChatloadError, InputError } from '../../core/errors.js';
import { META_TABLE } from '../schema/tables.js';
import type { StoreName } from '../schema/types.js';
import type { StoreStatus } from '../types.js';

/** What chatload recorded when it provisioned the store. */
export interface StoreMeta {
  schemaVersion: number;
  fingerprint: string;
  model: string;
  users: number;
  seed: number;
  historyDays: number;
  stores: StoreName[];
  toolVersion: string;
  createdAt: string;
  /** False while provisioning runs (or if it was interrupted). */
  complete: boolean;
  rowCounts: Record<string, number>;
}

export function metaEntries(meta: StoreMeta): [string, string][] {
  return [
    ['schema_version', String(meta.schemaVersion)],
    ['fingerprint', meta.fingerprint],
    ['model', meta.model],
    ['users', String(meta.users)],
    ['seed', String(meta.seed)],
    ['history_days', String(meta.historyDays)],
    ['stores', meta.stores.join(',')],
    ['tool_version', meta.toolVersion],
    ['created_at', meta.createdAt],
    ['complete', meta.complete ? '1' : '0'],
    ['row_counts', JSON.stringify(meta.rowCounts)],
  ];
}

function parseRowCounts(text: string | undefined): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(text ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, number>) : {};
  } catch {
    return {};
  }
}

export function metaFromEntries(entries: ReadonlyMap<string, string>): StoreMeta {
  const text = (key: string): string => entries.get(key) ?? '';
  const number = (key: string): number => Number(entries.get(key) ?? 'NaN');
  return {
    schemaVersion: number('schema_version'),
    fingerprint: text('fingerprint'),
    model: text('model'),
    users: number('users'),
    seed: number('seed'),
    historyDays: number('history_days'),
    stores: text('stores')
      .split(',')
      .filter((s): s is StoreName => s === 'mgc' || s === 'mgccomp'),
    toolVersion: text('tool_version'),
    createdAt: text('created_at'),
    complete: text('complete') === '1',
    rowCounts: parseRowCounts(entries.get('row_counts')),
  };
}

export interface StoreFacts {
  /** Tables of the schema (and chatload_meta) present in dbo. */
  tables: readonly string[];
  /** chatload_meta's content; null when the table does not exist. */
  meta: StoreMeta | null;
}

export function storeStatusOf(facts: StoreFacts): StoreStatus {
  if (facts.meta !== null) {
    return {
      state: 'chatload',
      schemaVersion: facts.meta.schemaVersion,
      fingerprint: facts.meta.fingerprint,
    };
  }
  const published = facts.tables.filter((name) => name !== META_TABLE.name);
  if (published.length === 0) return { state: 'empty' };
  const named = published.slice(0, 3).map((name) => `dbo.${name}`);
  const more = published.length > 3 ? ` and ${published.length - 3} more` : '';
  return {
    state: 'foreign',
    evidence: `Persistent Chat table${published.length > 1 ? 's' : ''} ${named.join(', ')}${more} without chatload_meta`,
  };
}

/** What this provisioning run would record. */
export interface WantedStore {
  schemaVersion: number;
  fingerprint: string;
  model: string;
  users: number;
  seed: number;
  historyDays: number;
  stores: StoreName[];
  force: boolean;
}

export type ProvisionAction = 'create' | 'recreate' | 'keep';

function describe(
  meta: Pick<StoreMeta, 'model' | 'users' | 'seed' | 'historyDays' | 'fingerprint'>,
): string {
  return (
    `model ${meta.model}, ${meta.users} users, seed ${meta.seed}, ` +
    `${meta.historyDays} day(s) of history (fingerprint ${meta.fingerprint})`
  );
}

/**
 * What provisioning does: refuse a foreign store (even with --force); keep a complete store made
 * from the same world, history and schema; recreate with --force, or when chatload's own earlier
 * provisioning did not finish; otherwise ask for --force, saying what differs.
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
      `${where} holds ${status.evidence}: it looks like a real Persistent Chat store, and a ` +
        'production mgc must never be touched. chatload provisions only empty databases or ones it created.',
      {
        hint: 'Point --target at an empty test database; --force does not override this.',
      },
    );
  }
  if (meta === null) return 'create';
  if (wanted.force || !meta.complete) return 'recreate';
  const same =
    meta.schemaVersion === wanted.schemaVersion &&
    meta.fingerprint === wanted.fingerprint &&
    meta.historyDays === wanted.historyDays &&
    wanted.stores.every((store) => meta.stores.includes(store));
  if (same) return 'keep';
  throw new InputError(
    where,
    `already provisioned by chatload from ${describe(meta)}; this run asks for ${describe(wanted)}` +
      (meta.schemaVersion === wanted.schemaVersion
        ? ''
        : ` (schema version ${meta.schemaVersion}, this chatload uses ${wanted.schemaVersion})`) +
      '.',
    { hint: "Re-run with --force to drop chatload's tables and provision again." },
  );
}
