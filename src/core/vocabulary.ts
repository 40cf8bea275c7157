/**
 * The names every stage shares, in one place at the bottom of the stage order: operations, SIP
 * methods, XCCOS commands, user actions, room classes and metric names (DESIGN.md "Workload").
 * Each list is the single source; its numeric codes (the index in the list) are what compact
 * arrays and results carry. Constants and types only.
 */

/** Stable operation names used in metrics, results, thresholds and reports. */
export const OPS = [
  'signin',
  'join',
  'post',
  'history',
  'search',
  'invites',
  'part',
  'signout',
  'refresh',
  'compliance',
] as const;
export type OpName = (typeof OPS)[number];
export const Op: { readonly [K in OpName]: number } = codesOf(OPS);

export const METHODS = ['INVITE', 'INFO', 'UPDATE', 'BYE'] as const;
export type MethodName = (typeof METHODS)[number];
export const Method: { readonly [K in MethodName]: number } = codesOf(METHODS);

/** XCCOS commands a client sends inside INFO (sip-xccos.md §3); `none` for INVITE/UPDATE/BYE. */
export const COMMANDS = [
  'none',
  'getserverinfo',
  'getassociations',
  'bjoin',
  'join',
  'bccontext',
  'grpchat',
  'part',
  'chansrch',
  'getinv',
] as const;
export type CommandName = (typeof COMMANDS)[number];
export const Command: { readonly [K in CommandName]: number } = codesOf(COMMANDS);

/**
 * User actions: what a scenario's executors schedule (k6's iterations). The generator expands
 * each into one or more SIP transactions: `signin` is the whole sign-in sequence (INVITE,
 * getserverinfo, getassociations ×2, bjoin, bccontext per room, getinv); `join` is a single
 * browse-join with its history read; the others are one transaction each.
 */
export const ACTIONS = [
  'signin',
  'signout',
  'post',
  'join',
  'part',
  'history',
  'search',
  'invites',
  'refresh',
] as const;
export type ActionKind = (typeof ACTIONS)[number];

export type RoomClass = 'small' | 'medium' | 'large';
export const ROOM_CLASSES: readonly RoomClass[] = ['small', 'medium', 'large'];

/** Room class codes in compact arrays; `none` for transactions that touch no single room. */
export const ROOM_CLASS_CODES = ['small', 'medium', 'large', 'none'] as const;
export type RoomClassCode = 0 | 1 | 2 | 3;
export const NO_ROOM_CLASS: RoomClassCode = 3;
export function roomClassCode(c: RoomClass): RoomClassCode {
  return c === 'small' ? 0 : c === 'medium' ? 1 : 2;
}

/** Metric names and their kinds, as in k6: the kind decides which aggregations apply. */
export const METRIC_KINDS = {
  tx_duration: 'trend',
  tx_service: 'trend',
  tx_failed: 'rate',
  txs: 'counter',
  dropped_txs: 'counter',
  compliance_queue_depth: 'gauge',
  vus: 'gauge',
} as const;
export type MetricName = keyof typeof METRIC_KINDS;
export type MetricKind = (typeof METRIC_KINDS)[MetricName];
export const METRIC_NAMES = Object.keys(METRIC_KINDS) as readonly MetricName[];

export type TagName = 'op' | 'room_class' | 'method' | 'scenario';
const TX_TAGS: readonly TagName[] = ['op', 'room_class', 'method', 'scenario'];
/** The tags each metric's samples carry (what a threshold's `{tag:value}` filter may name). */
export const METRIC_TAGS: Readonly<Record<MetricName, readonly TagName[]>> = {
  tx_duration: TX_TAGS,
  tx_service: TX_TAGS,
  tx_failed: TX_TAGS,
  txs: TX_TAGS,
  dropped_txs: ['scenario'],
  compliance_queue_depth: [],
  vus: ['scenario'],
};

/**
 * Which product answered on a SQL Server (TDS) target, as identified from @@VERSION and
 * SERVERPROPERTY: Microsoft SQL Server, Azure SQL (Database / Managed Instance, whose version
 * number is fixed at 12.0), Babelfish for PostgreSQL, or another TDS-speaking server.
 */
export const SERVER_FAMILIES = ['sqlserver', 'azure-sql', 'babelfish', 'tds'] as const;
export type ServerFamily = (typeof SERVER_FAMILIES)[number];

function codesOf<const T extends readonly string[]>(
  names: T,
): { readonly [K in T[number]]: number } {
  return Object.fromEntries(names.map((name, i) => [name, i])) as { [K in T[number]]: number };
}
