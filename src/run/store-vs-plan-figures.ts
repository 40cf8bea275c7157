/**
 * The figures the store-versus-plan table shows, in the plan's order: rooms and their kinds,
 * membership list sizes, access control entities, invitations, principals, ancestors, history.
 * Each pairs the plan's figure (or the model's, where `chatload plan` has none) with the whole-
 * room arithmetic (`model/store-figures.ts`) and the census count.
 */
import { formatNumber } from '../core/format.js';
import { planRow } from '../model/plan.js';
import type { Plan } from '../model/plan-types.js';
import { perClass, workdaySeconds, type PerClass } from '../model/rates.js';
import { historyMessages, type StoreFigures, type WholeRooms } from '../model/store-figures.js';
import type { DeploymentModel } from '../model/types.js';
import type { ClassCensus, Range, StoreCensus } from '../targets/census.js';
import { ROOM_CLASSES, type RoomClass } from '../core/vocabulary.js';
import type { FigureRow } from './store-vs-plan.js';

export interface FigureContext {
  model: DeploymentModel;
  plan: Plan;
  census: StoreCensus;
  whole: StoreFigures;
  /** Days of history the store was seeded with. */
  days: number;
}

/** A figure with a value per room class; `id` names the plan row it comes from, if any. */
interface ClassFigure {
  id: string;
  label: string;
  plan: PerClass<number> | null;
  whole: PerClass<number> | null;
  store: (c: ClassCensus) => number;
}

/** One row per class and a total, carrying the plan row's published values and notes. */
function classRows({ plan, census }: FigureContext, figure: ClassFigure): FigureRow[] {
  const planned = planRow(plan, figure.id);
  const sum = (values: PerClass<number>): number => ROOM_CLASSES.reduce((s, c) => s + values[c], 0);
  const counted = perClass((c) => figure.store(census.classes[c]));
  return [...ROOM_CLASSES, 'total' as const].map((column) => {
    const pick = (values: PerClass<number> | null): number | null =>
      values === null ? null : column === 'total' ? sum(values) : values[column];
    return {
      id: `${figure.id}.${column}`,
      figure: `${figure.label}, ${column}`,
      published: planned?.published?.[column]?.printed ?? null,
      plan: pick(figure.plan),
      wholeRooms: pick(figure.whole),
      store: pick(counted),
      notes: planned?.notes ?? [],
    };
  });
}

function roomFigures({ model, plan, whole }: FigureContext): ClassFigure[] {
  const { rooms } = plan.capacity;
  const rc = model.roomClasses;
  const of = (key: keyof WholeRooms): PerClass<number> => perClass((c) => whole.rooms[c][key]);
  const direct = (c: RoomClass): number => rc[c].directMembershipPct / 100;
  return [
    { id: 'rooms.all', label: 'rooms', plan: rooms.all, whole: of('rooms'), store: (c) => c.rooms },
    {
      id: 'rooms.open',
      label: 'open rooms',
      plan: rooms.open,
      whole: of('open'),
      store: (c) => c.openRooms,
    },
    {
      id: 'rooms.auditorium',
      label: 'auditorium rooms',
      plan: rooms.auditorium,
      whole: of('auditorium'),
      store: (c) => c.auditoriumRooms,
    },
    {
      id: 'store.directRooms',
      label: 'rooms managed by direct membership',
      plan: perClass((c) => rooms.nonOpen[c] * direct(c)),
      whole: of('direct'),
      store: (c) => c.directRooms,
    },
    {
      id: 'store.groupRooms',
      label: 'rooms managed by user groups',
      plan: perClass((c) => rooms.nonOpen[c] * (1 - direct(c))),
      whole: of('groupManaged'),
      store: (c) => c.groupRooms,
    },
  ];
}

/** Users in each direct-managed list and groups in each group-managed list, per class. */
function listRows(context: FigureContext): FigureRow[] {
  const { model, plan, census, whole } = context;
  const lists = [
    {
      id: 'access.usersPerList',
      label: "users in each direct-managed room's membership list",
      size: (c: RoomClass) => model.roomClasses[c].usersPerRoom,
      rooms: (c: RoomClass) => whole.rooms[c].direct,
      store: (c: ClassCensus) => c.usersPerDirectList,
    },
    {
      id: 'access.groupsPerList',
      label: "user groups in each group-managed room's membership list",
      size: (c: RoomClass) => model.roomClasses[c].groupsPerMembershipList,
      rooms: (c: RoomClass) => whole.rooms[c].groupManaged,
      store: (c: ClassCensus) => c.groupsPerGroupList,
    },
  ];
  return lists.flatMap((list) => {
    const planned = planRow(plan, list.id);
    return ROOM_CLASSES.flatMap((c): FigureRow[] => {
      const store = list.store(census.classes[c]);
      const size = list.size(c);
      const expected: Range | null = list.rooms(c) > 0 ? { min: size, max: size } : null;
      if (expected === null && store === null) return [];
      return [
        {
          id: `${list.id}.${c}`,
          figure: `${list.label}, ${c}`,
          published: planned?.published?.[c]?.printed ?? null,
          plan: expected,
          wholeRooms: expected,
          store,
          notes: [],
        },
      ];
    });
  });
}

