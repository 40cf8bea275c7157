/**
 * sys.dm_os_wait_stats between two samples: wait time by class, with the waits that say nothing
 * about load (idle and background tasks) left out before any share is computed, and resource
 * wait (wait − signal) apart from signal wait (runnable, waiting for a CPU).
 *
 * The view is instance-wide: other databases' work shows too. Over a window in which chatload is
 * the main load, the deltas are still the best evidence there is; the report says so.
 */
import { known, unknown, type Fact } from '../fact.js';

export interface WaitRow {
  waitType: string;
  tasks: number;
  waitMs: number;
  signalMs: number;
}

/**
 * Waits that mean nothing about load: sleeping background tasks, queues waiting for work, timers.
 * Kept as data (and tested): a wait missing here inflates "other"; a load wait added here would
 * hide a bottleneck. `HADR_*` is not a prefix here: HADR_SYNC_COMMIT is a real commit wait.
 */
export const BENIGN_WAITS: ReadonlySet<string> = new Set([
  'LAZYWRITER_SLEEP',
  'SLEEP_TASK',
  'SQLTRACE_BUFFER_FLUSH',
  'SQLTRACE_INCREMENTAL_FLUSH_SLEEP',
  'SQLTRACE_WAIT_ENTRIES',
  'WAITFOR',
  'WAIT_FOR_RESULTS',
  'XE_TIMER_EVENT',
  'XE_DISPATCHER_WAIT',
  'XE_DISPATCHER_JOIN',
  'REQUEST_FOR_DEADLOCK_SEARCH',
  'LOGMGR_QUEUE',
  'CHECKPOINT_QUEUE',
  'CLR_AUTO_EVENT',
  'CLR_MANUAL_EVENT',
  'CLR_SEMAPHORE',
  'FT_IFTS_SCHEDULER_IDLE_WAIT',
  'FT_IFTSHC_MUTEX',
  'DIRTY_PAGE_POLL',
  'SP_SERVER_DIAGNOSTICS_SLEEP',
  'ONDEMAND_TASK_QUEUE',
  'DISPATCHER_QUEUE_SEMAPHORE',
  'KSOURCE_WAKEUP',
  'RESOURCE_QUEUE',
  'SERVER_IDLE_CHECK',
  'DBMIRROR_EVENTS_QUEUE',
  'DBMIRRORING_CMD',
  'DBMIRROR_WORKER_QUEUE',
  'HADR_FILESTREAM_IOMGR_IOCOMPLETION',
  'HADR_WORK_QUEUE',
  'HADR_TIMER_TASK',
  'HADR_LOGCAPTURE_WAIT',
  'HADR_NOTIFICATION_DEQUEUE',
  'HADR_CLUSAPI_CALL',
]);
export const BENIGN_PREFIXES: readonly string[] = ['SLEEP_', 'BROKER_'];

export function isBenignWait(waitType: string): boolean {
  return BENIGN_WAITS.has(waitType) || BENIGN_PREFIXES.some((p) => waitType.startsWith(p));
}

export const WAIT_CLASSES = [
  'log flush',
  'data reads',
  'locks',
  'page latches',
  'CPU',
  'network and client',
  'memory grants',
  'parallelism',
  'other',
] as const;
export type WaitClass = (typeof WAIT_CLASSES)[number];

/** The class of a (non-benign) wait type (sqlserver-evidence.md, "Classes useful for a chat store"). */
export function waitClass(waitType: string): WaitClass {
  if (waitType === 'WRITELOG' || waitType === 'LOGBUFFER') return 'log flush';
  if (waitType.startsWith('PAGEIOLATCH_')) return 'data reads';
  if (waitType.startsWith('LCK_M_')) return 'locks';
  if (waitType.startsWith('PAGELATCH_')) return 'page latches';
  if (waitType === 'SOS_SCHEDULER_YIELD') return 'CPU';
  if (waitType === 'ASYNC_NETWORK_IO') return 'network and client';
  if (waitType === 'RESOURCE_SEMAPHORE') return 'memory grants';
  if (waitType === 'CXPACKET' || waitType === 'CXCONSUMER') return 'parallelism';
  return 'other';
}

