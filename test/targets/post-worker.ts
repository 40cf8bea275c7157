/**
 * A worker thread that opens its own connection to the target and posts into a few rooms,
 * interleaved, for the contract's concurrency test. It reports the chatIds it was handed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openTarget } from '../../src/targets/open.js';
import type { ComplianceEvent } from '../../src/targets/types.js';
import { smallWorld, testContext, txBatch, type TxSpec } from './fixtures.js';

export interface PostWorkerInput {
  url: string;
  seed: number;
  user: number;
  rooms: number[];
  postsPerRoom: number;
  /** SQLite: the run's shared write lock (see sqlite/write-lock.ts); absent: the busy timeout. */
  writeLock?: SharedArrayBuffer;
}

export interface PostWorkerResult {
  /** [room, chatId] per post, in posting order. */
  chatIds: [number, number][];
  errors: string[];
}

const input = workerData as PostWorkerInput;
const world = smallWorld(input.seed);
const events: ComplianceEvent[] = [];
const target = openTarget(input.url);
await target.open({
  ...testContext(world, events),
  ...(input.writeLock === undefined ? {} : { writeLock: input.writeLock }),
});
const errors: string[] = [];
for (let k = 0; k < input.postsPerRoom; k++) {
  // One post per room per batch, so the workers' transactions interleave.
  const specs: TxSpec[] = input.rooms.map((room) => ({
    op: 'post',
    command: 'grpchat',
    user: input.user,
    room,
    arg0: k,
  }));
  const outcome = await target.execute(txBatch(specs));
  errors.push(...outcome.errorSamples.map((s) => s.message));
}
await target.close();
const result: PostWorkerResult = { chatIds: events.map((e) => [e.room, Number(e.chatId)]), errors };
parentPort?.postMessage(result);
