/**
 * Memory of the full documented population's state (issue 2 §6, goal <= 100 MB): the world
 * (150,000 users, 33,077 rooms, all memberships, roles, groups, the content corpus) plus the
 * generator's per-user state (online set, dialogs, CSeqs, joined rooms) with 80,000 online. Measured in a child process started
 * with --expose-gc so that nothing else in the benchmark run shares its heap: forced GCs before
 * and after the build, then the growth of heapUsed + external (external includes the typed
 * arrays' ArrayBuffers, reported separately as arrayBuffers).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { lync2013 } from '../src/model/lync2013.js';
import { TransactionGenerator } from '../src/workload/generator.js';
import { buildWorld } from '../src/workload/world.js';

const GOAL_MB = 100;
const CHILD_FLAG = '--measure-world-memory';
const thisFile = fileURLToPath(import.meta.url);

async function settle(): Promise<NodeJS.MemoryUsage> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with --expose-gc');
  // ArrayBuffers are released after the GC that finds them dead; a few rounds with a turn of
  // the event loop in between let the external memory settle.
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage();
}

async function measure(): Promise<Record<string, number>> {
  const before = await settle();
  const start = performance.now();
  const world = buildWorld(lync2013, { seed: 2013 });
  const buildMs = performance.now() - start;
  const afterWorld = await settle();
  const generator = new TransactionGenerator(world, lync2013, { seed: 2013 });
  const after = await settle();
  const mb = (bytes: number): number => Number((bytes / 1e6).toFixed(1));
  const heap = after.heapUsed - before.heapUsed;
  const external = after.external - before.external;
  const worldOnly = afterWorld.heapUsed + afterWorld.external - before.heapUsed - before.external;
  return {
    'worldMemory.totalMb': mb(heap + external),
    'worldMemory.worldOnlyMb': mb(worldOnly),
    'worldMemory.heapMb': mb(heap),
    'worldMemory.externalMb': mb(external),
    'worldMemory.arrayBuffersMb': mb(after.arrayBuffers - before.arrayBuffers),
    'worldMemory.buildMs': Math.round(buildMs),
    'worldMemory.users': world.users,
    'worldMemory.rooms': world.rooms,
    'worldMemory.memberships': world.userRooms.items.length,
    'worldMemory.onlineUsers': generator.onlineUsers,
  };
}

export async function run(): Promise<Record<string, number | string>> {
  const child = spawnSync(process.execPath, ['--expose-gc', thisFile, CHILD_FLAG], {
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`world-memory child failed: ${child.stderr}`);
  const figures = JSON.parse(child.stdout) as Record<string, number>;
  return {
    ...figures,
    'worldMemory.goalMb': GOAL_MB,
    'worldMemory.goalMet': (figures['worldMemory.totalMb'] as number) <= GOAL_MB ? 'yes' : 'no',
    'worldMemory.method':
      'child process with --expose-gc: growth of heapUsed + external over buildWorld(lync2013) + its TransactionGenerator',
  };
}

if (process.argv[1] === thisFile && process.argv.includes(CHILD_FLAG)) {
  process.stdout.write(JSON.stringify(await measure()));
}
