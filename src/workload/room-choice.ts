/**
 * Who acts in which room, for the room-bound actions: a poster for a post, a room for a browse
 * join, a room a user is in for a part or a history read. Each choice is a bounded number of
 * random tries; on success the choice is left in `user` / `room` / `location` (fields rather than
 * a returned object, so the hot path does not allocate), on failure the method returns false.
 */
import type { Random } from '../core/random.js';
import { RoomFlag, type World } from './types.js';
import type { UserState } from './user-state.js';

/** Tries before a choice gives up: users, posters per room, rooms. */
const USER_TRIES = 16;
const POSTER_TRIES = 16;
const ROOM_TRIES = 8;

function roomsWhere(world: World, keep: (room: number) => boolean): Int32Array {
  const out: number[] = [];
  for (let r = 0; r < world.rooms; r++) if (keep(r)) out.push(r);
  return Int32Array.from(out);
}

export class RoomChoice {
  user = -1;
  room = -1;
  /** Where the chosen room is kept for the user (see UserState.locateRoomIn). */
  location = 0;
  private readonly classRooms: Int32Array[];
  private readonly openRooms: Int32Array;

  constructor(
    private readonly world: World,
    private readonly state: UserState,
    private readonly random: Random,
  ) {
    this.classRooms = [0, 1, 2].map((code) =>
      roomsWhere(world, (r) => world.roomClass[r] === code),
    );
    this.openRooms = roomsWhere(
      world,
      (r) => ((world.roomFlags[r] as number) & RoomFlag.open) !== 0,
    );
  }

  /**
   * A room of the class and a poster in it: an online member (a presenter, in auditorium rooms)
   * who is in the room right now. Another room is tried when no poster turns up.
   */
  poster(classCode: number): boolean {
    const rooms = this.classRooms[classCode] as Int32Array;
    if (rooms.length === 0 || this.state.online === 0) return false;
    for (let t = 0; t < ROOM_TRIES; t++) {
      const room = rooms[this.random.int(rooms.length)] as number;
      const user = this.posterIn(room);
      if (user >= 0) {
        this.user = user;
        this.room = room;
        return true;
      }
    }
    return false;
  }

  private posterIn(room: number): number {
    const auditorium = ((this.world.roomFlags[room] as number) & RoomFlag.auditorium) !== 0;
    const list = auditorium ? this.world.roomPresenters : this.world.roomMembers;
    const from = list.start[room] as number;
    const size = (list.start[room + 1] as number) - from;
    for (let t = 0; size > 0 && t < POSTER_TRIES; t++) {
      const user = list.items[from + this.random.int(size)] as number;
      if (!this.state.isOnline(user)) continue;
      const membership = this.state.membershipIndex(user, room);
      if (membership >= 0 && this.state.joined[membership] === 1) return user;
    }
    return -1;
  }

  /**
   * A browse join, recorded as joined: an online user rejoins a member room it parted earlier, or
   * joins an open room it does not belong to while it has a browse slot free (half and half when
   * both are possible).
   */
  browseJoin(): boolean {
    if (this.state.online === 0) return false;
    for (let t = 0; t < USER_TRIES; t++) {
      const user = this.state.randomOnline(this.random);
      const room = this.joinableRoom(user);
      if (room >= 0) {
        this.user = user;
        this.room = room;
        return true;
      }
    }
    return false;
  }

  private joinableRoom(user: number): number {
    const { start, items } = this.world.userRooms;
    const first = start[user] as number;
    const end = start[user + 1] as number;
    let parted = 0;
    for (let i = first; i < end; i++) parted += 1 - (this.state.joined[i] as number);
    const slot = this.state.freeBrowseSlot(user);
    const open = this.openRooms;
    if (slot >= 0 && open.length > 0 && (parted === 0 || this.random.next() < 0.5)) {
      for (let t = 0; t < ROOM_TRIES; t++) {
        const room = open[this.random.int(open.length)] as number;
        if (this.state.membershipIndex(user, room) >= 0 || this.state.isBrowsing(user, room))
          continue;
        this.state.browsed[slot] = room;
        return room;
      }
    }
    if (parted === 0) return -1;
    let nth = this.random.int(parted);
    for (let i = first; i < end; i++) {
      if (this.state.joined[i] === 0 && nth-- === 0) {
        this.state.joined[i] = 1;
        return items[i] as number;
      }
    }
    return -1;
  }

  /** An online user who is in at least one room, and one of those rooms (for part or history). */
  roomIn(): boolean {
    if (this.state.online === 0) return false;
    for (let t = 0; t < USER_TRIES; t++) {
      const user = this.state.randomOnline(this.random);
      const n = this.state.roomsInCount(user);
      if (n > 0) {
        this.user = user;
        this.location = this.state.locateRoomIn(user, this.random.int(n));
        this.room = this.state.roomAt(this.location);
        return true;
      }
    }
    return false;
  }
}
