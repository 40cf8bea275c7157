/**
 * Provisioning the FULL documented population (lync2013 as published: 150,000 users with
 * 100-200 affiliations each, 33,077 rooms) into a fresh embedded SQLite file, through the same
 * SqliteTarget.provision the CLI uses (issue 3 §7, goal <= 2 minutes). No history: that is
 * history-seed.ts. Reports rows per table, the time, the file size, and the largest -wal and
 * -journal files seen during the load (sampled at every commit): the load is meant to run with
 * the journal off, so both should stay at 0.
 */
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { lync2013 } from '../src/model/lync2013.js';
import { actionRates } from '../src/model/rates.js';
import { SqliteTarget } from '../src/targets/sqlite/target.js';
import { buildWorld } from '../src/workload/world.js';

const GOAL_S = 120;

export async function run(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'chatload-bench-provision-'));
  const path = join(dir, 'mgc.db');
  try {
    const worldStart = performance.now();
    const world = buildWorld(lync2013, { seed: 2013 });
    const worldS = (performance.now() - worldStart) / 1000;
    const target = new SqliteTarget({ path, synchronous: 'full' });
    await target.open({
      layout: world.layout,
      naming: world.naming,
      runClock: () => performance.now(),
      unixNow: Date.now,
      compliance: null,
    });
    const peak = { wal: 0, journal: 0 };
    const sizeOf = (file: string) => statSync(file, { throwIfNoEntry: false })?.size ?? 0;
    const start = performance.now();
    const report = await target.provision(world, {
      stores: { mgc: true, mgccomp: true },
      historyDays: 0,
      force: false,
      historyEndMs: Date.now(),
      historyRatesPerS: actionRates(lync2013).post,
      workdayHours: lync2013.rates.workdayHours,
      progress: () => {
        peak.wal = Math.max(peak.wal, sizeOf(`${path}-wal`));
        peak.journal = Math.max(peak.journal, sizeOf(`${path}-journal`));
      },
    });
    const seconds = (performance.now() - start) / 1000;
    await target.close();
    // What is still only in the page cache, written to disk: provisioning that leaves its data
    // unflushed is not done, and the OS would write it back during the first run's measurement.
    const flushStart = performance.now();
    const fd = openSync(path, 'r+');
    fsyncSync(fd);
    closeSync(fd);
    const flushS = (performance.now() - flushStart) / 1000;
    const rows = Object.values(report.tables).reduce((sum, n) => sum + n, 0);
    const perTable = Object.fromEntries(
      Object.entries(report.tables)
        .filter(([, n]) => n > 0)
        .map(([table, n]) => [`provision.rows.${table}`, n]),
    );
    return {
      'provision.seconds': Number(seconds.toFixed(1)),
      'provision.flushAfterSeconds': Number(flushS.toFixed(1)),
      'provision.secondsToDisk': Number((seconds + flushS).toFixed(1)),
      'provision.worldBuildSeconds': Number(worldS.toFixed(1)),
      'provision.rowsTotal': rows,
      'provision.rowsPerS': Math.round(rows / seconds),
      'provision.fileMb': Math.round(statSync(path).size / 1e6),
      'provision.walPeakMb': Number((peak.wal / 1e6).toFixed(1)),
      'provision.journalPeakMb': Number((peak.journal / 1e6).toFixed(1)),
      ...perTable,
      'provision.goalSeconds': GOAL_S,
      'provision.goalMet': seconds <= GOAL_S ? 'yes' : 'no',
      'provision.method':
        'SqliteTarget.provision of buildWorld(lync2013, seed 2013) into a fresh file, no history, then an fsync of the file (secondsToDisk = both); world build timed separately',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await run(), null, 2));
}
