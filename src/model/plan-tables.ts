import { totaled } from './capacity.js';
import { inputs, pctRow, row, type TableContext } from './plan-row.js';
import type { PlanTable } from './plan-types.js';
import { ALTERNATIVE_MEMBERSHIP_INPUTS, publishedAceCheck } from './published-lync2013.js';
import { perClass } from './rates.js';

/**
 * The deployment's tables as rows (views of `Capacity`), in the order the published documents
 * present them; the rate tables are in plan-rate-tables.ts. Published values are attached
 * afterwards by `plan.ts`.
 */

export function poolTable({ model, capacity, input }: TableContext): PlanTable {
  const pool = capacity.pool;
  return {
    id: 'pool',
    title: 'Pool and population',
    layout: 'single',
    rows: [
      row(
        'pool.concurrentUsers',
        'concurrent users (active, connected)',
        input,
        pool.concurrentUsers,
      ),
      row('pool.provisionedUsers', 'provisioned users', input, pool.provisionedUsers),
      row(
        'pool.endpointsPerUser',
        'endpoints per user',
        input,
        model.population.endpointsPerUser,
        2,
      ),
      row('pool.endpoints', 'endpoints', 'derived', pool.endpoints),
      row('pool.serversNeeded', 'chat servers needed (active)', 'derived', pool.serversNeeded),
      row('pool.poolsNeeded', 'pools needed', 'derived', pool.poolsNeeded),
      row('pool.usersPerServer', 'users per server', 'derived', pool.usersPerServer),
      row(
        'pool.usersPerServerAfterFailover',
        'users per server with one server of a pool down',
        'derived',
        pool.usersPerServerAfterFailover,
      ),
    ],
  };
}

export function roomsTable({ model, capacity, input }: TableContext): PlanTable {
  const rooms = capacity.rooms;
  const direct = inputs(model, 'directMembershipPct');
  return {
    id: 'rooms',
    title: 'Chat rooms',
    layout: 'perClass',
    rows: [
      row('rooms.usersPerRoom', 'users per room', input, inputs(model, 'usersPerRoom')),
      row('rooms.roomsPerUser', 'rooms per user', input, totaled(inputs(model, 'roomsPerUser'))),
      row('rooms.all', 'rooms (users × rooms per user ÷ room size)', 'derived', rooms.all),
      pctRow('rooms.openPct', 'open rooms', input, inputs(model, 'openPct')),
      row('rooms.open', 'open rooms (no explicit membership)', 'derived', rooms.open),
      row('rooms.nonOpen', 'non-open rooms (explicit membership)', 'derived', rooms.nonOpen),
      pctRow('rooms.auditoriumPct', 'auditorium rooms', input, inputs(model, 'auditoriumPct')),
      row('rooms.auditorium', 'auditorium rooms', 'derived', rooms.auditorium),
      pctRow(
        'rooms.directMembershipPct',
        'non-open rooms managed by direct membership',
        input,
        direct,
      ),
      pctRow(
        'rooms.groupMembershipPct',
        'non-open rooms managed by user groups',
        'derived',
        perClass((c) => 100 - direct[c]),
      ),
    ],
  };
}

