/**
 * SQLite evidence of one window, read from the main thread without touching the database
 * through SQLite (no connection, no lock, no checkpoint): file sizes, the WAL's header and
 * wal-index (wal.ts), and the device under the file (diskstats.ts). What SQLite does not record
 * on disk — busy/locked failures and retries — comes from the run's own error counts.
 */
import { statSync } from 'node:fs';
import { both, isKnown, known, unknown, type Fact } from '../fact.js';
import {
  deviceDeltas,
  deviceOf,
  readDiskCounters,
  type DeviceDeltas,
  type DiskCounters,
  type DiskRoots,
} from './diskstats.js';
import { readWalState, type WalState } from './wal.js';

export interface SqliteSnapshot {
  /** Monotonic ms. */
  atMs: number;
  databaseBytes: Fact<number>;
  wal: Fact<WalState>;
  device: Fact<{ name: string; counters: DiskCounters }>;
}

export interface SqliteSampleOptions {
  now?: () => number;
  roots?: DiskRoots;
}

export function takeSqliteSnapshot(
  path: string,
  options: SqliteSampleOptions = {},
): SqliteSnapshot {
  const now = options.now ?? (() => performance.now());
  let databaseBytes: Fact<number>;
  try {
    databaseBytes = known(statSync(path).size);
  } catch (error) {
    databaseBytes = unknown(`cannot stat ${path}: ${(error as Error).message}`);
  }
  const id = deviceOf(path, options.roots);
  let device: SqliteSnapshot['device'];
  if (isKnown(id)) {
    const counters = readDiskCounters(id.value, options.roots);
    device = isKnown(counters)
      ? known({ name: id.value.name, counters: counters.value })
      : counters;
  } else {
    device = id;
  }
  return { atMs: now(), databaseBytes, wal: readWalState(path), device };
}

/** What the run counted in the window: SQLite keeps no record of these. */
export interface SqliteRunCounts {
  /** Write transactions (posts, compliance writes...) completed in the window. */
  writeTransactions: number;
  /** Transactions that failed with SQLITE_BUSY / SQLITE_LOCKED after the busy timeout. */
  busyFailures: number;
  /** Retries after a busy or locked error. */
  busyRetries: number;
}

export interface SqliteDeltas {
  kind: 'sqlite';
  windowS: number;
  /** Commits per second: from the wal-index (every connection) when readable, else the run's writes. */
  commits: { perS: number; count: number; source: 'wal-index' | 'run' };
  busy: { failures: number; retries: number; perS: number; shareOfWrites: number | null };
  wal: Fact<{
    startBytes: number;
    endBytes: number;
    /** Log restarts after a complete checkpoint; null when a sample found the log empty. */
    restarts: number | null;
    pendingFramesStart: number | null;
    pendingFramesEnd: number | null;
  }>;
  databaseGrowthBytes: Fact<number>;
  device: Fact<DeviceDeltas>;
  notes: string[];
}

function pending(wal: WalState): number | null {
  return isKnown(wal.index) ? wal.index.value.frames - wal.index.value.backfilled : null;
}

/** Counters that wrap at 2^32 (the wal-index's), as the distance travelled. */
function u32Delta(a: number, b: number): number {
  return (b - a + 2 ** 32) % 2 ** 32;
}

export function sqliteDeltas(
  start: SqliteSnapshot,
  end: SqliteSnapshot,
  run: SqliteRunCounts,
): SqliteDeltas {
  const windowS = (end.atMs - start.atMs) / 1000;
  const perS = (n: number): number => (windowS > 0 ? n / windowS : 0);
  const notes: string[] = [];
  let commits: SqliteDeltas['commits'] = {
    perS: perS(run.writeTransactions),
    count: run.writeTransactions,
    source: 'run',
  };
  if (
    isKnown(start.wal) &&
    isKnown(end.wal) &&
    isKnown(start.wal.value.index) &&
    isKnown(end.wal.value.index)
  ) {
    const count = u32Delta(start.wal.value.index.value.commits, end.wal.value.index.value.commits);
    commits = { perS: perS(count), count, source: 'wal-index' };
  } else {
    notes.push('commits counted from the run (the wal-index could not be read)');
  }
  const busyCount = run.busyFailures + run.busyRetries;
  const wal: SqliteDeltas['wal'] = both(start.wal, end.wal, (a, b) =>
    known({
      startBytes: a.bytes,
      endBytes: b.bytes,
      restarts:
        a.checkpointSequence === null || b.checkpointSequence === null
          ? null
          : u32Delta(a.checkpointSequence, b.checkpointSequence),
      pendingFramesStart: pending(a),
      pendingFramesEnd: pending(b),
    }),
  );
  const device = both(start.device, end.device, (a, b) =>
    deviceDeltas(b.name, a.counters, b.counters, windowS),
  );
  if (isKnown(device))
    notes.push(`device ${device.value.device} is shared with everything else on this machine`);
  return {
    kind: 'sqlite',
    windowS,
    commits,
    busy: {
      failures: run.busyFailures,
      retries: run.busyRetries,
      perS: perS(busyCount),
      shareOfWrites: run.writeTransactions > 0 ? busyCount / run.writeTransactions : null,
    },
    wal,
    databaseGrowthBytes: both(start.databaseBytes, end.databaseBytes, (a, b) => known(b - a)),
    device,
    notes,
  };
}