export interface WaitTypeDelta {
  waitType: string;
  waitClass: WaitClass;
  tasks: number;
  waitMs: number;
  signalMs: number;
  /** Share of the window's non-benign wait time. */
  share: number;
}

export interface WaitClassDelta {
  waitClass: WaitClass;
  waitMs: number;
  share: number;
  /** The class's largest wait type (e.g. LCK_M_U among the locks). */
  top: string;
}

export interface WaitDeltas {
  /** Non-benign wait time in the window, resource and signal together. */
  totalMs: number;
  resourceMs: number;
  signalMs: number;
  /** Signal wait ÷ total wait: time spent runnable, waiting for a CPU. */
  signalShare: number;
  /** Non-benign wait per second of window: how many tasks were waiting, on average. */
  waitingTasks: number;
  /** Benign waits left out, for the record. */
  benignMs: number;
  /** Classes with any wait, largest first. */
  classes: WaitClassDelta[];
  /** The largest wait types, largest first (at most 10). */
  top: WaitTypeDelta[];
}

/**
 * The waits of the window between two samples `windowS` seconds apart. A wait type that went
 * backwards means the counters were cleared (`DBCC SQLPERF(... CLEAR)`) or the server restarted
 * between the samples: the whole delta is then unknown, never a negative figure.
 */
export function waitDeltas(
  start: readonly WaitRow[],
  end: readonly WaitRow[],
  windowS: number,
): Fact<WaitDeltas> {
  const backwards = (waitType: string): Fact<WaitDeltas> =>
    unknown(
      `wait statistics went backwards (${waitType}): they were cleared or the server restarted between the samples; the window's waits are discarded`,
    );
  const before = new Map(start.map((row) => [row.waitType, row]));
  const types: WaitTypeDelta[] = [];
  let benignMs = 0;
  for (const row of end) {
    const prior = before.get(row.waitType);
    const waitMs = row.waitMs - (prior?.waitMs ?? 0);
    const signalMs = row.signalMs - (prior?.signalMs ?? 0);
    const tasks = row.tasks - (prior?.tasks ?? 0);
    if (waitMs < 0 || signalMs < 0 || tasks < 0) return backwards(row.waitType);
    if (waitMs === 0) continue;
    if (isBenignWait(row.waitType)) {
      benignMs += waitMs;
      continue;
    }
    types.push({
      waitType: row.waitType,
      waitClass: waitClass(row.waitType),
      tasks,
      waitMs,
      signalMs,
      share: 0,
    });
  }
  const after = new Set(end.map((row) => row.waitType));
  const vanished = start.find((row) => row.waitMs > 0 && !after.has(row.waitType));
  if (vanished !== undefined) return backwards(vanished.waitType);
  const totalMs = types.reduce((sum, t) => sum + t.waitMs, 0);
  const signalMs = types.reduce((sum, t) => sum + t.signalMs, 0);
  for (const t of types) t.share = totalMs === 0 ? 0 : t.waitMs / totalMs;
  types.sort((a, b) => b.waitMs - a.waitMs || a.waitType.localeCompare(b.waitType));
  const classes: WaitClassDelta[] = [];
  for (const waitClassName of WAIT_CLASSES) {
    const members = types.filter((t) => t.waitClass === waitClassName);
    if (members.length === 0) continue;
    const waitMs = members.reduce((sum, t) => sum + t.waitMs, 0);
    classes.push({
      waitClass: waitClassName,
      waitMs,
      share: totalMs === 0 ? 0 : waitMs / totalMs,
      top: (members[0] as WaitTypeDelta).waitType,
    });
  }
  classes.sort((a, b) => b.waitMs - a.waitMs);
  return known({
    totalMs,
    resourceMs: totalMs - signalMs,
    signalMs,
    signalShare: totalMs === 0 ? 0 : signalMs / totalMs,
    waitingTasks: windowS > 0 ? totalMs / 1000 / windowS : 0,
    benignMs,
    classes,
    top: types.slice(0, 10),
  });
}