function entityFigures({ plan, whole }: FigureContext): ClassFigure[] {
  const { access } = plan.capacity;
  return [
    {
      id: 'access.userEntities',
      label: 'user-based membership entities',
      plan: access.userEntities,
      whole: whole.userEntities,
      store: (c) => c.userMemberEntities,
    },
    {
      id: 'access.groupEntities',
      label: 'group-based membership entities',
      plan: access.groupEntities,
      whole: whole.groupEntities,
      store: (c) => c.groupMemberEntities,
    },
    {
      id: 'access.managerEntities',
      label: 'manager entities',
      plan: access.managerEntities,
      whole: whole.managerEntities,
      store: (c) => c.managerEntities,
    },
    {
      id: 'access.presenterEntities',
      label: 'presenter entities',
      plan: access.presenterEntities,
      whole: whole.presenterEntities,
      store: (c) => c.presenterEntities,
    },
    {
      id: 'access.ace',
      label: 'access control entries (the four entity kinds)',
      plan: access.accessControlEntries,
      whole: whole.accessControlEntries,
      store: (c) =>
        c.userMemberEntities + c.groupMemberEntities + c.managerEntities + c.presenterEntities,
    },
  ];
}

function invitationFigures({ plan, whole }: FigureContext): ClassFigure[] {
  const { invitations } = plan.capacity;
  return [
    {
      id: 'invitations.rooms',
      label: 'rooms with invitations',
      plan: invitations.rooms,
      whole: perClass((c) => whole.rooms[c].invitations),
      store: (c) => c.invitingRooms,
    },
    {
      id: 'invitations.invitations',
      label: 'invitations',
      plan: invitations.invitations,
      whole: whole.invitations,
      store: (c) => c.invitations,
    },
  ];
}

/** Principals, ancestors, and chatload's own role grants, one row each. */
function directoryRows({ model, plan, census, whole }: FigureContext): FigureRow[] {
  const users = planRow(plan, 'pool.provisionedUsers');
  const { affiliationsPerUserMin: min, affiliationsPerUserMax: max } = model.directory;
  const row = (
    id: string,
    figure: string,
    expected: number | Range,
    store: number | Range | null,
  ) =>
    ({
      id,
      figure,
      published: null,
      plan: null,
      wholeRooms: expected,
      store,
      notes: [],
    }) as FigureRow;
  return [
    {
      ...row(
        'principals.users',
        'user principals (provisioned users)',
        whole.principals.users,
        census.principals.users,
      ),
      published: users?.published?.total?.printed ?? null,
      plan: users?.computed.total ?? null,
    },
    row(
      'principals.groups',
      'group principals (directory groups + one per group entity)',
      whole.principals.groups,
      census.principals.groups,
    ),
    row(
      'principals.folders',
      'folder principals (organisational units)',
      whole.principals.folders,
      census.principals.folders,
    ),
    row(
      'principals.total',
      'principals in all (with the system user and the domain)',
      whole.principals.total,
      census.principals.total,
    ),
    {
      ...row(
        'directory.ancestors',
        'ancestors per user (groups, folders, domain; not the self row)',
        { min, max },
        census.ancestorsPerUser,
      ),
      published: plan.published ? `${formatNumber(min)}–${formatNumber(max)}` : null,
      plan: { min, max },
    },
    row(
      'directory.usersWithAncestors',
      'users with ancestors',
      whole.principals.users,
      census.usersWithAncestors,
    ),
    {
      ...row(
        'store.domainGrants',
        "open rooms' Member grant to the domain (chatload's way in)",
        0,
        ROOM_CLASSES.reduce((s, c) => s + census.classes[c].domainMemberGrants, 0),
      ),
      wholeRooms: null,
      informational: true,
    },
  ];
}

/** History rows per class; with one day, the total carries the published messages a day. */
function historyRows(context: FigureContext): FigureRow[] {
  const { model, plan, days } = context;
  const seconds = workdaySeconds(model);
  const rows = classRows(context, {
    id: 'store.history',
    label: `history rows (${days} working day${days === 1 ? '' : 's'} at the chat rates)`,
    plan: perClass((c) => model.roomClasses[c].chatRatePerS * seconds * days),
    whole: historyMessages(model, days),
    store: (c) => c.historyRows,
  });
  const perDay = planRow(plan, 'growth.messagesPerDay');
  const total = rows[rows.length - 1];
  if (total !== undefined && days === 1 && perDay?.published?.total !== undefined) {
    total.published = perDay.published.total.printed;
    total.notes = perDay.notes;
  }
  return rows;
}

export function figureRows(context: FigureContext): FigureRow[] {
  const rows = (figures: ClassFigure[]): FigureRow[] =>
    figures.flatMap((figure) => classRows(context, figure));
  return [
    ...rows(roomFigures(context)),
    ...listRows(context),
    ...rows(entityFigures(context)),
    ...rows(invitationFigures(context)),
    ...directoryRows(context),
    ...historyRows(context),
  ];
}
