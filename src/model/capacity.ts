import { ceilClean, ratio } from '../core/arithmetic.js';
import {
  actionRates,
  exactRoomCounts,
  perClass,
  roomsPerUser,
  workdaySeconds,
  type ActionRates,
  type PerClass,
} from './rates.js';
import type { DeploymentModel } from './types.js';
import type { RoomClass } from '../core/vocabulary.js';

/**
 * The capacity figures of a deployment, all unrounded, as the published arithmetic computes
 * them (80,000 × 2 ÷ 150 = 1,066.67 medium rooms, and 3 % of that is 32 open ones). Rounding is
 * for display only (`format.ts`); the tables in `plan.ts` are views of these numbers.
 */

/** Per-class figures and their sum. */
export type Totaled = PerClass<number> & { total: number };

export function totaled(values: PerClass<number>): Totaled {
  return { ...values, total: values.small + values.medium + values.large };
}

export interface PoolCapacity {
  concurrentUsers: number;
  provisionedUsers: number;
  endpoints: number;
  /** ceil(concurrent users ÷ users per server). */
  serversNeeded: number;
  /** Pools needed so that no pool is past any of its documented maxima. */
  poolsNeeded: number;
  /** Average connected users on each server. */
  usersPerServer: number;
  /** Users on each remaining server of a pool when one of its servers fails; null with one server. */
  usersPerServerAfterFailover: number | null;
}

export interface RoomCapacity {
  all: Totaled;
  open: Totaled;
  nonOpen: Totaled;
  auditorium: Totaled;
}

/** Access control: each entity in a membership, manager or presenter list is one ACE. */
export interface AccessCapacity {
  /** Non-open rooms managed by direct membership × users in each list. */
  userEntities: Totaled;
  /** Non-open rooms managed by user groups × groups in each list. */
  groupEntities: Totaled;
  /** All rooms × managers per room. */
  managerEntities: Totaled;
  /** Auditorium rooms × presenters per room. */
  presenterEntities: Totaled;
  accessControlEntries: Totaled;
}

export interface InvitationCapacity {
  /** Rooms configured to send invitations. */
  rooms: Totaled;
  /** Those rooms × users who can access each room once groups are expanded. */
  invitations: Totaled;
}

export interface ChatRateCapacity {
  /** The performance user model's chat rate, messages per second (documented 24). */
  perfModelPerS: Totaled;
  /** Model 1: a number of messages per room per day, spread over the working day. */
  model1: { perRoomPerDay: Totaled; perS: Totaled };
  /** Model 2: a number of messages per user per day, spread over the working day. */
  model2: { perUserPerDay: Totaled; perRoomPerDay: Totaled; perS: Totaled };
}

export interface ActivityCapacity {
  peakSigninsPerS: number;
  /** Rooms each signing-in user joins at once (its followed rooms). */
  roomsPerSignin: number;
  peakRoomJoinsPerS: number;
  /** Messages of history a client asks for per room joined. */
  historyMessagesPerJoin: number;
  peakHistoryMessagesPerS: number;
  /** Participants' presence polled per second (documented 15,000). */
  pollingPerS: number;
  /** Presence changes per second (documented 133.33). */
  presenceChangesPerS: number;
}

export interface GrowthCapacity {
  /** The performance model's total chat rate, which sets the store's growth. */
  chatRatePerS: number;
  messagesPerDay: number;
  messagesPerYear: number;
  /** Estimates: messages × assumptions.averageChatRowBytes. */
  bytesPerDay: number;
  bytesPerYear: number;
}

export interface Capacity {
  pool: PoolCapacity;
  rooms: RoomCapacity;
  access: AccessCapacity;
  invitations: InvitationCapacity;
  chat: ChatRateCapacity;
  activity: ActivityCapacity;
  /** The chatload workload's actions per second at 1× (rates.ts). */
  actions: ActionRates;
  growth: GrowthCapacity;
}

export function computeCapacity(model: DeploymentModel): Capacity {
  const rooms = roomCapacity(model);
  const chat = chatRates(model, rooms.all);
  const day = workdaySeconds(model);
  const messagesPerDay = chat.perfModelPerS.total * day;
  const messagesPerYear = messagesPerDay * model.rates.workdaysPerYear;
  return {
    pool: poolCapacity(model),
    rooms,
    access: accessCapacity(model, rooms),
    invitations: invitationCapacity(model, rooms.all),
    chat,
    activity: activity(model),
    actions: actionRates(model),
    growth: {
      chatRatePerS: chat.perfModelPerS.total,
      messagesPerDay,
      messagesPerYear,
      bytesPerDay: messagesPerDay * model.assumptions.averageChatRowBytes,
      bytesPerYear: messagesPerYear * model.assumptions.averageChatRowBytes,
    },
  };
}

