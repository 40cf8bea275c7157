/**
 * The contract's concurrency case: several connections post into the same rooms at once, and
 * every room's chatIds must still come out 1..n without a duplicate or a gap. With a worker URL
 * each connection lives in its own worker thread (real parallelism for synchronous drivers).
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Worker } from 'node:worker_threads';
import type { ComplianceEvent } from '../../src/targets/types.js';
import type { ContractHarness } from './contract-harness.js';
import { txBatch } from './fixtures.js';
import type { PostWorkerInput, PostWorkerResult } from './post-worker.js';

export function concurrencyContract(h: ContractHarness, workerUrl: string | undefined): void {
  const { world, single, open } = h;

  it('hands out chatIds 1..n per room without duplicates or gaps under concurrent posts', async () => {
    const rooms = [0, 1, world.rooms - 1];
    const posters = 4;
    const postsPerRoom = 15;
    const results =
      workerUrl !== undefined
        ? await Promise.all(
            Array.from({ length: posters }, (_, w) =>
              postInWorker({
                url: workerUrl,
                seed: world.seed,
                user: w,
                rooms,
                postsPerRoom,
              }),
            ),
          )
        : await Promise.all(
            Array.from({ length: posters }, async (_, w) => {
              const sink: ComplianceEvent[] = [];
              const t = await open(world, sink);
              const batch = txBatch(
                rooms.flatMap((room) =>
                  Array.from({ length: postsPerRoom }, (_, k) => ({
                    op: 'post' as const,
                    command: 'grpchat' as const,
                    user: w,
                    room,
                    arg0: k,
                  })),
                ),
              );
              const outcome = await t.execute(batch);
              await t.close();
              return {
                chatIds: sink.map((e) => [e.room, Number(e.chatId)] as [number, number]),
                errors: outcome.errorSamples.map((s) => s.message),
              };
            }),
          );
    for (const result of results) assert.deepEqual(result.errors, []);
    for (const room of rooms) {
      const ids = results
        .flatMap((r) => r.chatIds.filter(([rm]) => rm === room).map(([, id]) => id))
        .sort((a, b) => a - b);
      assert.equal(ids.length, posters * postsPerRoom);
      const base = (ids[0] as number) - 1;
      assert.deepEqual(
        ids,
        ids.map((_, k) => base + k + 1),
        `room ${room}: consecutive, no duplicate`,
      );
      const { rows } = await single({
        op: 'history',
        command: 'bccontext',
        user: 0,
        room,
        arg0: 100_000,
      });
      assert.equal(
        rows,
        base + posters * postsPerRoom,
        `room ${room}: every chatId has its message`,
      );
    }
  });
}

export async function postInWorker(input: PostWorkerInput): Promise<PostWorkerResult> {
  const worker = new Worker(new URL('./post-worker.js', import.meta.url), { workerData: input });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: PostWorkerResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`post worker exited with code ${code}`));
    });
  });
}
