/**
 * sys.dm_os_performance_counters, read the way the counter types say (sqlserver-evidence.md):
 *
 * - 65792 PERF_COUNTER_LARGE_RAWCOUNT: the value now (Page life expectancy, User Connections);
 * - 272696576 PERF_COUNTER_BULK_COUNT: a cumulative count behind a "/sec" name, rate = Δ ÷ Δs;
 * - 1073874176 PERF_AVERAGE_BULK: average over the window = Δvalue ÷ Δbase (its `… base` row);
 * - 537003264 PERF_LARGE_RAW_FRACTION: a ratio now = value ÷ base.
 *
 * Names are nchar (trailing spaces trimmed before comparing) and `object_name` carries the
 * instance prefix (`SQLServer:` on a default instance, `MSSQL$NAME:` on a named one): objects are
 * matched on the part after the colon.
 */
import { known, unknown, type Fact } from '../fact.js';

export const CounterType = {
  rawValue: 65792,
  bulkCount: 272696576,
  averageBulk: 1073874176,
  rawFraction: 537003264,
  base: 1073939712,
} as const;

/** One row as sampled, names trimmed and the object without its instance prefix. */
export interface CounterRow {
  object: string;
  counter: string;
  instance: string;
  value: number;
  type: number;
}

/** Which instance rows of a counter to keep: any, none ('' in the view), or the store databases. */
export type InstanceRule = 'any' | 'none' | '_Total' | 'databases';

export interface CounterSpec {
  object: string;
  counter: string;
  instances: InstanceRule;
}

/** The counters a capacity step samples (sqlserver-evidence.md, "Counters worth sampling"). */
export const COUNTERS: readonly CounterSpec[] = [
  { object: 'SQL Statistics', counter: 'Batch Requests/sec', instances: 'none' },
  { object: 'SQL Statistics', counter: 'SQL Compilations/sec', instances: 'none' },
  { object: 'SQL Statistics', counter: 'SQL Re-Compilations/sec', instances: 'none' },
  { object: 'Databases', counter: 'Transactions/sec', instances: 'databases' },
  { object: 'Databases', counter: 'Log Flushes/sec', instances: 'databases' },
  { object: 'Databases', counter: 'Log Bytes Flushed/sec', instances: 'databases' },
  { object: 'Databases', counter: 'Log Flush Wait Time', instances: 'databases' },
  { object: 'Databases', counter: 'Log Flush Waits/sec', instances: 'databases' },
  { object: 'Buffer Manager', counter: 'Page life expectancy', instances: 'none' },
  { object: 'Buffer Manager', counter: 'Buffer cache hit ratio', instances: 'none' },
  { object: 'Buffer Manager', counter: 'Buffer cache hit ratio base', instances: 'none' },
  { object: 'Buffer Manager', counter: 'Page reads/sec', instances: 'none' },
  { object: 'Buffer Manager', counter: 'Page writes/sec', instances: 'none' },
  { object: 'Buffer Manager', counter: 'Checkpoint pages/sec', instances: 'none' },
  { object: 'Locks', counter: 'Lock Waits/sec', instances: '_Total' },
  { object: 'Locks', counter: 'Lock Wait Time (ms)', instances: '_Total' },
  { object: 'Locks', counter: 'Number of Deadlocks/sec', instances: '_Total' },
  { object: 'Locks', counter: 'Average Wait Time (ms)', instances: '_Total' },
  { object: 'Locks', counter: 'Average Wait Time Base', instances: '_Total' },
  { object: 'General Statistics', counter: 'User Connections', instances: 'none' },
  { object: 'Wait Statistics', counter: 'Log write waits', instances: 'any' },
];

