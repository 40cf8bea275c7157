/**
 * What the generator knows about each user who signs in (users 0 .. concurrentUsers - 1; the
 * other provisioned users never do), in typed arrays: online or not (an indexed partition, so
 * drawing a random online or offline user is O(1)), the user's dialog and last CSeq, the last
 * invitation seen, which of the user's rooms it is currently in, and the open rooms it browsed
 * into without being a member.
 */
import type { Random } from '../core/random.js';
import type { World } from './types.js';

/** Open rooms a user can be in at once without being a member (browse joins). */
export const BROWSE_SLOTS = 2;

export class UserState {
  /** Users who sign in; positions [0, online) are the online ones. */
  private readonly order: Int32Array;
  /** Position of each user in `order`. */
  private readonly position: Int32Array;
  private onlineCount = 0;
  /** Dialog number per user, -1 when offline. */
  readonly dialog: Int32Array;
  /** Last CSeq used in the user's dialog. */
  readonly cseq: Int32Array;
  readonly lastInviteSeen: Int32Array;
  /** Aligned with world.userRooms.items: 1 while the user is in that room. */
  readonly joined: Uint8Array;
  /** BROWSE_SLOTS per user: open rooms joined without membership, -1 when free. */
  readonly browsed: Int32Array;
  readonly users: number;

  constructor(private readonly world: World) {
    this.users = Math.min(world.concurrentUsers, world.users);
    this.order = Int32Array.from({ length: this.users }, (_, i) => i);
    this.position = Int32Array.from({ length: this.users }, (_, i) => i);
    this.dialog = new Int32Array(this.users).fill(-1);
    this.cseq = new Int32Array(this.users);
    this.lastInviteSeen = new Int32Array(this.users);
    this.joined = new Uint8Array(world.userRooms.items.length);
    this.browsed = new Int32Array(this.users * BROWSE_SLOTS).fill(-1);
  }

  get online(): number {
    return this.onlineCount;
  }

  get offline(): number {
    return this.users - this.onlineCount;
  }

  isOnline(user: number): boolean {
    return (this.position[user] as number) < this.onlineCount;
  }

  randomOnline(random: Random): number {
    return this.order[random.int(this.onlineCount)] as number;
  }

  randomOffline(random: Random): number {
    return this.order[this.onlineCount + random.int(this.users - this.onlineCount)] as number;
  }

  private swap(a: number, b: number): void {
    const ua = this.order[a] as number;
    const ub = this.order[b] as number;
    this.order[a] = ub;
    this.order[b] = ua;
    this.position[ub] = a;
    this.position[ua] = b;
  }

  /** Signs the user in with a new dialog: CSeq restarts, the user is in all of its rooms. */
  signIn(user: number, dialog: number): void {
    this.swap(this.position[user] as number, this.onlineCount);
    this.onlineCount++;
    this.dialog[user] = dialog;
    this.cseq[user] = 0;
    const { start } = this.world.userRooms;
    this.joined.fill(1, start[user] as number, start[user + 1] as number);
    this.browsed.fill(-1, user * BROWSE_SLOTS, (user + 1) * BROWSE_SLOTS);
  }

  signOut(user: number): void {
    this.onlineCount--;
    this.swap(this.position[user] as number, this.onlineCount);
    this.dialog[user] = -1;
    const { start } = this.world.userRooms;
    this.joined.fill(0, start[user] as number, start[user + 1] as number);
    this.browsed.fill(-1, user * BROWSE_SLOTS, (user + 1) * BROWSE_SLOTS);
  }

  nextCseq(user: number): number {
    const next = (this.cseq[user] as number) + 1;
    this.cseq[user] = next;
    return next;
  }

  /** Index of `room` in world.userRooms.items for this user, or -1 when not a member. */
  membershipIndex(user: number, room: number): number {
    const { start, items } = this.world.userRooms;
    const end = start[user + 1] as number;
    for (let i = start[user] as number; i < end; i++) if (items[i] === room) return i;
    return -1;
  }

  isBrowsing(user: number, room: number): boolean {
    for (let k = 0; k < BROWSE_SLOTS; k++)
      if (this.browsed[user * BROWSE_SLOTS + k] === room) return true;
    return false;
  }

  /** A free browse slot of the user (index into `browsed`), or -1. */
  freeBrowseSlot(user: number): number {
    for (let k = 0; k < BROWSE_SLOTS; k++)
      if (this.browsed[user * BROWSE_SLOTS + k] === -1) return user * BROWSE_SLOTS + k;
    return -1;
  }

  /** Rooms the user is in right now: member rooms it has not parted, plus browsed open rooms. */
  roomsInCount(user: number): number {
    const { start } = this.world.userRooms;
    let n = 0;
    for (let i = start[user] as number; i < (start[user + 1] as number); i++)
      n += this.joined[i] as number;
    for (let k = 0; k < BROWSE_SLOTS; k++) if (this.browsed[user * BROWSE_SLOTS + k] !== -1) n++;
    return n;
  }

  /**
   * Where the user's `nth` current room (0 <= nth < roomsInCount) is kept: a membership index
   * (>= 0, into world.userRooms.items) or a browse slot encoded as -(slot + 1). An encoded number
   * rather than an object keeps the hot path allocation-free.
   */
  locateRoomIn(user: number, nth: number): number {
    const { start } = this.world.userRooms;
    let left = nth;
    for (let i = start[user] as number; i < (start[user + 1] as number); i++) {
      if (this.joined[i] === 1 && left-- === 0) return i;
    }
    for (let k = 0; k < BROWSE_SLOTS; k++) {
      const slot = user * BROWSE_SLOTS + k;
      if (this.browsed[slot] !== -1 && left-- === 0) return -(slot + 1);
    }
    throw new RangeError(`user ${user} is in fewer than ${nth + 1} rooms`);
  }

  /** The room at a location returned by {@link locateRoomIn}. */
  roomAt(location: number): number {
    return location >= 0
      ? (this.world.userRooms.items[location] as number)
      : (this.browsed[-location - 1] as number);
  }

  /** Leaves the room at a location returned by {@link locateRoomIn}. */
  leave(location: number): void {
    if (location >= 0) this.joined[location] = 0;
    else this.browsed[-location - 1] = -1;
  }
}
