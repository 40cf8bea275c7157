/**
 * Room configuration: which rooms are open, auditoriums, group-managed or send invitations, who
 * manages and presents in them, and how a group-managed room's members split into the user
 * groups its membership list names.
 */
import type { Random } from '../core/random.js';
import type { RoomClassInputs } from '../model/types.js';
import { CsrBuilder, csrRow } from './membership.js';
import { type Csr, RoomFlag } from './types.js';

/** The rooms of one class: indices `base .. base + count - 1`. */
export interface ClassRooms {
  base: number;
  count: number;
  inputs: RoomClassInputs;
}

export interface RoomFlagCounts {
  open: number;
  auditorium: number;
  groupManaged: number;
  invitations: number;
}

/**
 * How many rooms of a class carry each flag. Percentages apply to the whole room count of the
 * class and round half up (Math.round): 1,067 medium rooms × 1 % = 10.67 -> 11 auditoriums.
 * Group-managed rooms are the non-open rooms not managed by direct membership:
 * 1,035 × 10 % = 103.5 -> 104 direct, so 931 group-managed. Open and auditorium are independent
 * (a room can be both, as in the product); invitations apply to any room.
 */
export function roomFlagCounts(count: number, inputs: RoomClassInputs): RoomFlagCounts {
  const share = (pct: number, of: number): number => Math.round((of * pct) / 100);
  const open = share(inputs.openPct, count);
  const nonOpen = count - open;
  return {
    open,
    auditorium: share(inputs.auditoriumPct, count),
    groupManaged: nonOpen - share(inputs.directMembershipPct, nonOpen),
    invitations: share(inputs.invitationPct, count),
  };
}

function markFirst(flags: Uint8Array, rooms: Int32Array, count: number, flag: number): void {
  for (let i = 0; i < count; i++) {
    const room = rooms[i] as number;
    flags[room] = (flags[room] as number) | flag;
  }
}

/** Flags per room; each flag lands on a different random selection of the class's rooms. */
export function assignRoomFlags(
  classes: readonly ClassRooms[],
  totalRooms: number,
  random: Random,
): Uint8Array {
  const flags = new Uint8Array(totalRooms);
  for (const { base, count, inputs } of classes) {
    const counts = roomFlagCounts(count, inputs);
    const rooms = (): Int32Array =>
      random.shuffle(Int32Array.from({ length: count }, (_, i) => base + i));
    markFirst(flags, rooms(), counts.open, RoomFlag.open);
    markFirst(flags, rooms(), counts.auditorium, RoomFlag.auditorium);
    markFirst(flags, rooms(), counts.invitations, RoomFlag.invitations);
    const nonOpen = rooms().filter((room) => ((flags[room] as number) & RoomFlag.open) === 0);
    markFirst(flags, nonOpen, counts.groupManaged, RoomFlag.groupManaged);
  }
  return flags;
}

/** `k` distinct members drawn at random, ascending (all of them when the room is smaller). */
function sampleMembers(
  members: Int32Array,
  k: number,
  random: Random,
  scratch: Int32Array,
): Int32Array {
  const n = members.length;
  const take = Math.min(k, n);
  scratch.set(members);
  for (let i = 0; i < take; i++) {
    const j = i + random.int(n - i);
    const swap = scratch[i] as number;
    scratch[i] = scratch[j] as number;
    scratch[j] = swap;
  }
  return scratch.slice(0, take).sort();
}

function largestRoom(members: Csr): number {
  let largest = 0;
  for (let r = 0; r + 1 < members.start.length; r++) {
    largest = Math.max(largest, (members.start[r + 1] as number) - (members.start[r] as number));
  }
  return largest;
}

/**
 * Managers of every room (managersPerRoom of its members) and presenters of every auditorium
 * room (presentersPerAuditoriumRoom of its members). The published lists hold "users and groups";
 * chatload names users only, so the poster rule (only presenters post in auditoriums) is exact.
 */
export function pickRoomRoles(
  classes: readonly ClassRooms[],
  members: Csr,
  flags: Uint8Array,
  random: Random,
): { managers: Csr; presenters: Csr } {
  const rooms = flags.length;
  const scratch = new Int32Array(largestRoom(members));
  const managers = new CsrBuilder(rooms, rooms * 6);
  const presenters = new CsrBuilder(rooms, rooms);
  for (const { base, count, inputs } of classes) {
    for (let room = base; room < base + count; room++) {
      const list = csrRow(members, room);
      managers.push(sampleMembers(list, inputs.managersPerRoom, random, scratch));
      if (((flags[room] as number) & RoomFlag.auditorium) !== 0) {
        presenters.push(sampleMembers(list, inputs.presentersPerAuditoriumRoom, random, scratch));
      } else {
        presenters.skip();
      }
    }
  }
  return { managers: managers.finish(rooms), presenters: presenters.finish(rooms) };
}

/**
 * Splits each group-managed room's members at random into groupsPerMembershipList groups of
 * sizes differing by at most one (fewer groups when the room has fewer members), so that
 * expanding the room's groups yields exactly its members and each member is in one group.
 * Group indices run room by room.
 */
export function partitionRoomGroups(
  classes: readonly ClassRooms[],
  members: Csr,
  flags: Uint8Array,
  random: Random,
): { groupsOfRoom: Csr; groupMembers: Csr; groups: number } {
  const rooms = flags.length;
  const scratch = new Int32Array(largestRoom(members));
  const groupsOfRoom = new CsrBuilder(rooms, rooms);
  const groupMembers = new CsrBuilder(rooms, members.items.length);
  let groups = 0;
  for (const { base, count, inputs } of classes) {
    for (let room = base; room < base + count; room++) {
      const list = csrRow(members, room);
      const groupCount = Math.min(inputs.groupsPerMembershipList, list.length);
      if (((flags[room] as number) & RoomFlag.groupManaged) === 0 || groupCount === 0) {
        groupsOfRoom.skip();
        continue;
      }
      const shuffled = scratch.subarray(0, list.length);
      shuffled.set(list);
      random.shuffle(shuffled);
      const ids = new Int32Array(groupCount);
      for (let g = 0; g < groupCount; g++) {
        const from = Math.floor((g * list.length) / groupCount);
        const to = Math.floor(((g + 1) * list.length) / groupCount);
        groupMembers.push(shuffled.slice(from, to).sort());
        ids[g] = groups++;
      }
      groupsOfRoom.push(ids);
    }
  }
  return {
    groupsOfRoom: groupsOfRoom.finish(rooms),
    groupMembers: groupMembers.finish(groups),
    groups,
  };
}
