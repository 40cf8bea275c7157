/**
 * The SQLite rules, in order (the first that fires names the bottleneck, the others are listed
 * as "also"): the single write lock (busy/locked failures and retries), the commit flush (device
 * write or flush latency, device busy), the worker threads SQLite runs in, and checkpoints that
 * fall behind (the WAL grows with no restart).
 */
import {
  bottleneck,
  describeBottleneck,
  fixed,
  RULES_OF_THUMB,
  type Bottleneck,
} from '../bottleneck.js';
import { isKnown, ms, percent } from '../fact.js';
import type { GeneratorDeltas } from '../generator.js';
import type { SqliteDeltas } from './sampler.js';

export function sqliteVerdict(d: SqliteDeltas, generator: GeneratorDeltas | null): Bottleneck {
  const t = RULES_OF_THUMB;
  const fired: Bottleneck[] = [];
  const commits = `${fixed(d.commits.perS)} commits/s`;
  if (
    d.busy.failures > 0 ||
    (d.busy.shareOfWrites !== null && d.busy.shareOfWrites >= t.sqliteBusyShare)
  ) {
    fired.push(
      bottleneck('sqlite write lock', 'write lock contention (SQLite has one writer at a time)', [
        `${d.busy.failures} busy/locked failures and ${d.busy.retries} retries` +
          (d.busy.shareOfWrites === null
            ? ''
            : ` (${percent(d.busy.shareOfWrites)} of write transactions)`),
        commits,
      ]),
    );
  }
  if (isKnown(d.device)) {
    const dev = d.device.value;
    const latency = Math.max(dev.avgWriteMs ?? 0, dev.avgFlushMs ?? 0);
    if (latency > t.deviceWriteMs || dev.busy >= t.deviceBusy) {
      fired.push(
        bottleneck('sqlite commit flush', 'commit flush bound (the disk)', [
          commits,
          `${dev.device} write latency ${ms(latency)}`,
          `device busy ${percent(dev.busy)}`,
        ]),
      );
    }
  }
  const busiest = generator?.workers.reduce((a, w) => Math.max(a, w.utilisation), 0) ?? 0;
  if (busiest >= t.workerUtilisation) {
    fired.push(
      bottleneck('sqlite worker CPU', 'CPU in the worker threads (SQLite runs inside them)', [
        `busiest worker ${percent(busiest)} busy`,
        commits,
      ]),
    );
  }
  if (isKnown(d.wal)) {
    const wal = d.wal.value;
    const growth = wal.endBytes - wal.startBytes;
    if (growth > 0 && wal.restarts === 0) {
      fired.push(
        bottleneck('sqlite checkpoints', 'checkpoints fall behind', [
          `WAL grew by ${(growth / 1048576).toFixed(1)} MB with no restart`,
          ...(wal.pendingFramesEnd === null
            ? []
            : [`${wal.pendingFramesEnd} frames wait for a checkpoint`]),
        ]),
      );
    }
  }
  const [first, ...rest] = fired;
  if (first === undefined) {
    return bottleneck('no server limit', 'no SQLite limit observed', [
      commits,
      `${d.busy.failures + d.busy.retries} busy waits`,
      ...(isKnown(d.device)
        ? [`device busy ${percent(d.device.value.busy)}`]
        : [`device: ${d.device.unknown}`]),
    ]);
  }
  return { ...first, also: rest.map(describeBottleneck) };
}
