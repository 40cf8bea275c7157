/**
 * The store census: what a provisioned store holds, counted with SQL after loading (never taken
 * from the generator), so the store can be set against the plan. Each target runs the same
 * queries in its own dialect: `censusQueries` writes them with the table reference a target
 * gives, and `assembleCensus` turns their rows into a StoreCensus.
 *
 * The room class is not a column of the published schema; chatload lays rooms out by class in
 * nodeID order, so the queries take the class boundaries as parameters and count everything
 * else from the tables.
 */
import type { World } from '../workload/types.js';
import {
  Behavior,
  PrincipalTypeId as Type,
  RoleTypeId as Role,
  Visibility,
} from './schema/fixed-rows.js';
import { ROOM_CLASSES, type RoomClass } from '../core/vocabulary.js';

/** Fewest and most of something per room or per user; null when there is none of it. */
export interface Range {
  min: number;
  max: number;
}

export interface ClassCensus {
  rooms: number;
  openRooms: number;
  auditoriumRooms: number;
  /** Rooms that send invitations: invite on, or inherited (NULL) from a category with it on. */
  invitingRooms: number;
  /** Rooms whose membership list names users (Member grants to users). */
  directRooms: number;
  /** Rooms whose membership list names groups. */
  groupRooms: number;
  userMemberEntities: number;
  groupMemberEntities: number;
  /** Member grants to the domain: how open rooms let everyone in (not a membership list). */
  domainMemberGrants: number;
  managerEntities: number;
  presenterEntities: number;
  usersPerDirectList: Range | null;
  groupsPerGroupList: Range | null;
  invitations: number;
  roomsWithInvitations: number;
  historyRows: number;
}

export interface StoreCensus {
  classes: Record<RoomClass, ClassCensus>;
  principals: {
    users: number;
    groups: number;
    folders: number;
    domains: number;
    systemUsers: number;
    total: number;
  };
  /** Affiliation rows of each user other than its self row. */
  ancestorsPerUser: Range | null;
  /** Users that have at least one ancestor (the range covers them). */
  usersWithAncestors: number;
  /** Every tblPrincipalRole row (room grants, and Creator on the root category). */
  roleGrants: number;
}

/** Where each class's rooms are in nodeID space: [smallFrom, mediumFrom), ... [largeFrom, roomsEnd). */
export interface CensusBounds {
  smallFrom: number;
  mediumFrom: number;
  largeFrom: number;
  roomsEnd: number;
}

export function censusBounds(world: World): CensusBounds {
  const base = world.layout.roomNodeBase;
  const { small, medium, large } = world.classRanges;
  return {
    smallFrom: base + small.base,
    mediumFrom: base + medium.base,
    largeFrom: base + large.base,
    roomsEnd: base + large.base + large.count,
  };
}

export const CENSUS_PARAMS: readonly (keyof CensusBounds)[] = [
  'smallFrom',
  'mediumFrom',
  'largeFrom',
  'roomsEnd',
];

export type CensusQueryName =
  'rooms' | 'grants' | 'invitations' | 'history' | 'principals' | 'ancestors' | 'roleGrants';

export interface CensusQuery {
  name: CensusQueryName;
  text: string;
  /** The CensusBounds it uses, as @name parameters. */
  params: readonly (keyof CensusBounds)[];
}

const classOf = (column: string): string =>
  `CASE WHEN ${column} < @mediumFrom THEN 0 WHEN ${column} < @largeFrom THEN 1 ELSE 2 END`;
const inRooms = (column: string): string => `${column} >= @smallFrom AND ${column} < @roomsEnd`;
const count = (condition: string): string => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;

