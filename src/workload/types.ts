/**
 * The workload's types, shared by every later stage: the compact transaction batch that travels
 * to the workers, and the simulated world (principals, rooms, memberships) that the generator
 * draws from and the provisioner writes to the store. Types and constant tables only; the names
 * of operations, methods, commands and actions are in core/vocabulary.ts.
 */
import type { TargetErrorKind } from '../core/errors.js';
import type { ActionKind, RoomClass } from '../core/vocabulary.js';

/** One constant-rate stream of actions, the parts of the model's mix. */
export interface ActionStream {
  action: ActionKind;
  /** For `post`: the room class the stream posts into; null otherwise. */
  roomClass: RoomClass | null;
  /** Actions per second at 1×. */
  ratePerS: number;
}

/** `getassociations` asks once for rooms where the user is a member, once as manager. */
export const Association = { member: 0, manager: 1 } as const;
/** `chansrch` searches room names, or (assumption) message text within one room. */
export const SearchKind = { rooms: 0, messages: 1 } as const;

/**
 * A batch of transactions as a struct of typed arrays, so that a batch crosses to a worker by
 * transferring buffers instead of cloning objects. Row `i` is one SIP request. Argument meaning
 * per command:
 *
 * | command         | room | arg0                          | arg1                              | list  |
 * | --------------- | ---- | ----------------------------- | --------------------------------- | ----- |
 * | getassociations | -1   | Association                   |                                   |       |
 * | bjoin           | -1   | ACL cache misses: the first k rooms of the list are authorised in the store | | rooms |
 * | join            | room | 1 when the ACL cache misses   |                                   |       |
 * | part            | room |                               |                                   |       |
 * | bccontext       | room | messages asked for            | messages skipped back from newest |       |
 * | grpchat         | room | corpus message index          |                                   |       |
 * | chansrch        | room or -1 | corpus search-term index | SearchKind                        |       |
 * | getinv          | -1   | last invitation id seen       |                                   |       |
 */
export interface TxBatch {
  count: number;
  op: Uint8Array;
  method: Uint8Array;
  command: Uint8Array;
  roomClass: Uint8Array;
  user: Int32Array;
  room: Int32Array;
  /** Dialog number: names the Call-ID and tags of the user's chat session. */
  dialog: Int32Array;
  cseq: Int32Array;
  /**
   * Intended start in ms on the run clock. NaN: the transaction follows the previous one of the
   * same action and is intended to start when that one completes (a client waits for a reply).
   */
  intendedAt: Float64Array;
  arg0: Int32Array;
  arg1: Int32Array;
  listStart: Int32Array;
  listLength: Int32Array;
  /** Room lists (bjoin), referenced by listStart/listLength. */
  list: Int32Array;
  listUsed: number;
}

/** One row as an object: for tests, decoders and tools, not for the hot path. */
export interface TxRow {
  op: number;
  method: number;
  command: number;
  roomClass: number;
  user: number;
  room: number;
  dialog: number;
  cseq: number;
  intendedAt: number;
  arg0: number;
  arg1: number;
  /** Room list (bjoin); empty otherwise. */
  list: ArrayLike<number>;
}

/**
 * Per-transaction outcome of a batch, aligned with the batch's rows. Times are on the run clock.
 * `errorKind` holds TargetErrorKind codes (0 = success); one sample message per kind is kept.
 */
export interface BatchOutcome {
  startedAt: Float64Array;
  endedAt: Float64Array;
  errorKind: Uint8Array;
  /** Rows returned or written, for tests and sanity checks. */
  rows: Int32Array;
  errorSamples: { index: number; kind: TargetErrorKind; message: string }[];
  /** Deadlock / lock-timeout retries performed (counted, per the documented retry policy). */
  retries: number;
}

/** Compressed sparse rows: row `i` holds `items[start[i] .. start[i + 1])`. */
export interface Csr {
  start: Int32Array;
  items: Int32Array;
}

/** Room flags (bit set in `World.roomFlags`). */
export const RoomFlag = {
  open: 1,
  auditorium: 2,
  /** Membership granted to user groups rather than to users directly. */
  groupManaged: 4,
  invitations: 8,
} as const;

/**
 * Where each kind of principal and node sits in the store's id space. prinID 1 is the system
 * user (AD sync), 2 the domain; nodeID 1 the root category (its own parent).
 */