function poolCapacity(model: DeploymentModel): PoolCapacity {
  const { concurrentUsers, provisionedUsers, endpointsPerUser } = model.population;
  const limits = model.limits;
  const endpoints = concurrentUsers * endpointsPerUser;
  const serversNeeded = ceilClean(concurrentUsers / limits.usersPerServer);
  const poolsNeeded = Math.max(
    ceilClean(serversNeeded / limits.maxActiveServersPerPool),
    ceilClean(concurrentUsers / limits.maxConcurrentUsersPerPool),
    ceilClean(provisionedUsers / limits.maxProvisionedUsersPerPool),
    ceilClean(endpoints / limits.maxEndpointsPerPool),
  );
  const serversPerPool = ceilClean(serversNeeded / poolsNeeded);
  return {
    concurrentUsers,
    provisionedUsers,
    endpoints,
    serversNeeded,
    poolsNeeded,
    usersPerServer: concurrentUsers / serversNeeded,
    usersPerServerAfterFailover:
      serversPerPool > 1 ? concurrentUsers / poolsNeeded / (serversPerPool - 1) : null,
  };
}

function roomCapacity(model: DeploymentModel): RoomCapacity {
  const all = exactRoomCounts(model);
  const share = (pct: (c: RoomClass) => number): PerClass<number> =>
    perClass((c) => (all[c] * pct(c)) / 100);
  const open = share((c) => model.roomClasses[c].openPct);
  return {
    all: totaled(all),
    open: totaled(open),
    nonOpen: totaled(perClass((c) => all[c] - open[c])),
    auditorium: totaled(share((c) => model.roomClasses[c].auditoriumPct)),
  };
}

function accessCapacity(model: DeploymentModel, rooms: RoomCapacity): AccessCapacity {
  const rc = model.roomClasses;
  const userEntities = perClass(
    (c) => (rooms.nonOpen[c] * rc[c].directMembershipPct * rc[c].usersPerRoom) / 100,
  );
  const groupEntities = perClass(
    (c) =>
      (rooms.nonOpen[c] * (100 - rc[c].directMembershipPct) * rc[c].groupsPerMembershipList) / 100,
  );
  const managerEntities = perClass((c) => rooms.all[c] * rc[c].managersPerRoom);
  const presenterEntities = perClass(
    (c) => rooms.auditorium[c] * rc[c].presentersPerAuditoriumRoom,
  );
  return {
    userEntities: totaled(userEntities),
    groupEntities: totaled(groupEntities),
    managerEntities: totaled(managerEntities),
    presenterEntities: totaled(presenterEntities),
    accessControlEntries: totaled(
      perClass(
        (c) => userEntities[c] + groupEntities[c] + managerEntities[c] + presenterEntities[c],
      ),
    ),
  };
}

function invitationCapacity(model: DeploymentModel, rooms: Totaled): InvitationCapacity {
  const rc = model.roomClasses;
  const inviting = perClass((c) => (rooms[c] * rc[c].invitationPct) / 100);
  return {
    rooms: totaled(inviting),
    invitations: totaled(perClass((c) => inviting[c] * rc[c].usersWithGroupAccess)),
  };
}

function chatRates(model: DeploymentModel, rooms: Totaled): ChatRateCapacity {
  const rc = model.roomClasses;
  const users = model.population.concurrentUsers;
  const day = workdaySeconds(model);
  return {
    perfModelPerS: totaled(perClass((c) => rc[c].chatRatePerS)),
    model1: {
      perRoomPerDay: totaled(perClass((c) => rc[c].messagesPerRoomPerDay)),
      perS: totaled(perClass((c) => (rooms[c] * rc[c].messagesPerRoomPerDay) / day)),
    },
    model2: {
      perUserPerDay: totaled(perClass((c) => rc[c].messagesPerUserPerDay)),
      perRoomPerDay: totaled(perClass((c) => ratio(users * rc[c].messagesPerUserPerDay, rooms[c]))),
      perS: totaled(perClass((c) => (users * rc[c].messagesPerUserPerDay) / day)),
    },
  };
}

function activity(model: DeploymentModel): ActivityCapacity {
  const users = model.population.concurrentUsers;
  const r = model.rates;
  const roomsPerSignin = roomsPerUser(model);
  const peakRoomJoinsPerS = r.peakSigninsPerS * roomsPerSignin;
  return {
    peakSigninsPerS: r.peakSigninsPerS,
    roomsPerSignin,
    peakRoomJoinsPerS,
    historyMessagesPerJoin: r.historyClientRequest,
    peakHistoryMessagesPerS: peakRoomJoinsPerS * r.historyClientRequest,
    pollingPerS:
      (users * r.visibleRoomsPerUser * r.pollingParticipantsPerVisibleRoom) / r.pollingIntervalS,
    presenceChangesPerS: (users * r.presenceChangesPerUserPerHour) / 3600,
  };
}
