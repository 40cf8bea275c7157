import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isKnown } from '../../src/evidence/fact.js';
import { fileDeltas, fileKind, group, type FileRow } from '../../src/evidence/mssql/files.js';
import { fileRow } from '../../src/evidence/mssql/rows.js';

function file(
  fileId: number,
  type: string | null,
  reads: number,
  readStall: number,
  writes: number,
  writeStall: number,
): FileRow {
  return fileRow('mgc_test', {
    file_id: fileId,
    type_desc: type,
    file_name: type === null ? null : `f${fileId}`,
    num_of_reads: String(reads),
    num_of_bytes_read: String(reads * 8192),
    io_stall_read_ms: String(readStall),
    num_of_writes: String(writes),
    num_of_bytes_written: String(writes * 4096),
    io_stall_write_ms: String(writeStall),
    size_on_disk_bytes: '1048576',
  });
}

describe('file I/O deltas', () => {
  it('separates data from log, with the average stall per read and per write', () => {
    const start = [
      file(1, 'ROWS', 100, 1000, 50, 500),
      file(3, 'ROWS', 0, 0, 0, 0),
      file(2, 'LOG', 0, 0, 1000, 2000),
    ];
    const end = [
      file(1, 'ROWS', 300, 5000, 50, 500),
      file(3, 'ROWS', 100, 800, 0, 0),
      file(2, 'LOG', 0, 0, 7000, 62000),
    ];
    const d = fileDeltas('mgc_test', start, end, 60);
    assert.ok(isKnown(d));
    const data = group(d.value, 'data');
    const log = group(d.value, 'log');
    assert.deepEqual(
      [data?.files, data?.reads, data?.avgReadStallMs, data?.avgWriteStallMs],
      [2, 300, 16, null],
    );
    assert.deepEqual([log?.writes, log?.writesPerS, log?.avgWriteStallMs], [6000, 100, 10]);
    assert.equal(log?.bytesWrittenPerS, (6000 * 4096) / 60);
  });

  it('knows ROWS and LOG, and says unknown when sys.master_files hid the type', () => {
    assert.deepEqual(
      [fileKind('ROWS'), fileKind('LOG  '), fileKind('FILESTREAM'), fileKind(null)],
      ['data', 'log', 'other', 'unknown'],
    );
  });

  it('is unknown, with the reason, when the database name does not resolve', () => {
    const d = fileDeltas('nope', [], [], 60);
    assert.ok(!isKnown(d));
    assert.match(d.unknown, /DB_ID\(N'nope'\) is NULL/);
  });

  it('discards counters that went backwards (database restarted)', () => {
    const d = fileDeltas(
      'mgc_test',
      [file(2, 'LOG', 0, 0, 7000, 9000)],
      [file(2, 'LOG', 0, 0, 10, 9)],
      60,
    );
    assert.ok(!isKnown(d));
    assert.match(d.unknown, /went backwards/);
  });
});
