/**
 * What a WAL-mode SQLite database shows from outside, read without taking a lock or running a
 * statement (so the run is not disturbed; `PRAGMA wal_checkpoint` would itself checkpoint):
 *
 * - the `-wal` file's size: the high-water mark of the log on disk (SQLite reuses the file from
 *   its start after a checkpoint and never shrinks it unless told to), not what is pending;
 * - the WAL header's checkpoint sequence (offset 12, big-endian): incremented each time the log
 *   restarts from its beginning, i.e. after a checkpoint copied every frame back;
 * - the wal-index header in `-shm` (sqlite.org/walformat.html, native byte order, two copies that
 *   agree unless a writer is mid-update): `iChange` counts committed transactions, `mxFrame` the
 *   frames in the log, and the checkpoint info's `nBackfill` the frames already copied back, so
 *   mxFrame − nBackfill frames wait for a checkpoint.
 *
 * `PRAGMA data_version` is not used: it only tells one connection whether others committed.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { endianness } from 'node:os';
import { known, unknown, type Fact } from '../fact.js';

const WAL_MAGIC = [0x377f0682, 0x377f0683];
const WAL_HEADER_BYTES = 32;
const INDEX_HEADER_BYTES = 48;
const INDEX_READ_BYTES = 2 * INDEX_HEADER_BYTES + 4;
const INDEX_VERSION = 3007000;

export interface WalIndex {
  /** Transactions committed since the wal-index was created (wraps at 2^32). */
  commits: number;
  /** Frames in the log since it last restarted. */
  frames: number;
  /** Of those, frames a checkpoint has copied back into the database. */
  backfilled: number;
}

export interface WalState {
  bytes: number;
  /** Null when the log is empty (no header written since it was created or truncated). */
  checkpointSequence: number | null;
  index: Fact<WalIndex>;
}

function readPrefix(path: string, bytes: number): Buffer | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const buffer = Buffer.alloc(bytes);
    const read = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

export function parseWalHeader(header: Buffer): number | null {
  if (header.length < WAL_HEADER_BYTES) return null;
  if (!WAL_MAGIC.includes(header.readUInt32BE(0))) return null;
  return header.readUInt32BE(12);
}

/** The wal-index header, or the reason it cannot be trusted. */
export function parseWalIndex(data: Buffer, littleEndian = endianness() === 'LE'): Fact<WalIndex> {
  if (data.length < INDEX_READ_BYTES) return unknown('the -shm file is shorter than its header');
  const first = data.subarray(0, INDEX_HEADER_BYTES);
  const second = data.subarray(INDEX_HEADER_BYTES, 2 * INDEX_HEADER_BYTES);
  if (!first.equals(second)) return unknown('the wal-index header was being updated');
  const u32 = (offset: number): number =>
    littleEndian ? data.readUInt32LE(offset) : data.readUInt32BE(offset);
  if (u32(0) !== INDEX_VERSION || data[12] !== 1) {
    return unknown('the -shm file does not hold an initialised wal-index');
  }
  return known({ commits: u32(8), frames: u32(16), backfilled: u32(2 * INDEX_HEADER_BYTES) });
}

/** Reads the index, trying again when a writer was updating it (its two copies differed). */
function readWalIndex(shmPath: string): Fact<WalIndex> {
  let last: Fact<WalIndex> = unknown(`no ${shmPath} (the database is not open in WAL mode)`);
  for (let attempt = 0; attempt < 3; attempt++) {
    const data = readPrefix(shmPath, INDEX_READ_BYTES);
    if (data === null) return last;
    last = parseWalIndex(data);
    if ('value' in last) return last;
  }
  return last;
}

export function readWalState(databasePath: string): Fact<WalState> {
  const walPath = `${databasePath}-wal`;
  let bytes: number;
  try {
    bytes = statSync(walPath).size;
  } catch {
    return unknown(`no ${walPath}: the database is not in WAL mode, or no connection has it open`);
  }
  const header = readPrefix(walPath, WAL_HEADER_BYTES);
  return known({
    bytes,
    checkpointSequence: header === null ? null : parseWalHeader(header),
    index: readWalIndex(`${databasePath}-shm`),
  });
}
