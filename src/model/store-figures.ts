import { clean } from '../core/arithmetic.js';
import { exactRoomCounts, perClass, wholeRoomCounts, type PerClass } from './rates.js';
import type { DeploymentModel } from './types.js';
import { ROOM_CLASSES } from '../core/vocabulary.js';

/**
 * What a provisioned store of a model holds: the plan's arithmetic (`capacity.ts`) on whole
 * rooms. The plan carries fractions of rooms through, as the published tables do (1,066.67
 * medium rooms, 10.67 of them auditoriums); a store cannot. Each share is the plan's own figure
 * rounded to the nearest room (533.33 medium rooms with invitations → 533), so a store's room
 * counts read as the plan prints them, and the figures built on them (entities, invitations)
 * differ from the plan's by less than one room's worth.
 */

/** Rooms of one class in a store, and how many carry each property. */
export interface WholeRooms {
  rooms: number;
  open: number;
  nonOpen: number;
  auditorium: number;
  /** Non-open rooms whose membership list names users. */
  direct: number;
  /** Non-open rooms whose membership list names user groups. */
  groupManaged: number;
  invitations: number;
}

/**
 * Whole rooms per class with their properties. Percentages apply to the plan's unrounded room
 * count, except where a store needs more rooms than the plan (a user needs `roomsPerUser`
 * distinct rooms of the class): then they apply to the store's rooms.
 */
export function wholeRoomFlags(model: DeploymentModel): PerClass<WholeRooms> {
  const exact = exactRoomCounts(model);
  const whole = wholeRoomCounts(model);
  return perClass((c) => {
    const rc = model.roomClasses[c];
    const rooms = whole[c];
    const base = Math.round(clean(exact[c])) === rooms ? exact[c] : rooms;
    const share = (fraction: number): number => Math.min(rooms, Math.round(clean(base * fraction)));
    const open = share(rc.openPct / 100);
    const nonOpen = rooms - open;
    const direct = Math.min(
      nonOpen,
      share(((100 - rc.openPct) / 100) * (rc.directMembershipPct / 100)),
    );
    return {
      rooms,
      open,
      nonOpen,
      auditorium: share(rc.auditoriumPct / 100),
      direct,
      groupManaged: nonOpen - direct,
      invitations: share(rc.invitationPct / 100),
    };
  });
}

/** The entity and row counts a store of the model holds (see the module comment). */
export interface StoreFigures {
  rooms: PerClass<WholeRooms>;
  /** Direct-managed rooms × users in each membership list. */
  userEntities: PerClass<number>;
  /** Group-managed rooms × groups in each membership list. */
  groupEntities: PerClass<number>;
  managerEntities: PerClass<number>;
  presenterEntities: PerClass<number>;
  accessControlEntries: PerClass<number>;
  /** Rooms with invitations × users who can access each room once groups are expanded. */
  invitations: PerClass<number>;
  principals: { users: number; groups: number; folders: number; total: number };
}

export function storeFigures(model: DeploymentModel): StoreFigures {
  const rooms = wholeRoomFlags(model);
  const rc = model.roomClasses;
  const userEntities = perClass((c) => rooms[c].direct * rc[c].usersPerRoom);
  const groupEntities = perClass((c) => rooms[c].groupManaged * rc[c].groupsPerMembershipList);
  const managerEntities = perClass((c) => rooms[c].rooms * rc[c].managersPerRoom);
  const presenterEntities = perClass(
    (c) => rooms[c].auditorium * rc[c].presentersPerAuditoriumRoom,
  );
  const { directoryGroups, folderDepth, foldersPerLevel } = model.directory;
  let folders = 0;
  for (let level = 1; level <= folderDepth; level++) folders += foldersPerLevel ** level;
  const groups = directoryGroups + ROOM_CLASSES.reduce((sum, c) => sum + groupEntities[c], 0);
  const users = model.population.provisionedUsers;
  return {
    rooms,
    userEntities,
    groupEntities,
    managerEntities,
    presenterEntities,
    accessControlEntries: perClass(
      (c) => userEntities[c] + groupEntities[c] + managerEntities[c] + presenterEntities[c],
    ),
    invitations: perClass((c) => rooms[c].invitations * rc[c].usersWithGroupAccess),
    // The system user and the domain, then the directory's folders and groups, then users.
    principals: { users, groups, folders, total: 2 + folders + groups + users },
  };
}

/**
 * Messages of seeded history per class: the class's chat rate over the working hours of `days`
 * days, rounded to whole messages (22.22/s × 28,800 s = 639,936 small-room messages a day).
 */
export function historyMessages(
  model: DeploymentModel,
  days: number,
  ratesPerS: PerClass<number> = perClass((c) => model.roomClasses[c].chatRatePerS),
): PerClass<number> {
  return perClass((c) => wholeMessages(ratesPerS[c], model.rates.workdayHours, days));
}

/** round(rate × working seconds × days), the count history seeding reproduces exactly. */
export function wholeMessages(ratePerS: number, workdayHours: number, days: number): number {
  return Math.round(clean(ratePerS * workdayHours * 3600 * days));
}