/** The census queries, with `table('tblNode')` the dialect's reference to a table. */
export function censusQueries(table: (name: string) => string): CensusQuery[] {
  return [
    {
      name: 'rooms',
      params: CENSUS_PARAMS,
      text: `
SELECT x.roomClass, COUNT(*) AS rooms, ${count('x.visibility = ' + Visibility.open)} AS openRooms,
       ${count('x.behavior = ' + Behavior.auditorium)} AS auditoriumRooms,
       ${count('x.invite = 1')} AS invitingRooms
FROM (SELECT ${classOf('n.nodeID')} AS roomClass, n.visibility, n.behavior,
             COALESCE(n.invite, c.invite) AS invite
      FROM ${table('tblNode')} AS n
      LEFT JOIN ${table('tblNode')} AS c ON c.nodeID = n.parentID
      WHERE n.nodeType = 0 AND ${inRooms('n.nodeID')}) AS x
GROUP BY x.roomClass;`,
    },
    {
      name: 'grants',
      params: CENSUS_PARAMS,
      text: `
SELECT x.roomClass, SUM(x.userGrants) AS userMembers, SUM(x.groupGrants) AS groupMembers,
       SUM(x.domainGrants) AS domainMembers, SUM(x.managerGrants) AS managers,
       SUM(x.presenterGrants) AS presenters,
       ${count('x.userGrants > 0')} AS directRooms,
       MIN(CASE WHEN x.userGrants > 0 THEN x.userGrants END) AS fewestUsers,
       MAX(CASE WHEN x.userGrants > 0 THEN x.userGrants END) AS mostUsers,
       ${count('x.groupGrants > 0')} AS groupRooms,
       MIN(CASE WHEN x.groupGrants > 0 THEN x.groupGrants END) AS fewestGroups,
       MAX(CASE WHEN x.groupGrants > 0 THEN x.groupGrants END) AS mostGroups
FROM (SELECT ${classOf('pr.prinRoleNodeID')} AS roomClass,
             ${count(`pr.prinRoleTypeID = ${Role.member} AND p.prinTypeID = ${Type.user}`)} AS userGrants,
             ${count(`pr.prinRoleTypeID = ${Role.member} AND p.prinTypeID = ${Type.group}`)} AS groupGrants,
             ${count(`pr.prinRoleTypeID = ${Role.member} AND p.prinTypeID = ${Type.domain}`)} AS domainGrants,
             ${count(`pr.prinRoleTypeID = ${Role.manager}`)} AS managerGrants,
             ${count(`pr.prinRoleTypeID = ${Role.voiced}`)} AS presenterGrants
      FROM ${table('tblPrincipalRole')} AS pr
      INNER JOIN ${table('tblPrincipal')} AS p ON p.prinID = pr.prinRolePrinID
      WHERE ${inRooms('pr.prinRoleNodeID')}
      GROUP BY pr.prinRoleNodeID) AS x
GROUP BY x.roomClass;`,
    },
    {
      name: 'invitations',
      params: CENSUS_PARAMS,
      text: `
SELECT x.roomClass, COUNT(*) AS invitations, COUNT(DISTINCT x.nodeID) AS rooms
FROM (SELECT ${classOf('i.nodeID')} AS roomClass, i.nodeID
      FROM ${table('tblPrincipalInvites')} AS i
      WHERE ${inRooms('i.nodeID')}) AS x
GROUP BY x.roomClass;`,
    },
    {
      name: 'history',
      params: CENSUS_PARAMS,
      text: `
SELECT x.roomClass, COUNT(*) AS messages
FROM (SELECT ${classOf('c.channelId')} AS roomClass
      FROM ${table('tblChat')} AS c
      WHERE ${inRooms('c.channelId')}) AS x
GROUP BY x.roomClass;`,
    },
    {
      name: 'principals',
      params: [],
      text: `
SELECT p.prinTypeID, COUNT(*) AS principals
FROM ${table('tblPrincipal')} AS p
GROUP BY p.prinTypeID;`,
    },
    {
      name: 'ancestors',
      params: [],
      text: `
SELECT MIN(a.ancestors) AS fewest, MAX(a.ancestors) AS most, COUNT(*) AS users
FROM (SELECT pa.principalID, COUNT(*) AS ancestors
      FROM ${table('tblPrincipalAffiliations')} AS pa
      WHERE pa.[index] <> -1
      GROUP BY pa.principalID) AS a
INNER JOIN ${table('tblPrincipal')} AS p ON p.prinID = a.principalID
WHERE p.prinTypeID = ${Type.user};`,
    },
    {
      name: 'roleGrants',
      params: [],
      text: `SELECT COUNT(*) AS roleGrants FROM ${table('tblPrincipalRole')} AS pr;`,
    },
  ];
}