export interface IdLayout {
  systemUserPrinId: 1;
  domainPrinId: 2;
  folderPrinBase: number;
  directoryGroupPrinBase: number;
  roomGroupPrinBase: number;
  userPrinBase: number;
  rootNodeId: 1;
  categoryNodeBase: number;
  roomNodeBase: number;
}

/**
 * Names, URIs and text of the simulated organisation, derived from the seed and a corpus built
 * once (no per-user strings kept). Shared by the SIP codec, the provisioner and the workers.
 */
export interface Naming {
  readonly seed: number;
  readonly domain: string;
  userAlias(user: number): string;
  userDisplayName(user: number): string;
  /** `sip:alias@domain`. */
  userUri(user: number): string;
  roomGuid(room: number): string;
  /** `ma-chan://domain/<room guid>`. */
  roomUri(room: number): string;
  roomName(room: number): string;
  roomTopic(room: number): string;
  categoryName(category: number): string;
  categoryGuid(category: number): string;
  groupName(kind: 'directory' | 'room', group: number): string;
  /** `ma-grp:...` URI of a directory or room-membership group. */
  groupUri(kind: 'directory' | 'room', group: number): string;
  folderName(folder: number): string;
  /** Message text by corpus index (already within the size limits, not XML-escaped). */
  message(index: number): string;
  readonly messageCount: number;
  searchTerm(index: number): string;
  readonly searchTermCount: number;
}

/** Where a room class sits in the room index space: rooms are laid out small, medium, large. */
export interface ClassRange {
  base: number;
  count: number;
}

/**
 * The simulated organisation: who exists, which rooms exist, who belongs where. Compact (typed
 * arrays and CSR lists) so the documented population fits in one process.
 */
export interface World {
  readonly seed: number;
  readonly modelName: string;
  /** Identifies model inputs + seed: a store provisioned from one world serves only that world. */
  readonly fingerprint: string;
  readonly naming: Naming;
  readonly layout: IdLayout;
  /** Provisioned users. */
  readonly users: number;
  /**
   * Users who sign in: users 0 .. concurrentUsers - 1, who follow rooms. The others are
   * provisioned but never sign in (they reach rooms only through groups and invitations).
   */
  readonly concurrentUsers: number;
  readonly rooms: number;
  readonly categories: number;
  readonly folders: number;
  readonly directoryGroups: number;
  readonly roomGroups: number;
  /** Per room: 0 small, 1 medium, 2 large. */
  readonly roomClass: Uint8Array;
  /** Room indices of each class (rooms are laid out small, medium, large). */
  readonly classRanges: Readonly<Record<'small' | 'medium' | 'large', ClassRange>>;
  /** Per room: RoomFlag bits. */
  readonly roomFlags: Uint8Array;
  /** Per room: category index. */
  readonly roomCategory: Int32Array;
  /** Per folder: parent folder index, -1 under the domain. */
  readonly folderParent: Int32Array;
  /** Per user: leaf folder (organisational unit). */
  readonly userFolder: Int32Array;
  /**
   * Room -> followers: the users who sign in and join the room at sign-in (the room's members who
   * act in it: they post, read its history, manage and present).
   */
  readonly roomMembers: Csr;
  /** User -> rooms the user follows (none for users who never sign in). */
  readonly userRooms: Csr;
  /**
   * Room -> audience: everyone who can access the room once its groups are expanded (its
   * followers, plus users who never sign in in group-managed rooms); for an open room, the users
   * its invitations go to. Invitations of an inviting room go to its whole audience.
   */
  readonly roomAudience: Csr;
  /** User -> rooms whose audience the user is in. */
  readonly userAudience: Csr;
  /** Room -> managers (users). */
  readonly roomManagers: Csr;
  /** Room -> presenters (users; auditorium rooms only). */
  readonly roomPresenters: Csr;
  /** Room -> room-membership groups (group-managed rooms only). */
  readonly roomGroupsOfRoom: Csr;
  /** Room-membership group -> users. */
  readonly roomGroupMembers: Csr;
  /**
   * The directory groups a user is affiliated with (besides self, domain, folders and room
   * groups), written into `out`; returns the count. Derived on demand, not stored.
   */
  directoryGroupsOf(user: number, out: Int32Array): number;
  /** A user's ancestors in the directory: domain, folder chain, room groups, directory groups. */
  ancestorCount(user: number): number;
  /** Affiliation rows of a user: its self row and one per ancestor. */
  affiliationCount(user: number): number;
}
