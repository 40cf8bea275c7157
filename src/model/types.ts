/**
 * The description of a Persistent Chat deployment. Only inputs live here; every count, rate and
 * table is derived from them (see `rates.ts` and `plan.ts`). Percentages are 0-100.
 *
 * Where an input comes from the published Lync Server 2013 planning documents it says so; the
 * few inputs that the documents do not quantify but a chat-store workload needs are grouped under
 * {@link AssumptionInputs} and labelled as chatload's assumptions wherever they are shown.
 */

import type { RoomClass } from '../core/vocabulary.js';

export interface PopulationInputs {
  /** Users provisioned for Persistent Chat (documented: 150,000). */
  provisionedUsers: number;
  /** Users connected at the same time (documented: 80,000). */
  concurrentUsers: number;
  /** Endpoints (devices) per connected user (documented: 1.5). */
  endpointsPerUser: number;
  /** Contacts each user subscribes to (documented: 80); presence traffic, not chat-store work. */
  subscribedContactsPerUser: number;
}

export interface RoomClassInputs {
  /** Users connected to (active in) one room of this class (documented: 30 / 150 / 16,000). */
  usersPerRoom: number;
  /** Rooms of this class each user belongs to (documented: 12 / 2 / 2). */
  roomsPerUser: number;
  /** Rooms open to everyone, without explicit membership (documented: 3 / 3 / 50 %). */
  openPct: number;
  /** Auditorium rooms, where only presenters post (documented: 1 / 1 / 50 %). */
  auditoriumPct: number;
  /** Non-open rooms whose membership lists name users directly; the rest use user groups (documented: 50 / 10 / 0 %). */
  directMembershipPct: number;
  /** User groups in each group-managed room's membership list (documented: 3 / 5 / 10). */
  groupsPerMembershipList: number;
  /** Users and groups in each room's manager list (documented: 6). */
  managersPerRoom: number;
  /** Users and groups in each auditorium room's presenter list (documented: 6). */
  presentersPerAuditoriumRoom: number;
  /** Rooms configured to send invitations (documented: 50 %). */
  invitationPct: number;
  /** Users who can access a room once group membership is expanded (documented: 60 / 225 / 16,000). */
  usersWithGroupAccess: number;
  /** Chat rate of all rooms of the class, performance user model (documented: 22.22 / 1.67 / ~0.15 per second). */
  chatRatePerS: number;
  /** Chat-rate model 1: messages per room per day (documented: 50 / 500 / 100). */
  messagesPerRoomPerDay: number;
  /** Chat-rate model 2: messages per user per day (documented: 15 / 5 / 0.1). */
  messagesPerUserPerDay: number;
}

export interface RateInputs {
  /** Users signing in per second at peak, each joining its rooms (documented "peak join rate": 10/s). */
  peakSigninsPerS: number;
  /** Rooms a user joins in a day, followed rooms included (documented: 24). */
  roomsJoinedPerUser: number;
  /** Messages of history a join loads by default on the server (documented DefaultChatHistory: 30). */
  historyServerDefault: number;
  /** Messages of history a client asks for per room (documented client behaviour: 25). */
  historyClientRequest: number;
  /** Participants whose presence a client polls per visible room (documented: 25). */
  pollingParticipantsPerVisibleRoom: number;
  /** Presence polling interval in seconds (documented: 5 minutes). */
  pollingIntervalS: number;
  /** Rooms visible on screen per user (documented: 2.25). */
  visibleRoomsPerUser: number;
  /** Presence changes per user per hour (documented: 6). */
  presenceChangesPerUserPerHour: number;
  /** Length of the working day the daily chat-rate models spread over (documented: 8 hours). */
  workdayHours: number;
  /** Working days per year, for store growth (documented figure: 250). */
  workdaysPerYear: number;
}

export interface DirectoryInputs {
  /** Fewest ancestor affiliations (groups, containers, domain) a user has (documented: 100). */
  affiliationsPerUserMin: number;
  /** Most ancestor affiliations a user has (documented: 200). */
  affiliationsPerUserMax: number;
  /** Directory security groups besides those that manage room membership (assumption). */
  directoryGroups: number;
  /** Depth of the organisational-unit tree above each user (assumption). */
  folderDepth: number;
  /** Organisational units at each level of the tree (assumption). */
  foldersPerLevel: number;
}

export interface LimitInputs {
  /** Users connected to one chat server (documented: 20,000). */
  usersPerServer: number;
  /** Active chat servers in one pool (documented: 4; 8 with 4 on standby). */
  maxActiveServersPerPool: number;
  /** Connected users one pool carries (documented: 80,000). */
  maxConcurrentUsersPerPool: number;
  /** Provisioned users one pool carries (documented: 150,000). */
  maxProvisionedUsersPerPool: number;
  /** Endpoints one pool carries (documented: 120,000). */
  maxEndpointsPerPool: number;
  /** Access control entries past which performance degrades (documented: 2,000,000). */
  maxAccessControlEntries: number;
  /** Invitations the server allows (documented: 2,000,000). */
  maxInvitations: number;
  /** Characters in one message (documented getserverinfo sample: 512). */
  messageSizeLimit: number;
  /** Characters in one story, a long post (documented sample: 4,096). */
  storySizeLimit: number;
  /** Results one search returns (documented sample: 999). */
  searchLimit: number;
  /** Room size above which roster updates stop (documented ParticipantUpdateLimit: 75). */
  participantUpdateLimit: number;
}

/**
 * chatload's assumptions: behaviour the published documents do not quantify but a chat-store
 * workload needs. Reports label every figure that depends on them.
 */
export interface AssumptionInputs {
  /** Seconds between a client's UPDATE session refreshes (Session-Expires less a margin). */
  sessionRefreshIntervalS: number;
  /** Pages of older history a connected user scrolls back through per hour. */
  historyPagesPerUserPerHour: number;
  /** Room or message searches per connected user per working day. */
  searchesPerUserPerDay: number;
  /** Share of searches that search message text rather than room names, 0-100. */
  messageSearchPct: number;
  /** Share of posts that are stories (long posts up to the story size limit), 0-100. */
  storyPct: number;
  /**
   * Share of room authorisations that miss the chat service's in-memory ACL cache and walk the
   * store (sip-xccos.md §3: rooms, principals and ACLs are cached), 0-100.
   */
  aclCacheMissPct: number;
  /** Average bytes one tblChat row takes with its index entry, for store-growth estimates. */
  averageChatRowBytes: number;
}

export interface DeploymentModel {
  /** Short name (`lync2013`); scaled or overridden copies get a derived name. */
  name: string;
  description: string;
  population: PopulationInputs;
  roomClasses: Record<RoomClass, RoomClassInputs>;
  rates: RateInputs;
  directory: DirectoryInputs;
  limits: LimitInputs;
  assumptions: AssumptionInputs;
}

/** A partial model for overrides (`--users`, scenario `model: { ... }`); nested fields merge. */
export type ModelOverrides = {
  name?: string;
  description?: string;
  population?: Partial<PopulationInputs>;
  roomClasses?: { [C in RoomClass]?: Partial<RoomClassInputs> };
  rates?: Partial<RateInputs>;
  directory?: Partial<DirectoryInputs>;
  limits?: Partial<LimitInputs>;
  assumptions?: Partial<AssumptionInputs>;
};
