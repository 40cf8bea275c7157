/**
 * chatload_meta's record: the keys chatload writes into a store it provisions, and reading them
 * back. Reading is strict because the record is what lets chatload write to a database at all:
 * only a record with every key, each well formed, marks a store as chatload's. An empty or
 * partial chatload_meta (made by hand, by another tool, or by a damaged copy) is not one, and
 * the store holding it is treated like any other database chatload did not create.
 */
import type { StoreName } from './schema/types.js';

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

/** What a chatload_meta table holds: the record chatload wrote, or why it is not one. */
export type MetaTable = { valid: true; meta: StoreMeta } | { valid: false; problem: string };

/** The meta as chatload_meta's key/value rows. */
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

class Malformed extends Error {}

function field(entries: ReadonlyMap<string, string>, key: string): string {
  const text = entries.get(key);
  if (text === undefined) throw new Malformed(`no ${key}`);
  if (text.trim() === '') throw new Malformed(`${key} is empty`);
  return text;
}

function whole(entries: ReadonlyMap<string, string>, key: string, min: number): number {
  const text = field(entries, key);
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min) {
    throw new Malformed(`${key} is not a whole number >= ${min} ("${text}")`);
  }
  return value;
}

function storesOf(text: string): StoreName[] {
  const stores = text.split(',');
  const known = stores.filter((s): s is StoreName => s === 'mgc' || s === 'mgccomp');
  if (known.length !== stores.length || new Set(known).size !== known.length) {
    throw new Malformed(`stores is not a list of mgc and mgccomp ("${text}")`);
  }
  return known;
}

function rowCountsOf(text: string): Record<string, number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Malformed('row_counts is not JSON');
  }
  const counts =
    typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? Object.values(parsed)
      : null;
  if (counts === null || !counts.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) {
    throw new Malformed('row_counts is not an object of row counts');
  }
  return parsed as Record<string, number>;
}

function createdAtOf(text: string): string {
  if (Number.isNaN(Date.parse(text))) throw new Malformed(`created_at is not a time ("${text}")`);
  return text;
}

function completeOf(text: string): boolean {
  if (text !== '0' && text !== '1') throw new Malformed(`complete is not 0 or 1 ("${text}")`);
  return text === '1';
}

/**
 * Reads chatload_meta's rows. Keys chatload does not know are ignored (a later version may add
 * some); a missing or malformed key makes the record invalid, with the first problem named.
 */
export function readMetaTable(entries: ReadonlyMap<string, string>): MetaTable {
  if (entries.size === 0) return { valid: false, problem: 'chatload_meta is empty' };
  try {
    return {
      valid: true,
      meta: {
        schemaVersion: whole(entries, 'schema_version', 1),
        fingerprint: field(entries, 'fingerprint'),
        model: field(entries, 'model'),
        users: whole(entries, 'users', 1),
        seed: whole(entries, 'seed', 0),
        historyDays: whole(entries, 'history_days', 0),
        stores: storesOf(field(entries, 'stores')),
        toolVersion: field(entries, 'tool_version'),
        createdAt: createdAtOf(field(entries, 'created_at')),
        complete: completeOf(field(entries, 'complete')),
        rowCounts: rowCountsOf(field(entries, 'row_counts')),
      },
    };
  } catch (error) {
    if (error instanceof Malformed) return { valid: false, problem: error.message };
    throw error;
  }
}