/** `SQLServer:Buffer Manager   ` → `Buffer Manager`; `MSSQL$CHAT:Locks` → `Locks`. */
export function objectName(raw: string): string {
  const trimmed = raw.trimEnd();
  const colon = trimmed.indexOf(':');
  return (colon < 0 ? trimmed : trimmed.slice(colon + 1)).trim();
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function keeps(spec: CounterSpec, row: CounterRow, databases: readonly string[]): boolean {
  if (!same(spec.object, row.object) || !same(spec.counter, row.counter)) return false;
  switch (spec.instances) {
    case 'any':
      return true;
    case 'none':
      return row.instance === '';
    case '_Total':
      return same(row.instance, '_Total');
    case 'databases':
      return databases.some((d) => same(d, row.instance));
  }
}

/** How a counter was read over the window. */
export type CounterReadingKind = 'value' | 'rate' | 'average' | 'ratio';

export interface CounterReading {
  object: string;
  counter: string;
  instance: string;
  kind: CounterReadingKind;
  /** value: now at each end; ratio: value ÷ base at each end; rate and average: null. */
  start: number | null;
  end: number | null;
  /** value: at the end; rate: per second; average: Δvalue ÷ Δbase; ratio: at the end. */
  value: Fact<number>;
}

/** `Buffer cache hit ratio base` ↔ `Buffer cache hit ratio`; `Average wait time base` ↔ `Average wait time (ms)`. */
function baseKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/\(ms\)/g, '')
    .replace(/\bbase\b/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The base row of an average or fraction: same object, `… base` in the counter or instance name. */
function baseOf(row: CounterRow, rows: readonly CounterRow[]): CounterRow | undefined {
  return rows.find(
    (candidate) =>
      candidate.type === CounterType.base &&
      same(candidate.object, row.object) &&
      baseKey(candidate.counter) === baseKey(row.counter) &&
      baseKey(candidate.instance) === baseKey(row.instance) &&
      (/\bbase\b/i.test(candidate.counter) || /\bbase\b/i.test(candidate.instance)),
  );
}

function key(row: CounterRow): string {
  return `${row.object.toLowerCase()}|${row.counter.toLowerCase()}|${row.instance.toLowerCase()}`;
}

/** What changed between two samples; `windowS` is the time between them. */
function readOne(
  start: CounterRow,
  end: CounterRow,
  startRows: readonly CounterRow[],
  endRows: readonly CounterRow[],
  windowS: number,
): CounterReading | null {
  const name = { object: end.object, counter: end.counter, instance: end.instance };
  const delta = end.value - start.value;
  const reset = `${end.counter} went backwards (${start.value} → ${end.value}): the counters were reset or the server restarted between the samples; discarded`;
  switch (end.type) {
    case CounterType.rawValue:
      return {
        ...name,
        kind: 'value',
        start: start.value,
        end: end.value,
        value: known(end.value),
      };
    case CounterType.bulkCount:
      return {
        ...name,
        kind: 'rate',
        start: null,
        end: null,
        value:
          delta < 0
            ? unknown(reset)
            : windowS > 0
              ? known(delta / windowS)
              : unknown('the window has no length'),
      };
    case CounterType.averageBulk: {
      const b0 = baseOf(start, startRows);
      const b1 = baseOf(end, endRows);
      if (b0 === undefined || b1 === undefined) {
        return {
          ...name,
          kind: 'average',
          start: null,
          end: null,
          value: unknown(`no base row for ${end.counter} ${end.instance}`.trim()),
        };
      }
      const events = b1.value - b0.value;
      const value =
        delta < 0 || events < 0
          ? unknown(reset)
          : events === 0
            ? unknown('no events in the window')
            : known(delta / events);
      return { ...name, kind: 'average', start: null, end: null, value };
    }
    case CounterType.rawFraction: {
      const ratio = (row: CounterRow, rows: readonly CounterRow[]): number | null => {
        const base = baseOf(row, rows);
        return base === undefined || base.value === 0 ? null : row.value / base.value;
      };
      const r0 = ratio(start, startRows);
      const r1 = ratio(end, endRows);
      return {
        ...name,
        kind: 'ratio',
        start: r0,
        end: r1,
        value: r1 === null ? unknown(`no base row (or a zero base) for ${end.counter}`) : known(r1),
      };
    }
    default:
      return null;
  }
}

/**
 * Readings of the sampled counters (those {@link COUNTERS} names, on the store databases for the
 * per-database ones), from the rows of two samples `windowS` seconds apart. Base rows are used,
 * not reported.
 */
export function readCounters(
  startRows: readonly CounterRow[],
  endRows: readonly CounterRow[],
  windowS: number,
  databases: readonly string[],
): CounterReading[] {
  const before = new Map(startRows.map((row) => [key(row), row]));
  const readings: CounterReading[] = [];
  for (const end of endRows) {
    if (end.type === CounterType.base) continue;
    if (!COUNTERS.some((spec) => keeps(spec, end, databases))) continue;
    const start = before.get(key(end));
    if (start === undefined) {
      readings.push({
        object: end.object,
        counter: end.counter,
        instance: end.instance,
        kind: end.type === CounterType.rawValue ? 'value' : 'rate',
        start: null,
        end: end.value,
        value: unknown('the counter was not there at the start of the window'),
      });
      continue;
    }
    const reading = readOne(start, end, startRows, endRows, windowS);
    if (reading !== null) readings.push(reading);
  }
  return readings;
}

/** The reading of one counter (instance '' unless named), or undefined when not sampled. */
export function findCounter(
  readings: readonly CounterReading[],
  object: string,
  counter: string,
  instance = '',
): CounterReading | undefined {
  return readings.find(
    (r) => same(r.object, object) && same(r.counter, counter) && same(r.instance, instance),
  );
}