export type CensusRows = Record<CensusQueryName, readonly Record<string, unknown>[]>;

/** A count as the drivers return it (numbers, bigints, or decimal strings); NULL is 0. */
function num(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`census: expected a count, got ${String(value)}`);
  return n;
}

function range(min: unknown, max: unknown): Range | null {
  return min === null || min === undefined ? null : { min: num(min), max: num(max) };
}

function emptyClass(): ClassCensus {
  return {
    rooms: 0,
    openRooms: 0,
    auditoriumRooms: 0,
    invitingRooms: 0,
    directRooms: 0,
    groupRooms: 0,
    userMemberEntities: 0,
    groupMemberEntities: 0,
    domainMemberGrants: 0,
    managerEntities: 0,
    presenterEntities: 0,
    usersPerDirectList: null,
    groupsPerGroupList: null,
    invitations: 0,
    roomsWithInvitations: 0,
    historyRows: 0,
  };
}

/** The census from the rows of each query. */
export function assembleCensus(rows: CensusRows): StoreCensus {
  const classes = { small: emptyClass(), medium: emptyClass(), large: emptyClass() };
  const at = (row: Record<string, unknown>): ClassCensus => {
    const c = ROOM_CLASSES[num(row['roomClass'])];
    if (c === undefined) throw new Error(`census: room class ${String(row['roomClass'])}`);
    return classes[c];
  };
  for (const row of rows.rooms) {
    Object.assign(at(row), {
      rooms: num(row['rooms']),
      openRooms: num(row['openRooms']),
      auditoriumRooms: num(row['auditoriumRooms']),
      invitingRooms: num(row['invitingRooms']),
    });
  }
  for (const row of rows.grants) {
    Object.assign(at(row), {
      directRooms: num(row['directRooms']),
      groupRooms: num(row['groupRooms']),
      userMemberEntities: num(row['userMembers']),
      groupMemberEntities: num(row['groupMembers']),
      domainMemberGrants: num(row['domainMembers']),
      managerEntities: num(row['managers']),
      presenterEntities: num(row['presenters']),
      usersPerDirectList: range(row['fewestUsers'], row['mostUsers']),
      groupsPerGroupList: range(row['fewestGroups'], row['mostGroups']),
    });
  }
  for (const row of rows.invitations) {
    Object.assign(at(row), {
      invitations: num(row['invitations']),
      roomsWithInvitations: num(row['rooms']),
    });
  }
  for (const row of rows.history) at(row).historyRows = num(row['messages']);
  const byType = new Map(rows.principals.map((r) => [num(r['prinTypeID']), num(r['principals'])]));
  const ancestors = rows.ancestors[0] ?? {};
  return {
    classes,
    principals: {
      users: byType.get(Type.user) ?? 0,
      groups: byType.get(Type.group) ?? 0,
      folders: byType.get(Type.folder) ?? 0,
      domains: byType.get(Type.domain) ?? 0,
      systemUsers: byType.get(Type.systemUser) ?? 0,
      total: [...byType.values()].reduce((sum, n) => sum + n, 0),
    },
    ancestorsPerUser: range(ancestors['fewest'], ancestors['most']),
    usersWithAncestors: num(ancestors['users']),
    roleGrants: num(rows.roleGrants[0]?.['roleGrants']),
  };
}