export function accessTable({ model, capacity, input, published }: TableContext): PlanTable {
  const access = capacity.access;
  const limit = model.limits.maxAccessControlEntries;
  return {
    id: 'access',
    title: 'Membership and access control entries (ACEs)',
    layout: 'perClass',
    rows: [
      row(
        'access.usersPerList',
        "users in each non-open room's membership list",
        input,
        inputs(model, 'usersPerRoom'),
      ),
      row(
        'access.groupsPerList',
        'user groups in each membership list',
        input,
        inputs(model, 'groupsPerMembershipList'),
      ),
      row(
        'access.managersPerRoom',
        'users and groups in each manager list',
        input,
        inputs(model, 'managersPerRoom'),
      ),
      row(
        'access.presentersPerRoom',
        'users and groups in each presenter list',
        input,
        inputs(model, 'presentersPerAuditoriumRoom'),
      ),
      row(
        'access.userEntities',
        'user-based membership entities, non-open rooms',
        'derived',
        access.userEntities,
      ),
      row(
        'access.groupEntities',
        'group-based membership entities, non-open rooms',
        'derived',
        access.groupEntities,
      ),
      row(
        'access.presenterEntities',
        'presenter entities, auditorium rooms',
        'derived',
        access.presenterEntities,
      ),
      row(
        'access.managerEntities',
        'manager entities, all rooms',
        'derived',
        access.managerEntities,
      ),
      row(
        'access.ace',
        'access control entries (sum of the entities)',
        'derived',
        access.accessControlEntries,
      ),
      ...(published
        ? [
            row(
              'access.acePublishedCheck',
              'published arithmetic: sum of published entity rows',
              'published',
              publishedAceCheck(),
            ),
          ]
        : []),
      row('access.aceLimit', 'maximum access control entries', input, limit),
      pctRow(
        'access.aceShareOfLimit',
        'share of the maximum',
        'derived',
        (access.accessControlEntries.total / limit) * 100,
        1,
      ),
    ],
  };
}

/** The published access table's second block, recomputed from its own membership inputs. */
export function alternativeTable({ model, capacity, input }: TableContext): PlanTable {
  const { nonOpen, all } = capacity.rooms;
  const alt = ALTERNATIVE_MEMBERSHIP_INPUTS;
  const rc = model.roomClasses;
  return {
    id: 'alternative',
    title: 'Alternative membership figures (the published second block)',
    layout: 'perClass',
    rows: [
      row(
        'alternative.usersPerRoom',
        'active users per room',
        input,
        inputs(model, 'usersPerRoom'),
      ),
      row(
        'alternative.roomsPerUser',
        'chat rooms per user',
        input,
        totaled(inputs(model, 'roomsPerUser')),
      ),
      row(
        'alternative.groupsPerList',
        "user groups in each room's membership list",
        'published',
        alt.groupsPerMembershipList,
      ),
      pctRow(
        'alternative.groupManagedPct',
        'rooms managed by user groups',
        'published',
        alt.groupManagedPct,
      ),
      row(
        'alternative.groupEntities',
        "group-based membership entities, 'all rooms'",
        'derived',
        totaled(
          perClass(
            (c) => (nonOpen[c] * alt.groupManagedPct[c] * alt.groupsPerMembershipList[c]) / 100,
          ),
        ),
      ),
      row(
        'alternative.userEntities',
        "user-based membership entities, 'all rooms'",
        'derived',
        totaled(
          perClass((c) => (nonOpen[c] * (100 - alt.groupManagedPct[c]) * rc[c].usersPerRoom) / 100),
        ),
      ),
      row(
        'alternative.listMembersPerRoom',
        'users and groups in each manager/presenter/scope list',
        input,
        inputs(model, 'managersPerRoom'),
      ),
      row(
        'alternative.listEntities',
        'users and groups across those lists, all rooms',
        'derived',
        totaled(perClass((c) => all[c] * rc[c].managersPerRoom)),
      ),
    ],
  };
}

export function invitationsTable({ model, capacity, input }: TableContext): PlanTable {
  const inv = capacity.invitations;
  const limit = model.limits.maxInvitations;
  return {
    id: 'invitations',
    title: 'Invitations',
    layout: 'perClass',
    rows: [
      row(
        'invitations.usersPerRoom',
        'users who can access a room',
        input,
        inputs(model, 'usersPerRoom'),
      ),
      pctRow('invitations.pct', 'rooms with invitations', input, inputs(model, 'invitationPct')),
      row('invitations.rooms', 'rooms configured to send invitations', 'derived', inv.rooms),
      row(
        'invitations.usersWithGroupAccess',
        'users who can access a room (with groups)',
        input,
        inputs(model, 'usersWithGroupAccess'),
      ),
      row(
        'invitations.invitations',
        'invitations generated by the server',
        'derived',
        inv.invitations,
      ),
      row('invitations.limit', 'maximum invitations', input, limit),
      pctRow(
        'invitations.shareOfLimit',
        'share of the maximum',
        'derived',
        (inv.invitations.total / limit) * 100,
        1,
      ),
    ],
  };
}
