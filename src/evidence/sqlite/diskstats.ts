/**
 * The block device under a file and its counters from /proc/diskstats (Linux): the file's
 * st_dev gives major:minor, /sys/dev/block/MAJOR:MINOR names the device (a partition, an LVM or
 * md volume, a whole disk). A file on tmpfs, overlayfs or a network share has no block device
 * (major 0): its device figures are unknown, with that reason.
 *
 * The device is shared with everything else on the machine: its figures are the device's, not
 * the database's alone.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { known, unknown, type Fact } from '../fact.js';

export interface DeviceId {
  major: number;
  minor: number;
  name: string;
}

/** One line of /proc/diskstats (fields from Documentation/admin-guide/iostats.rst). */
export interface DiskCounters {
  reads: number;
  sectorsRead: number;
  readMs: number;
  writes: number;
  sectorsWritten: number;
  writeMs: number;
  /** Milliseconds the device had I/O in flight. */
  ioMs: number;
  /** Flush requests (fsync reaching the device), Linux 5.5 and later; null before. */
  flushes: number | null;
  flushMs: number | null;
}

export interface DiskRoots {
  /** @default '/proc' */
  proc: string;
  /** @default '/sys' */
  sys: string;
}

const DEFAULT_ROOTS: DiskRoots = { proc: '/proc', sys: '/sys' };

/** Linux's dev_t encoding (glibc's major()/minor()). */
export function splitDev(dev: bigint): { major: number; minor: number } {
  const major = ((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn);
  const minor = (dev & 0xffn) | ((dev >> 12n) & ~0xffn);
  return { major: Number(major), minor: Number(minor) };
}

export function deviceOf(path: string, roots: DiskRoots = DEFAULT_ROOTS): Fact<DeviceId> {
  if (process.platform !== 'linux') {
    return unknown(
      `device figures come from /proc/diskstats, which ${process.platform} does not have`,
    );
  }
  let dev: bigint;
  try {
    dev = statSync(path, { bigint: true }).dev;
  } catch (error) {
    return unknown(`cannot stat ${path}: ${(error as Error).message}`);
  }
  const { major, minor } = splitDev(dev);
  if (major === 0) {
    return unknown(
      `${path} is on a filesystem without a block device (tmpfs, overlay or a network share): no device figures`,
    );
  }
  try {
    const name = basename(realpathSync(join(roots.sys, 'dev', 'block', `${major}:${minor}`)));
    return known({ major, minor, name });
  } catch {
    return unknown(
      `device ${major}:${minor} of ${path} is not a local block device (no /sys/dev/block/${major}:${minor})`,
    );
  }
}

export function parseDiskStats(text: string, major: number, minor: number): DiskCounters | null {
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (Number(f[0]) !== major || Number(f[1]) !== minor || f.length < 14) continue;
    const n = (i: number): number => Number(f[i]);
    return {
      reads: n(3),
      sectorsRead: n(5),
      readMs: n(6),
      writes: n(7),
      sectorsWritten: n(9),
      writeMs: n(10),
      ioMs: n(12),
      flushes: f.length >= 20 ? n(18) : null,
      flushMs: f.length >= 20 ? n(19) : null,
    };
  }
  return null;
}

export function readDiskCounters(
  device: DeviceId,
  roots: DiskRoots = DEFAULT_ROOTS,
): Fact<DiskCounters> {
  let text: string;
  try {
    text = readFileSync(join(roots.proc, 'diskstats'), 'utf8');
  } catch (error) {
    return unknown(`cannot read /proc/diskstats: ${(error as Error).message}`);
  }
  const counters = parseDiskStats(text, device.major, device.minor);
  return counters === null
    ? unknown(`device ${device.name} (${device.major}:${device.minor}) is not in /proc/diskstats`)
    : known(counters);
}

export interface DeviceDeltas {
  device: string;
  readsPerS: number;
  writesPerS: number;
  bytesWrittenPerS: number;
  /** Flushes reaching the device per second (each fsync of a commit is one); null before Linux 5.5. */
  flushesPerS: number | null;
  avgReadMs: number | null;
  avgWriteMs: number | null;
  avgFlushMs: number | null;
  /** Share of the window the device had I/O in flight (100 % = always busy). */
  busy: number;
}

const SECTOR_BYTES = 512;

export function deviceDeltas(
  name: string,
  a: DiskCounters,
  b: DiskCounters,
  windowS: number,
): Fact<DeviceDeltas> {
  const d = (k: keyof DiskCounters): number => ((b[k] ?? 0) as number) - ((a[k] ?? 0) as number);
  if (d('reads') < 0 || d('writes') < 0 || d('ioMs') < 0) {
    return unknown(`the counters of ${name} went backwards (the device was reset); discarded`);
  }
  if (windowS <= 0) return unknown('the window has no length');
  const flushes = a.flushes !== null && b.flushes !== null ? d('flushes') : null;
  return known({
    device: name,
    readsPerS: d('reads') / windowS,
    writesPerS: d('writes') / windowS,
    bytesWrittenPerS: (d('sectorsWritten') * SECTOR_BYTES) / windowS,
    flushesPerS: flushes === null ? null : flushes / windowS,
    avgReadMs: d('reads') > 0 ? d('readMs') / d('reads') : null,
    avgWriteMs: d('writes') > 0 ? d('writeMs') / d('writes') : null,
    avgFlushMs: flushes !== null && flushes > 0 ? d('flushMs') / flushes : null,
    busy: Math.min(1, d('ioMs') / (windowS * 1000)),
  });
}
