/**
 * Who follows which room and who else a room reaches. Items (rooms, or users) are dealt to
 * takers (users, or rooms) so that every taker gets distinct items, every item is dealt exactly
 * as often as asked, and the assignment is random under those constraints (rooms are not
 * cliques of the same users). Output is compact: CSR lists.
 */
import type { Random } from '../core/random.js';
import type { Csr } from './types.js';

/**
 * Deals items to takers like cards. Taker t receives `takes[t]` distinct items; item i is dealt
 * `caps[i]` times in all (the sums must agree). The slot sequence is a series of passes, each a
 * fresh random permutation of the items that still have copies to give, shortest pass first, so
 * copies of an item are spread evenly over the sequence. Takers, in a random order, take
 * consecutive slots. Where a taker's slots straddle two passes and repeat an item, the repeat is
 * swapped with a later slot holding an item the taker lacks (at the very end, with an earlier
 * taker's slot), which keeps every item's count.
 *
 * Returns taker -> items (absolute: `itemBase + i`), each list ascending.
 */
export function dealDistinct(
  takes: Int32Array,
  caps: Int32Array,
  itemBase: number,
  random: Random,
): Csr {
  const total = caps.reduce((sum, n) => sum + n, 0);
  const wanted = takes.reduce((sum, n) => sum + n, 0);
  if (wanted !== total) throw new RangeError(`takers want ${wanted} items, ${total} are dealt`);
  const given = caps.reduce((n, cap) => n + (cap > 0 ? 1 : 0), 0);
  const most = takes.reduce((max, n) => Math.max(max, n), 0);
  if (most > given)
    throw new RangeError(`${given} items cannot give a taker ${most} distinct ones`);
  const slots = passSequence(caps, total, random);
  const deal = new Dealing(slots, takes, caps.length);
  for (const taker of random.shuffle(Int32Array.from({ length: takes.length }, (_, i) => i))) {
    deal.take(taker);
  }
  return deal.result(itemBase);
}

/** Passes of shuffled items, shortest first: pass j holds the items with more than j copies. */
function passSequence(caps: Int32Array, total: number, random: Random): Int32Array {
  const byCap = Int32Array.from({ length: caps.length }, (_, i) => i).sort(
    (a, b) => (caps[b] as number) - (caps[a] as number),
  );
  const slots = new Int32Array(total);
  let at = 0;
  let length = 0;
  for (let j = (caps[byCap[0] as number] ?? 0) - 1; j >= 0; j--) {
    while (length < byCap.length && (caps[byCap[length] as number] as number) > j) length++;
    const pass = slots.subarray(at, at + length);
    pass.set(byCap.subarray(0, length));
    random.shuffle(pass);
    at += length;
  }
  return slots;
}

class Dealing {
  private cursor = 0;
  /** Per item: the last taker holding it (a taker's own items carry its number). */
  private readonly holder: Int32Array;
  private readonly owner: Int32Array;
  private readonly windowStart: Int32Array;
  /** Slots whose repeat could not be repaired (never seen on feasible shapes). */
  private readonly dropped: Uint8Array;

  constructor(
    private readonly slots: Int32Array,
    private readonly takes: Int32Array,
    items: number,
  ) {
    this.holder = new Int32Array(items).fill(-1);
    this.owner = new Int32Array(slots.length);
    this.windowStart = new Int32Array(takes.length);
    this.dropped = new Uint8Array(slots.length);
  }

  take(taker: number): void {
    const end = this.cursor + (this.takes[taker] as number);
    this.windowStart[taker] = this.cursor;
    for (let pos = this.cursor; pos < end; pos++) {
      if (this.holder[this.slots[pos] as number] === taker && !this.repair(pos, taker, end)) {
        this.dropped[pos] = 1;
      }
      this.holder[this.slots[pos] as number] = taker;
      this.owner[pos] = taker;
    }
    this.cursor = end;
  }

  private swap(a: number, b: number): void {
    const item = this.slots[a] as number;
    this.slots[a] = this.slots[b] as number;
    this.slots[b] = item;
  }

  private repair(pos: number, taker: number, end: number): boolean {
    for (let q = end; q < this.slots.length; q++) {
      if (this.holder[this.slots[q] as number] !== taker) {
        this.swap(pos, q);
        return true;
      }
    }
    const repeated = this.slots[pos] as number;
    for (let b = this.cursor - 1; b >= 0; b--) {
      const other = this.owner[b] as number;
      if (this.holder[this.slots[b] as number] === taker || this.holds(other, repeated)) continue;
      this.swap(pos, b);
      return true;
    }
    return false;
  }

  private holds(taker: number, item: number): boolean {
    const from = this.windowStart[taker] as number;
    const to = from + (this.takes[taker] as number);
    for (let i = from; i < to; i++) if (this.slots[i] === item) return true;
    return false;
  }

  result(itemBase: number): Csr {
    const builder = new CsrBuilder(this.takes.length, this.slots.length);
    for (let t = 0; t < this.takes.length; t++) {
      const from = this.windowStart[t] as number;
      const mine: number[] = [];
      for (let i = from; i < from + (this.takes[t] as number); i++) {
        if (this.dropped[i] === 0) mine.push(itemBase + (this.slots[i] as number));
      }
      builder.push(mine.sort((a, b) => a - b));
    }
    return builder.finish(this.takes.length);
  }
}

/** `total` split over `parts` as evenly as possible: the first `total % parts` get one more. */
export function evenSplit(total: number, parts: number): Int32Array {
  const out = new Int32Array(parts);
  if (parts === 0) return out;
  const each = Math.floor(total / parts);
  const extra = total - each * parts;
  for (let i = 0; i < parts; i++) out[i] = each + (i < extra ? 1 : 0);
  return out;
}

/**
 * Joins per-class lists (user -> rooms of the class) into user -> rooms, each user's rooms
 * ascending. Users past a list's end have no rooms of that class.
 */
export function joinRows(rows: number, parts: readonly Csr[]): Csr {
  const builder = new CsrBuilder(
    rows,
    parts.reduce((sum, p) => sum + p.items.length, 0),
  );
  const mine: number[] = [];
  for (let r = 0; r < rows; r++) {
    mine.length = 0;
    for (const part of parts) {
      if (r + 1 >= part.start.length) continue;
      for (let i = part.start[r] as number; i < (part.start[r + 1] as number); i++) {
        mine.push(part.items[i] as number);
      }
    }
    builder.push(mine.sort((a, b) => a - b));
  }
  return builder.finish(rows);
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
