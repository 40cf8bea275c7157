/**
 * Accumulated chat history for a fresh store: for each room class, messages at the class's chat
 * rate, spread uniformly over the working hours of the last N days, posted by the room's members
 * (its presenters in auditorium rooms), text from the corpus. Deterministic from the world seed:
 * each room draws from its own stream, so counts can be computed without generating the rows.
 */
import { Random } from '../../core/random.js';
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

/** Mean messages per room per working day, per class code. */
function perRoomDailyMeans(world: World, options: HistoryOptions): number[] {
  const roomsOfClass = [0, 0, 0];
  for (let r = 0; r < world.rooms; r++) {
    const c = world.roomClass[r] as number;
    roomsOfClass[c] = (roomsOfClass[c] as number) + 1;
  }
  const seconds = options.workdayHours * 3600;
  return [0, 1, 2].map((c) => {
    const rooms = roomsOfClass[c] as number;
    const rate = options.ratesPerS[ROOM_CLASS_CODES[c] as 'small' | 'medium' | 'large'];
    return rooms === 0 ? 0 : (rate * seconds) / rooms;
  });
}

function roomRandom(world: World, room: number): Random {
  return new Random(world.seed).fork('history').fork(room);
}

/** Whole messages in one window: the mean's integer part, plus one with its fraction's odds. */
function drawDailyCounts(random: Random, mean: number, days: number): Int32Array {
  const counts = new Int32Array(days);
  const whole = Math.floor(mean);
  for (let d = 0; d < days; d++) counts[d] = whole + (random.chance(mean - whole) ? 1 : 0);
  return counts;
}

/** Messages seeded per room (the value each room's tblLastChatId row ends at). */
export function historyCounts(world: World, options: HistoryOptions): Int32Array {
  const counts = new Int32Array(world.rooms);
  if (options.days <= 0) return counts;
  const means = perRoomDailyMeans(world, options);
  for (let r = 0; r < world.rooms; r++) {
    const daily = drawDailyCounts(
      roomRandom(world, r),
      means[world.roomClass[r] as number] as number,
      options.days,
    );
    counts[r] = daily.reduce((sum, n) => sum + n, 0);
  }
  return counts;
}

function members(csr: Csr, room: number): Int32Array {
  return csr.items.subarray(csr.start[room] as number, csr.start[room + 1] as number);
}

/** Who posts in a room: presenters of auditoriums, else members, else managers, else anyone. */
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
  const means = perRoomDailyMeans(world, options);
  const windows = workWindows(options);
  for (let r = 0; r < world.rooms; r++) {
    const random = roomRandom(world, r);
    const daily = drawDailyCounts(
      random,
      means[world.roomClass[r] as number] as number,
      options.days,
    );
    const who = posters(world, r);
    const node = layout.roomNodeBase + r;
    let chatId = 0n;
    let lastTicks = 0n;
    for (let d = 0; d < options.days; d++) {
      const [start, end] = windows[d] as [number, number];
      const times = new Float64Array(daily[d] as number);
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
