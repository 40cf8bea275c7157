/**
 * The dispatcher's in-flight books: an action's slot frees when that action completes (workers
 * report completed actions of running tasks), not when the task that carried it returns; what
 * was not reported frees when the task returns; late and repeated reports change nothing; a
 * closed-model VU is released with its own action. The pool is a controlled fake runner.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TaskResult } from '../../src/pool/protocol.js';
import { Dispatcher, type BatchRunner } from '../../src/run/dispatcher.js';
import { appendRow, createBatch } from '../../src/workload/batch.js';
import type { TxBatch } from '../../src/workload/types.js';
import { Command, Method, NO_ROOM_CLASS, Op } from '../../src/core/vocabulary.js';

/** `actions` single-row post actions by users 0, 1, 2, ... */
function posts(actions: number): TxBatch {
  const batch = createBatch(actions);
  for (let k = 0; k < actions; k++) {
    appendRow(batch, {
      op: Op.post,
      method: Method.INFO,
      command: Command.grpchat,
      roomClass: NO_ROOM_CLASS,
      user: k,
      room: k,
      dialog: k,
      cseq: 1,
      intendedAt: k,
      arg0: 0,
      arg1: 0,
      list: [],
    });
  }
  return batch;
}

/** Tasks stay running until the test returns them. */
class HeldTasks implements BatchRunner {
  readonly tasks: { id: number; rows: number; finish: () => void }[] = [];

  run(task: { id: number; batch: TxBatch; scenario: number }): Promise<TaskResult> {
    return new Promise((resolve) => {
      this.tasks.push({
        id: task.id,
        rows: task.batch.count,
        finish: () =>
          resolve({
            ok: true,
            source: 0,
            completed: task.batch.count,
            failed: 0,
            recordedTotal: 0,
          }),
      });
    });
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Dispatcher', () => {
  it('frees an action’s slot when that action completes, before its task returns', async () => {
    const runner = new HeldTasks();
    const dispatcher = new Dispatcher(runner, { scenarios: 1, maxChunkRows: 512, minChunks: 1 });
    const released: number[] = [];
    dispatcher.submit(posts(4), 0, (first, count) => {
      for (let a = first; a < first + count; a++) released.push(a);
    });
    const [task] = runner.tasks;
    assert.ok(task !== undefined && runner.tasks.length === 1, 'one task carries the 4 actions');
    assert.equal(dispatcher.actionsOf(0), 4);

    // Actions 1 and 3 completed; 0 and 2 (a slow transaction, say) run on.
    dispatcher.completeActions(Int32Array.of(task.id, 1, task.id, 3));
    assert.equal(dispatcher.actionsOf(0), 2);
    assert.equal(dispatcher.inFlightActions, 2);
    assert.deepEqual(released, [1, 3]);
    assert.equal(dispatcher.inFlightRows, 4, 'the task itself is still running');

    // A repeated report, an unknown task and an out-of-range action change nothing.
    dispatcher.completeActions(Int32Array.of(task.id, 1, task.id + 99, 0, task.id, 7));
    assert.equal(dispatcher.actionsOf(0), 2);

    task.finish();
    await settle();
    assert.equal(dispatcher.actionsOf(0), 0);
    assert.deepEqual(
      released.sort((a, b) => a - b),
      [0, 1, 2, 3],
      'each action released exactly once',
    );
    assert.equal(dispatcher.inFlightRows, 0);

    // A report that arrives after its task returned is ignored.
    dispatcher.completeActions(Int32Array.of(task.id, 0));
    assert.equal(dispatcher.actionsOf(0), 0);
    await dispatcher.idle();
  });

  it('numbers the actions of each chunk from the submission, across chunks', async () => {
    const runner = new HeldTasks();
    const dispatcher = new Dispatcher(runner, { scenarios: 2, maxChunkRows: 2, minChunks: 1 });
    const released: number[] = [];
    dispatcher.submit(posts(5), 1, (first, count) => {
      for (let a = first; a < first + count; a++) released.push(a);
    });
    assert.deepEqual(
      runner.tasks.map((t) => t.rows),
      [2, 2, 1],
    );
    const second = runner.tasks[1];
    assert.ok(second !== undefined);
    dispatcher.completeActions(Int32Array.of(second.id, 1));
    assert.deepEqual(released, [3], 'action 1 of the second chunk is the submission’s action 3');
    assert.equal(dispatcher.actionsOf(1), 4);
    assert.equal(dispatcher.actionsOf(0), 0);
    for (const task of runner.tasks) task.finish();
    await dispatcher.idle();
    assert.equal(dispatcher.actionsOf(1), 0);
    assert.deepEqual(
      released.sort((a, b) => a - b),
      [0, 1, 2, 3, 4],
    );
  });
});
