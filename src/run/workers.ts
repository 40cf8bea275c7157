/**
 * How many worker threads a run may start, and waiting for them to be ready.
 *
 * A worker is a thread with its own JavaScript heap, its own copy of the world's naming and its
 * own connections. Threads beyond the cores only share them (SQLite's synchronous driver gains
 * nothing; a network driver's concurrency comes from its connections, not from threads), and
 * starting many takes long: a few beyond the cores earn a warning, far beyond are refused.
 */
import { InputError } from '../core/errors.js';
import type { PoolReadiness, WorkerPool } from '../pool/pool.js';

/** More workers than this many per core are refused. */
export const MAX_WORKERS_PER_CORE = 4;

/**
 * Refuses a worker count far above the cores (throws an InputError naming `where`); returns a
 * warning when it is above them, else null.
 */
export function checkWorkerCount(workers: number, cores: number, where: string): string | null {
  const limit = MAX_WORKERS_PER_CORE * cores;
  if (workers > limit) {
    throw new InputError(
      where,
      `${workers} workers is far more than this machine's ${cores} core(s) (at most ${limit}, ` +
        `${MAX_WORKERS_PER_CORE} per core): each worker is a thread with its own heap and ` +
        'connections, starting them takes longer than short runs last, and beyond the cores they ' +
        'only share the same CPUs',
      {
        hint:
          `Use --workers ${cores} (one per core). Against SQL Server, concurrency comes from ` +
          '--connections, not from threads.',
      },
    );
  }
  if (workers <= cores) return null;
  return (
    `${workers} workers on ${cores} core(s): the workers share the cores with each other and with ` +
    'the main thread, so throughput will not grow with them (against SQL Server, --connections ' +
    'adds concurrency without threads)'
  );
}

/**
 * Waits until every worker has opened its target (or one failed), or `stopped()` turns true
 * (Ctrl-C while connecting): then resolves null.
 */
export async function awaitWorkers(
  pool: WorkerPool,
  stopped: () => boolean,
): Promise<PoolReadiness | null> {
  const readiness = pool.readiness();
  for (;;) {
    const settled = await Promise.race([
      readiness,
      new Promise<null>((resolve) => setTimeout(resolve, 50, null)),
    ]);
    if (settled !== null) return settled;
    if (stopped()) return null;
  }
}
