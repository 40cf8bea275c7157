/**
 * Who is in each room. The published arithmetic builds rooms from the users connected at once
 * (80,000 × 12 ÷ 30 = 32,000 small rooms), so the users who sign in — the first
 * `concurrentUsers` of the provisioned users — each follow roomsPerUser rooms of every class, and
 * every non-open room has exactly usersPerRoom of them: its direct membership list, or the part
 * of its groups that signs in. Open rooms, which have no membership list, take the rest.
 *
 * A room's audience is everyone who can access it once its groups are expanded: for a
 * direct-managed room its list; for a group-managed room its followers plus users who never sign
 * in (the provisioned users beyond the concurrent population), up to usersWithGroupAccess (60 /
 * 225 / 16,000: 30 more in a small room, 75 in a medium one). An open room, which anyone may
 * enter, gets an audience chosen the same way: the users its invitations go to.
 */
import type { Random } from '../core/random.js';
import { dealDistinct, evenSplit, joinRows } from './membership.js';
import type { ClassRooms } from './rooms.js';
import { type Csr, RoomFlag } from './types.js';

/**
 * Followers each room of a class takes from `users` users who follow `perUser` rooms of the
 * class: usersPerRoom per non-open room, the remainder spread over the open rooms. When the
 * class cannot have that shape (too few users for the room size, or too many non-open rooms for
 * the users' rooms), followers are spread evenly over all its rooms instead.
 */
export function followerCaps(
  cls: ClassRooms,
  flags: Uint8Array,
  users: number,
  perUser: number,
): Int32Array {
  const { base, count, inputs } = cls;
  const slots = users * perUser;
  const open: number[] = [];
  for (let i = 0; i < count; i++) {
    if (((flags[base + i] as number) & RoomFlag.open) !== 0) open.push(i);
  }
  const rest = slots - (count - open.length) * inputs.usersPerRoom;
  const fits =
    inputs.usersPerRoom <= users &&
    rest >= 0 &&
    (open.length === 0 ? rest === 0 : Math.ceil(rest / open.length) <= users);
  if (!fits) return evenSplit(slots, count);
  const caps = new Int32Array(count).fill(inputs.usersPerRoom);
  const shares = evenSplit(rest, open.length);
  open.forEach((i, k) => (caps[i] = shares[k] as number));
  return caps;
}

/** User -> followed rooms of one class, for users 0 .. users - 1. */
export function dealFollowers(
  cls: ClassRooms,
  flags: Uint8Array,
  users: number,
  perUser: number,
  random: Random,
): Csr {
  const takes = new Int32Array(users).fill(perUser);
  return dealDistinct(takes, followerCaps(cls, flags, users, perUser), cls.base, random);
}

/**
 * Room -> audience (ascending): the followers, plus, in group-managed and open rooms, users who
 * do not sign in up to usersWithGroupAccess, spread evenly over those users.
 */
export function buildAudience(
  classes: readonly ClassRooms[],
  followers: Csr,
  flags: Uint8Array,
  signingIn: number,
  users: number,
  random: Random,
): Csr {
  const rooms = flags.length;
  const others = users - signingIn;
  const need = new Int32Array(rooms);
  for (const { base, count, inputs } of classes) {
    for (let room = base; room < base + count; room++) {
      if (((flags[room] as number) & (RoomFlag.open | RoomFlag.groupManaged)) === 0) continue;
      const following = (followers.start[room + 1] as number) - (followers.start[room] as number);
      need[room] = Math.max(0, Math.min(others, inputs.usersWithGroupAccess - following));
    }
  }
  const total = need.reduce((sum, n) => sum + n, 0);
  const extra = dealDistinct(need, evenSplit(total, total === 0 ? 0 : others), signingIn, random);
  return joinRows(rooms, [followers, extra]);
}
