/**
 * Accumulated chat history for a fresh store: for each room class, messages at the class's chat
 * rate over the working hours of the last N days — exactly the plan's figure rounded to whole
 * messages — spread over the class's rooms and uniformly over each working window, posted by the
 * room's followers (its presenters in auditorium rooms), text from the corpus. Deterministic
 * from the world seed: counts come from a per-class draw and each room's rows from its own
 * stream, so counts can be computed without generating the rows.
 */
import { Random } from '../../core/random.js';
import { wholeMessages } from '../../model/store-figures.js';
import { msToTicks } from '../../core/ticks.js';
import { RoomFlag, type Csr, type World } from '../../workload/types.js';
import type { SqlRow } from '../schema/types.js';
import { ROOM_CLASS_CODES } from '../../core/vocabulary.js';

export interface HistoryOptions {
  days: number;
  /** Messages per second of all rooms of each class together (the model's chat rates, 1×). */
  ratesPerS: { small: number; medium: number; large: number };
  workdayHours: number;
  /** History ends at or before this Unix ms. */
  endMs: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Working hours start at 08:00 UTC: chatload's choice (the model gives only their length). */
export const WORKDAY_START_HOUR_UTC = 8;

/**
 * The working-hour windows [start, end) of the last `days` days, oldest first: the most recent
 * windows that have fully ended by `endMs`.
 */
export function workWindows(options: HistoryOptions): Array<[number, number]> {
  const length = options.workdayHours * HOUR_MS;
  let day = Math.floor(options.endMs / DAY_MS) * DAY_MS;
  if (day + WORKDAY_START_HOUR_UTC * HOUR_MS + length > options.endMs) day -= DAY_MS;
  const windows: Array<[number, number]> = [];
  for (let d = options.days - 1; d >= 0; d--) {
    const start = day - d * DAY_MS + WORKDAY_START_HOUR_UTC * HOUR_MS;
    windows.push([start, start + length]);
  }
  return windows;
}

function roomRandom(world: World, room: number): Random {
  return new Random(world.seed).fork('history').fork(room);
}

/**
 * Messages per room per day. A class's messages over its first d days are
 * wholeMessages(rate, hours, d), so each day adds that figure's increment; a day's messages are
 * split over the class's rooms as evenly as possible, and which rooms get one more rotates with
 * a random offset per day over a random order of the rooms.
 */
class DailyCounts {
  private readonly position: Int32Array;
  private readonly classSize = [0, 0, 0];
  /** Per class code, per day: [whole messages per room, rooms with one more, offset]. */
  private readonly days: Int32Array[];

  constructor(world: World, options: HistoryOptions) {
    this.position = new Int32Array(world.rooms);
    const seed = new Random(world.seed);
    this.days = [0, 1, 2].map((code) => {
      const rooms: number[] = [];
      for (let r = 0; r < world.rooms; r++) if (world.roomClass[r] === code) rooms.push(r);
      const order = seed.fork('history-rooms').fork(code).shuffle(rooms);
      order.forEach((room, i) => (this.position[room] = i));
      const n = rooms.length;
      this.classSize[code] = n;
      const rate = options.ratesPerS[ROOM_CLASS_CODES[code] as 'small' | 'medium' | 'large'];
      const offsets = seed.fork('history-days').fork(code);
      const perDay = new Int32Array(3 * Math.max(0, options.days));
      for (let d = 0; d < options.days; d++) {
        const messages =
          wholeMessages(rate, options.workdayHours, d + 1) -
          wholeMessages(rate, options.workdayHours, d);
        const each = n === 0 ? 0 : Math.floor(messages / n);
        perDay[3 * d] = each;
        perDay[3 * d + 1] = messages - each * n;
        perDay[3 * d + 2] = n === 0 ? 0 : offsets.int(n);
      }
      return perDay;
    });
  }

  count(world: World, room: number, day: number): number {
    const code = world.roomClass[room] as number;
    const perDay = this.days[code] as Int32Array;
    const n = this.classSize[code] as number;
    const extra = perDay[3 * day + 1] as number;
    const turn = ((this.position[room] as number) + (perDay[3 * day + 2] as number)) % n;
    return (perDay[3 * day] as number) + (turn < extra ? 1 : 0);
  }
}

/** Messages seeded per room (the value each room's tblLastChatId row ends at). */
export function historyCounts(world: World, options: HistoryOptions): Int32Array {
  const counts = new Int32Array(world.rooms);
  if (options.days <= 0) return counts;
  const daily = new DailyCounts(world, options);
  for (let r = 0; r < world.rooms; r++) {
    for (let d = 0; d < options.days; d++)
      counts[r] = (counts[r] as number) + daily.count(world, r, d);
  }
  return counts;
}

function members(csr: Csr, room: number): Int32Array {
  return csr.items.subarray(csr.start[room] as number, csr.start[room + 1] as number);
}

/** Who posts in a room: presenters of auditoriums, else followers, else managers, else anyone. */
function posters(world: World, room: number): Int32Array | null {
  const auditorium = ((world.roomFlags[room] as number) & RoomFlag.auditorium) !== 0;
  const candidates = [
    auditorium ? members(world.roomPresenters, room) : null,
    members(world.roomMembers, room),
    members(world.roomManagers, room),
  ];
  return candidates.find((list) => list !== null && list.length > 0) ?? null;
}

/**
 * tblChat rows in key order (room, then chatId 1..n), chatDate strictly increasing with chatId.
 * Columns: channelId, chatId, chatDate, userId, isAlert, content, rtf.
 */
export function* historyRows(world: World, options: HistoryOptions): Generator<SqlRow> {
  if (options.days <= 0) return;
  const { layout, naming } = world;
  const daily = new DailyCounts(world, options);
  const windows = workWindows(options);
  for (let r = 0; r < world.rooms; r++) {
    const random = roomRandom(world, r);
    const who = posters(world, r);
    const node = layout.roomNodeBase + r;
    let chatId = 0n;
    let lastTicks = 0n;
    for (let d = 0; d < options.days; d++) {
      const [start, end] = windows[d] as [number, number];
      const times = new Float64Array(daily.count(world, r, d));
      for (let i = 0; i < times.length; i++) times[i] = start + random.next() * (end - start);
      times.sort();
      for (const ms of times) {
        let ticks = msToTicks(ms);
        if (ticks <= lastTicks) ticks = lastTicks + 1n;
        lastTicks = ticks;
        const user =
          who === null ? random.int(world.users) : (who[random.int(who.length)] as number);
        const content = naming.message(random.int(naming.messageCount));
        yield [node, ++chatId, ticks, layout.userPrinBase + user, 0, content, null];
      }
    }
  }
}
