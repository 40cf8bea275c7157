/**
 * SQLite evidence on a real WAL database (better-sqlite3): what the sampler reads from the
 * files matches what the test did to the database, and reading never takes a lock.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { isKnown } from '../../src/evidence/fact.js';
import {
  deviceDeltas,
  deviceOf,
  parseDiskStats,
  splitDev,
  type DiskCounters,
} from '../../src/evidence/sqlite/diskstats.js';
import { sqliteDeltas, takeSqliteSnapshot } from '../../src/evidence/sqlite/sampler.js';
import { parseWalIndex, readWalState } from '../../src/evidence/sqlite/wal.js';

const dir = mkdtempSync(join(tmpdir(), 'chatload-evidence-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function walDatabase(name: string): Database.Database {
  const db = new Database(join(dir, name));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (a INTEGER, b TEXT)');
  return db;
}

describe('SQLite WAL evidence (a real database)', () => {
  it('counts the commits made between two samples, from the wal-index', () => {
    const path = join(dir, 'commits.db');
    const db = walDatabase('commits.db');
    let clock = 0;
    const start = takeSqliteSnapshot(path, { now: () => clock });
    const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
    for (let i = 0; i < 37; i++) insert.run(i, 'x');
    db.transaction(() => {
      for (let i = 0; i < 10; i++) insert.run(i, 'y');
    })();
    clock = 2000;
    const end = takeSqliteSnapshot(path, { now: () => clock });
    const d = sqliteDeltas(start, end, { writeTransactions: 999, busyFailures: 0, busyRetries: 0 });
    assert.deepEqual(d.commits, { perS: 19, count: 38, source: 'wal-index' });
    assert.ok(isKnown(d.wal));
    assert.ok(d.wal.value.endBytes > d.wal.value.startBytes, 'the WAL grew');
    assert.equal(d.wal.value.restarts, 0);
    assert.ok((d.wal.value.pendingFramesEnd ?? 0) > (d.wal.value.pendingFramesStart ?? 0));
    db.close();
  });

  it('sees a checkpoint: pending frames go to zero, and the log restarts at the next write', () => {
    const path = join(dir, 'checkpoint.db');
    const db = walDatabase('checkpoint.db');
    const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
    for (let i = 0; i < 20; i++) insert.run(i, 'x'.repeat(500));
    const before = readWalState(path);
    db.pragma('wal_checkpoint(PASSIVE)');
    const checkpointed = readWalState(path);
    insert.run(1, 'after');
    const after = readWalState(path);
    assert.ok(isKnown(before) && isKnown(checkpointed) && isKnown(after));
    assert.ok(isKnown(before.value.index) && isKnown(checkpointed.value.index));
    assert.ok(before.value.index.value.frames > before.value.index.value.backfilled);
    assert.equal(checkpointed.value.index.value.frames, checkpointed.value.index.value.backfilled);
    assert.equal(
      after.value.checkpointSequence,
      (before.value.checkpointSequence as number) + 1,
      'one restart of the log',
    );
    assert.equal(after.value.bytes, before.value.bytes, 'the file keeps its high-water mark');
    db.close();
  });

  it('falls back to the run\u2019s writes and says why when the database is not in WAL mode', () => {
    const path = join(dir, 'rollback.db');
    const db = new Database(path);
    db.exec('CREATE TABLE t (a)');
    const start = takeSqliteSnapshot(path, { now: () => 0 });
    const end = takeSqliteSnapshot(path, { now: () => 10_000 });
    const d = sqliteDeltas(start, end, { writeTransactions: 50, busyFailures: 1, busyRetries: 4 });
    assert.deepEqual(d.commits, { perS: 5, count: 50, source: 'run' });
    assert.deepEqual(d.busy, { failures: 1, retries: 4, perS: 0.5, shareOfWrites: 0.1 });
    assert.ok(!isKnown(d.wal));
    assert.match(d.wal.unknown, /not in WAL mode/);
    assert.ok(d.notes.some((n) => /commits counted from the run/.test(n)));
    db.close();
  });

  it('distrusts a wal-index whose two header copies differ (a writer mid-update)', () => {
    const data = Buffer.alloc(100);
    data.writeUInt32LE(3007000, 0);
    data[12] = 1;
    data.copy(data, 48, 0, 48);
    assert.ok(isKnown(parseWalIndex(data, true)));
    data.writeUInt32LE(5, 16);
    const torn = parseWalIndex(data, true);
    assert.ok(!isKnown(torn));
    assert.match(torn.unknown, /being updated/);
  });
});

describe('the device under the database file', () => {
  const line = (flushes: boolean): string =>
    `   8       0 sda 1000 10 80000 2000 5000 20 400000 25000 0 9000 27000 0 0 0 0${flushes ? ' 300 900' : ''}`;

  it('parses /proc/diskstats, with flush counts when the kernel has them (5.5+)', () => {
    const text = `   7       0 loop0 0 0 0 0 0 0 0 0 0 0 0\n${line(true)}\n`;
    const counters = parseDiskStats(text, 8, 0);
    assert.deepEqual(counters, {
      reads: 1000,
      sectorsRead: 80000,
      readMs: 2000,
      writes: 5000,
      sectorsWritten: 400000,
      writeMs: 25000,
      ioMs: 9000,
      flushes: 300,
      flushMs: 900,
    });
    assert.equal(parseDiskStats(line(false), 8, 0)?.flushes, null);
    assert.equal(parseDiskStats(text, 8, 1), null);
  });

  it('turns two readings into rates, latencies and the busy share', () => {
    const a = parseDiskStats(line(true), 8, 0) as DiskCounters;
    const b: DiskCounters = {
      ...a,
      writes: a.writes + 600,
      writeMs: a.writeMs + 1800,
      ioMs: a.ioMs + 5000,
      flushes: 400,
      flushMs: 1400,
      sectorsWritten: a.sectorsWritten + 9600,
    };
    const d = deviceDeltas('sda', a, b, 10);
    assert.ok(isKnown(d));
    assert.deepEqual(d.value, {
      device: 'sda',
      readsPerS: 0,
      writesPerS: 60,
      bytesWrittenPerS: (9600 * 512) / 10,
      flushesPerS: 10,
      avgReadMs: null,
      avgWriteMs: 3,
      avgFlushMs: 5,
      busy: 0.5,
    });
    assert.ok(!isKnown(deviceDeltas('sda', b, a, 10)));
  });

  it('decodes Linux device numbers (glibc major/minor)', () => {
    assert.deepEqual(splitDev(0xfe00n), { major: 254, minor: 0 });
    assert.deepEqual(splitDev(0x801n), { major: 8, minor: 1 });
    assert.deepEqual(splitDev(0x1030_0000_0000n | 0x1_2345_6789n), splitDevExpected());
  });

  function splitDevExpected(): { major: number; minor: number } {
    const dev = 0x1030_0000_0000n | 0x1_2345_6789n;
    return {
      major: Number(((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn)),
      minor: Number((dev & 0xffn) | ((dev >> 12n) & ~0xffn)),
    };
  }

  it(
    'finds the device through /sys/dev/block and reads its line of /proc/diskstats',
    { skip: process.platform !== 'linux' },
    () => {
      const path = join(dir, 'device.db');
      writeFileSync(path, 'x');
      const { major, minor } = splitDev(statSync(path, { bigint: true }).dev);
      const roots = { proc: join(dir, 'proc'), sys: join(dir, 'sys') };
      mkdirSync(join(roots.sys, 'devices', 'block', 'vdz'), { recursive: true });
      mkdirSync(join(roots.sys, 'dev', 'block'), { recursive: true });
      mkdirSync(roots.proc, { recursive: true });
      writeFileSync(
        join(roots.proc, 'diskstats'),
        `${major} ${minor} vdz 1 0 8 1 2 0 16 4 0 3 5\n`,
      );
      if (major === 0) {
        const id = deviceOf(path, roots);
        assert.ok(!isKnown(id));
        assert.match(id.unknown, /without a block device/);
        return;
      }
      const missing = deviceOf(path, roots);
      assert.ok(!isKnown(missing));
      assert.match(missing.unknown, /not a local block device/);
      symlinkSync(
        join(roots.sys, 'devices', 'block', 'vdz'),
        join(roots.sys, 'dev', 'block', `${major}:${minor}`),
      );
      const snapshot = takeSqliteSnapshot(path, { roots, now: () => 0 });
      assert.ok(isKnown(snapshot.device));
      assert.equal(snapshot.device.value.name, 'vdz');
      assert.equal(snapshot.device.value.counters.writes, 2);
    },
  );
});
