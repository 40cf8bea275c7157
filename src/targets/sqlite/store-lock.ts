/**
 * One provisioning at a time per SQLite store, across processes: a lock file beside the
 * database (`PATH.chatload-lock`), created exclusively, naming the process that holds it.
 *
 * The lock also marks a store that is being changed with the journal off: if its holder died
 * (the process is gone), the store may be half written, and the next chatload to open it knows
 * the file is chatload's and resets it (see target.ts). A holder on another host cannot be
 * checked, so its lock counts as held until someone removes it.
 */
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { ChatloadError, errnoCode, messageOf, TargetError } from '../../core/errors.js';

export interface LockHolder {
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  since: string;
  /** The store file did not exist before this provisioning (a reset may delete it). */
  createdFile: boolean;
}

export function lockPathOf(databasePath: string): string {
  return `${databasePath}.chatload-lock`;
}

function readHolder(path: string): LockHolder | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null;
    throw error;
  }
  try {
    const holder = JSON.parse(text) as Partial<LockHolder>;
    return {
      pid: Number(holder.pid),
      host: String(holder.host),
      since: String(holder.since),
      createdFile: holder.createdFile === true,
    };
  } catch {
    // Written in one call, so a torn file means its writer died while writing: stale.
    return { pid: Number.NaN, host: hostname(), since: 'unknown', createdFile: false };
  }
}

/** Whether the process holding the lock may still be running. */
function holderAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  if (!Number.isSafeInteger(holder.pid) || holder.pid <= 0) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return errnoCode(error) === 'EPERM';
  }
}

function inUse(description: string, lockPath: string, holder: LockHolder): ChatloadError {
  const here = holder.host === hostname();
  return new ChatloadError(
    'E_STORE_IN_USE',
    `${description} is being provisioned by another chatload process (pid ${holder.pid}` +
      `${here ? '' : ` on ${holder.host}`}, since ${holder.since}).`,
    {
      hint: here
        ? 'Wait for it to finish, then run again; or use another --target.'
        : `If no chatload runs on ${holder.host} any more, delete ${lockPath} (chatload made it) and run again.`,
    },
  );
}

function removeLockFile(lockPath: string): void {
  try {
    unlinkSync(lockPath);
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw error;
  }
}

export interface StoreLock {
  /** A holder that died while it held the lock: the store may be half written. */
  readonly stale: LockHolder | null;
  release(): void;
}

/** The lock's holder when a live process holds it, else null (no lock, or a stale one). */
function liveHolder(databasePath: string): LockHolder | null {
  const holder = readHolder(lockPathOf(databasePath));
  return holder !== null && holderAlive(holder) ? holder : null;
}

/** Refuses (E_STORE_IN_USE, exit 3) when another process is provisioning the store. */
export function refuseWhileLocked(databasePath: string, description: string): void {
  const holder = liveHolder(databasePath);
  if (holder !== null) throw inUse(description, lockPathOf(databasePath), holder);
}

/**
 * Takes the lock, or refuses when a live process holds it. A stale lock is taken over and
 * reported in `stale`.
 */
export function acquireStoreLock(
  databasePath: string,
  description: string,
  createdFile: boolean,
): StoreLock {
  const lockPath = lockPathOf(databasePath);
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    createdFile,
  };
  let stale: LockHolder | null = null;
  for (;;) {
    try {
      writeFileSync(lockPath, JSON.stringify(holder), { flag: 'wx' });
      break;
    } catch (error) {
      const code = errnoCode(error);
      if (code !== 'EEXIST') {
        const denied = code === 'EACCES' || code === 'EPERM' || code === 'EROFS';
        throw new TargetError(
          denied ? 'permission' : 'unknown',
          `${description}: cannot create the lock file ${lockPath}: ${messageOf(error)}`,
          { cause: error, hint: 'Provisioning needs a writable directory beside the database.' },
        );
      }
    }
    const current = readHolder(lockPath);
    if (current === null) continue;
    if (holderAlive(current)) throw inUse(description, lockPath, current);
    stale = current;
    removeLockFile(lockPath);
  }
  let released = false;
  return {
    stale,
    release() {
      if (released) return;
      released = true;
      removeLockFile(lockPath);
    },
  };
}
