/**
 * Who belongs to which room. Every user belongs to exactly `perUser` distinct rooms of a class,
 * room sizes within a class differ by at most one, and the assignment is random under those two
 * constraints (rooms are not cliques of the same users). Output is compact: one Int32Array of
 * room indices per class, then CSR lists in both directions.
 */
import type { Random } from '../core/random.js';
import type { Csr } from './types.js';

/**
 * Deals the rooms of one class to users like cards: the slot sequence is a series of passes,
 * each a fresh random permutation of the class's rooms, so after any number of whole passes every
 * room has been dealt equally often (sizes differ by at most one). Users, in a random order, take
 * `perUser` consecutive slots. A user's slots within a pass are distinct; where they straddle two
 * passes, the new pass is repaired by swapping so it does not repeat the rooms just dealt.
 *
 * Returns `out[u * perUser + k]` = the k-th room (absolute index `roomBase + r`) of user u.
 */
export function dealClassRooms(
  users: number,
  roomBase: number,
  rooms: number,
  perUser: number,
  random: Random,
): Int32Array {
  const out = new Int32Array(users * perUser);
  if (perUser === 0) return out;
  if (rooms < perUser)
    throw new RangeError(`${rooms} rooms cannot give each user ${perUser} distinct rooms`);
  const order = random.shuffle(Int32Array.from({ length: users }, (_, i) => i));
  const pass = Int32Array.from({ length: rooms }, (_, i) => i);
  const taken = new Set<number>();
  const slots = users * perUser;
  for (let start = 0; start < slots; start += rooms) {
    random.shuffle(pass);
    const carried = start % perUser;
    if (carried !== 0)
      repairStraddle(
        pass,
        out,
        order[Math.floor(start / perUser)] as number,
        perUser,
        carried,
        roomBase,
        taken,
      );
    const end = Math.min(slots, start + rooms);
    for (let t = start; t < end; t++) {
      const position = Math.floor(t / perUser);
      const user = order[position] as number;
      out[user * perUser + (t - position * perUser)] = roomBase + (pass[t - start] as number);
    }
  }
  return out;
}

/**
 * The user straddling the pass boundary already holds `carried` rooms; make sure the first
 * `perUser - carried` rooms of the new pass are none of them. Enough candidates always exist
 * further on in the pass because rooms >= perUser.
 */
function repairStraddle(
  pass: Int32Array,
  out: Int32Array,
  user: number,
  perUser: number,
  carried: number,
  roomBase: number,
  taken: Set<number>,
): void {
  taken.clear();
  for (let k = 0; k < carried; k++) taken.add((out[user * perUser + k] as number) - roomBase);
  const needed = perUser - carried;
  let candidate = needed;
  for (let j = 0; j < needed; j++) {
    if (!taken.has(pass[j] as number)) continue;
    while (taken.has(pass[candidate] as number)) candidate++;
    const swap = pass[j] as number;
    pass[j] = pass[candidate] as number;
    pass[candidate] = swap;
    candidate++;
  }
}

/**
 * Joins the per-class deals into user -> rooms lists (each user's rooms ascending, so small rooms
 * first when room indices are laid out by class).
 */
export function userRoomsCsr(
  users: number,
  deals: readonly { perUser: number; rooms: Int32Array }[],
): Csr {
  const perUser = deals.reduce((sum, d) => sum + d.perUser, 0);
  const start = Int32Array.from({ length: users + 1 }, (_, u) => u * perUser);
  const items = new Int32Array(users * perUser);
  for (let u = 0; u < users; u++) {
    let at = u * perUser;
    for (const deal of deals) {
      items.set(deal.rooms.subarray(u * deal.perUser, (u + 1) * deal.perUser), at);
      at += deal.perUser;
    }
    items.subarray(u * perUser, at).sort();
  }
  return { start, items };
}

/** The transpose of a CSR: row -> columns becomes column -> rows, each list ascending. */
export function transposeCsr(csr: Csr, columns: number): Csr {
  const start = new Int32Array(columns + 1);
  for (let i = 0; i < csr.items.length; i++) {
    const column = (csr.items[i] as number) + 1;
    start[column] = (start[column] as number) + 1;
  }
  for (let c = 0; c < columns; c++) start[c + 1] = (start[c + 1] as number) + (start[c] as number);
  const fill = start.slice(0, columns);
  const items = new Int32Array(csr.items.length);
  const rows = csr.start.length - 1;
  for (let r = 0; r < rows; r++) {
    for (let i = csr.start[r] as number; i < (csr.start[r + 1] as number); i++) {
      const column = csr.items[i] as number;
      const at = fill[column] as number;
      items[at] = r;
      fill[column] = at + 1;
    }
  }
  return { start, items };
}

/** Row `row` of a CSR as a view (no copy). */
export function csrRow(csr: Csr, row: number): Int32Array {
  return csr.items.subarray(csr.start[row] as number, csr.start[row + 1] as number);
}

/** Builds a CSR from per-row lists produced in row order; grows as needed. */
export class CsrBuilder {
  private start: Int32Array;
  private items: Int32Array;
  private used = 0;
  private row = 0;

  constructor(expectedRows: number, expectedItems: number) {
    this.start = new Int32Array(Math.max(16, expectedRows + 1));
    this.items = new Int32Array(Math.max(16, expectedItems));
  }

  /** Appends the list of the next row. */
  push(list: ArrayLike<number>): void {
    if (this.used + list.length > this.items.length) {
      this.items = grow(this.items, this.used + list.length);
    }
    for (let i = 0; i < list.length; i++) this.items[this.used++] = list[i] as number;
    this.skip();
  }

  /** An empty list for the next row. */
  skip(): void {
    if (this.row + 2 > this.start.length) this.start = grow(this.start, this.row + 2);
    this.row++;
    this.start[this.row] = this.used;
  }

  /** The CSR, checking that exactly `rows` rows were produced. */
  finish(rows: number): Csr {
    if (this.row !== rows) throw new RangeError(`CSR built ${this.row} of ${rows} rows`);
    return { start: this.start.slice(0, rows + 1), items: this.items.slice(0, this.used) };
  }
}

function grow(array: Int32Array, needed: number): Int32Array {
  const grown = new Int32Array(Math.max(array.length * 2, needed));
  grown.set(array);
  return grown;
}
