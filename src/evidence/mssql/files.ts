/**
 * sys.dm_io_virtual_file_stats (joined to sys.master_files for the file's type) between two
 * samples: reads, writes and average stall per database, data files apart from the log.
 * Average stall = Δio_stall_*_ms ÷ Δnum_of_* over the window.
 */
import { known, unknown, type Fact } from '../fact.js';

/** `ROWS` = data, `LOG`; null when sys.master_files hid the row (no VIEW ANY DEFINITION). */
export type FileKind = 'data' | 'log' | 'other' | 'unknown';

export interface FileRow {
  database: string;
  fileId: number;
  fileName: string | null;
  kind: FileKind;
  reads: number;
  bytesRead: number;
  readStallMs: number;
  writes: number;
  bytesWritten: number;
  writeStallMs: number;
  sizeBytes: number;
}

export function fileKind(typeDesc: string | null): FileKind {
  if (typeDesc === null) return 'unknown';
  const t = typeDesc.trim().toUpperCase();
  return t === 'ROWS' ? 'data' : t === 'LOG' ? 'log' : 'other';
}

export interface FileGroupDelta {
  kind: FileKind;
  files: number;
  reads: number;
  writes: number;
  readsPerS: number;
  writesPerS: number;
  bytesReadPerS: number;
  bytesWrittenPerS: number;
  /** Average stall per read in the window; null without reads. */
  avgReadStallMs: number | null;
  avgWriteStallMs: number | null;
  /** Growth of the files on disk over the window. */
  growthBytes: number;
}

export interface DatabaseFileDeltas {
  database: string;
  /** One entry per kind of file present (data, log, and others when any). */
  groups: FileGroupDelta[];
}

function groupDelta(
  kind: FileKind,
  pairs: readonly [FileRow, FileRow][],
  windowS: number,
): FileGroupDelta {
  let reads = 0;
  let writes = 0;
  let bytesRead = 0;
  let bytesWritten = 0;
  let readStall = 0;
  let writeStall = 0;
  let growth = 0;
  for (const [a, b] of pairs) {
    reads += b.reads - a.reads;
    writes += b.writes - a.writes;
    bytesRead += b.bytesRead - a.bytesRead;
    bytesWritten += b.bytesWritten - a.bytesWritten;
    readStall += b.readStallMs - a.readStallMs;
    writeStall += b.writeStallMs - a.writeStallMs;
    growth += b.sizeBytes - a.sizeBytes;
  }
  const perS = (n: number): number => (windowS > 0 ? n / windowS : 0);
  return {
    kind,
    files: pairs.length,
    reads,
    writes,
    readsPerS: perS(reads),
    writesPerS: perS(writes),
    bytesReadPerS: perS(bytesRead),
    bytesWrittenPerS: perS(bytesWritten),
    avgReadStallMs: reads > 0 ? readStall / reads : null,
    avgWriteStallMs: writes > 0 ? writeStall / writes : null,
    growthBytes: growth,
  };
}

const COUNTED: readonly (keyof FileRow)[] = [
  'reads',
  'bytesRead',
  'readStallMs',
  'writes',
  'bytesWritten',
  'writeStallMs',
];

/**
 * One database's file deltas between two samples. A file whose counters went backwards (the
 * database was taken offline, detached or the server restarted) makes the delta unknown.
 */
export function fileDeltas(
  database: string,
  start: readonly FileRow[],
  end: readonly FileRow[],
  windowS: number,
): Fact<DatabaseFileDeltas> {
  if (end.length === 0) {
    return unknown(
      `no files for database "${database}": DB_ID(N'${database}') is NULL (no such database, or the login cannot see it)`,
    );
  }
  const before = new Map(start.map((row) => [row.fileId, row]));
  const pairs: [FileRow, FileRow][] = [];
  for (const row of end) {
    const prior = before.get(row.fileId);
    if (prior === undefined) {
      return unknown(
        `file ${row.fileId} of "${database}" appeared during the window; deltas discarded`,
      );
    }
    if (COUNTED.some((field) => (row[field] as number) < (prior[field] as number))) {
      return unknown(
        `file counters of "${database}" went backwards: the database was restarted (offline, detached, or the server restarted) between the samples; discarded`,
      );
    }
    pairs.push([prior, row]);
  }
  const kinds: FileKind[] = ['data', 'log', 'other', 'unknown'];
  const groups = kinds
    .map((kind) => ({ kind, members: pairs.filter(([, b]) => b.kind === kind) }))
    .filter((g) => g.members.length > 0)
    .map((g) => groupDelta(g.kind, g.members, windowS));
  return known({ database, groups });
}

export function group(deltas: DatabaseFileDeltas, kind: FileKind): FileGroupDelta | undefined {
  return deltas.groups.find((g) => g.kind === kind);
}
