/**
 * What a fresh store holds, table by table in foreign-key order, generated from a World: fixed
 * rows (principal types, enums, roles) → principals → affiliations → nodes → scopes and role
 * grants → chat counters and history → invitations → server support; and in `mgccomp` the
 * compliance state row. Dialect-free and streamed (rows are yielded, never all held), shared by
 * the SQLite and SQL Server provisioners.
 */
import { uuidFor } from '../core/ids.js';
import type { World } from '../workload/types.js';
import { affiliationRows, nonUserAffiliationCount, principalRows } from './rows/principals.js';
import { historyCounts, historyRows, type HistoryOptions } from './rows/history.js';
import {
  creatorUsers,
  inviteRows,
  lastChatIdRows,
  lastInviteIdRows,
  nodeRows,
  roleRows,
  roomGrants,
  scopeRows,
} from './rows/nodes.js';
import { stampAt, type Stamp } from './rows/stamp.js';
import {
  enumAttributeRows,
  enumValueRows,
  principalTypeRows,
  roleTypeRows,
} from './schema/fixed-rows.js';
import { tableDef } from './schema/tables.js';
import type { SqlRow, StoreName, TableDef } from './schema/types.js';
import type { ProvisionOptions } from './types.js';

export type { HistoryOptions } from './rows/history.js';

/** One table's load: its definition, the rows it will hold when known up front, the rows. */
export interface TableLoad {
  table: TableDef;
  expectedRows: number | null;
  rows(): Iterable<SqlRow>;
}

export interface StoreRowOptions {
  stores: Readonly<Record<StoreName, boolean>>;
  /** Unix ms stamped on provisioned rows as their creation / AD sync time. */
  provisionedAtMs: number;
  history: HistoryOptions;
}

const DAY_MS = 86_400_000;

/**
 * The row options of a provisioning run: history up to `historyEndMs` at the model's rates, and
 * the directory and rooms stamped a day before their oldest seeded message.
 */
export function provisionRowOptions(options: ProvisionOptions): StoreRowOptions {
  return {
    stores: options.stores,
    provisionedAtMs: options.historyEndMs - (options.historyDays + 1) * DAY_MS,
    history: {
      days: options.historyDays,
      ratesPerS: options.historyRatesPerS,
      workdayHours: options.workdayHours,
      endMs: options.historyEndMs,
    },
  };
}

/** Chat servers the simulated pool has (the model's 4 active servers). */
export const SIMULATED_SERVERS = 4;

function load(name: string, expectedRows: number | null, rows: () => Iterable<SqlRow>): TableLoad {
  return { table: tableDef(name), expectedRows, rows };
}

function fixed(name: string, rows: SqlRow[]): TableLoad {
  return load(name, rows.length, () => rows);
}

function principalCount(world: World): number {
  return 2 + world.folders + world.directoryGroups + world.roomGroups + world.users;
}

function userAffiliationCount(world: World): number {
  let total = 0;
  for (let u = 0; u < world.users; u++) total += world.affiliationCount(u);
  return total;
}

function roleGrantCount(world: World): number {
  let total = creatorUsers(world);
  for (let r = 0; r < world.rooms; r++) total += roomGrants(world, r).length;
  return total;
}

function sum(values: Int32Array): number {
  return values.reduce((total, n) => total + n, 0);
}

function mgcLoads(world: World, stamp: Stamp, options: StoreRowOptions): TableLoad[] {
  const seeded = historyCounts(world, options.history);
  const domain = world.naming.domain;
  return [
    fixed('tblPrincipalType', principalTypeRows()),
    fixed('tblEnumAttribute', enumAttributeRows()),
    fixed('tblEnumValue', enumValueRows()),
    fixed('tblRoleType', roleTypeRows()),
    load('tblPrincipal', principalCount(world), () => principalRows(world, stamp)),
    load(
      'tblPrincipalAffiliations',
      userAffiliationCount(world) + nonUserAffiliationCount(world),
      () => affiliationRows(world),
    ),
    load('tblNode', 1 + world.categories + world.rooms, () => nodeRows(world, stamp)),
    load('tblScopePrincipal', world.categories, () => scopeRows(world)),
    load('tblPrincipalRole', roleGrantCount(world), () => roleRows(world)),
    load('tblLastChatId', world.rooms, () => lastChatIdRows(world, seeded)),
    load('tblChat', sum(seeded), () => historyRows(world, options.history)),
    load('tblPrincipalInvites', null, () => inviteRows(world, stamp)),
    load('tblLastInviteId', world.users, () => lastInviteIdRows(world)),
    fixed(
      'tblServerIdentity',
      Array.from({ length: SIMULATED_SERVERS }, (_, i) => [
        i + 1,
        `net.tcp://pchat${i + 1}.${domain}:8011/MGCService`,
        stamp.date,
      ]),
    ),
    fixed('tblConfig', [
      [
        'pool',
        `<config simulatedBy="chatload" model="${world.modelName}"/>`,
        uuidFor(world.seed, 'pool', 0),
      ],
    ]),
    fixed('tblSystemRevision', [[1n]]),
  ];
}

export function storeRows(world: World, options: StoreRowOptions): TableLoad[] {
  const stamp = stampAt(options.provisionedAtMs);
  const loads: TableLoad[] = [];
  if (options.stores.mgc) loads.push(...mgcLoads(world, stamp, options));
  if (options.stores.mgccomp) {
    loads.push(fixed('tblComplianceState', [[0n, -1, stamp.date]]));
  }
  return loads;
}
