import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  actionEnd,
  appendRow,
  batchBuffers,
  batchCapacity,
  batchesEqual,
  copyRows,
  createBatch,
  ensureBatchCapacity,
  partitionByUser,
  readRow,
  resetBatch,
  sliceBatch,
} from '../../src/workload/batch.js';
import type { TxRow } from '../../src/workload/types.js';

function row(user: number, intendedAt: number, list: number[] = []): TxRow {
  return {
    op: 1,
    method: 1,
    command: 3,
    roomClass: 3,
    user,
    room: -1,
    dialog: user * 10,
    cseq: 1,
    intendedAt,
    arg0: 7,
    arg1: 0,
    list,
  };
}

/** Two actions per user: a first row at time t, then a follower (NaN) carrying a list. */
function sample(users: number): ReturnType<typeof createBatch> {
  const batch = createBatch(2);
  for (let u = 0; u < users; u++) {
    appendRow(batch, row(u, u * 100));
    appendRow(batch, row(u, NaN, [u, u + 1, u + 2]));
  }
  return batch;
}

describe('TxBatch helpers', () => {
  it('grows rows and list on append, keeping what was written', () => {
    const batch = sample(10);
    assert.equal(batch.count, 20);
    assert.ok(batchCapacity(batch) >= 20);
    assert.equal(batch.listUsed, 30);
    const r = readRow(batch, 19);
    assert.equal(r.user, 9);
    assert.ok(Number.isNaN(r.intendedAt));
    assert.deepEqual(Array.from(r.list), [9, 10, 11]);
    assert.equal(readRow(batch, 4).intendedAt, 200);
  });

  it('reset keeps the buffers (no allocation on reuse)', () => {
    const batch = sample(3);
    const buffer = batch.user.buffer;
    resetBatch(batch);
    assert.equal(batch.count, 0);
    assert.equal(batch.listUsed, 0);
    ensureBatchCapacity(batch, 4, 4);
    assert.equal(batch.user.buffer, buffer);
  });

  it('slices rows into a right-sized batch with re-based lists', () => {
    const batch = sample(5);
    const part = sliceBatch(batch, 3, 7);
    assert.equal(part.count, 4);
    assert.deepEqual(Array.from(readRow(part, 0).list), [1, 2, 3]);
    assert.deepEqual(Array.from(readRow(part, 2).list), [2, 3, 4]);
    assert.equal(part.listStart[0], 0);
    assert.equal(readRow(part, 1).user, 2);
  });

  it('compares batches by content, NaN included', () => {
    const a = sample(4);
    const b = createBatch(1);
    copyRows(a, 0, a.count, b);
    assert.ok(batchesEqual(a, b));
    b.arg0[3] = 8;
    assert.ok(!batchesEqual(a, b));
    b.arg0[3] = 7;
    b.list[b.listStart[5] as number] = 99;
    assert.ok(!batchesEqual(a, b));
  });

  it('finds where an action ends: followers carry NaN', () => {
    const batch = sample(3);
    assert.equal(actionEnd(batch, 0), 2);
    assert.equal(actionEnd(batch, 2), 4);
    assert.equal(actionEnd(batch, 4), 6);
  });

  it('partitions by user keeping each action whole and in order', () => {
    const batch = sample(9);
    const parts = partitionByUser(batch, 3);
    assert.equal(parts.length, 3);
    assert.equal(
      parts.reduce((n, p) => n + p.count, 0),
      batch.count,
    );
    parts.forEach((p, k) => {
      for (let i = 0; i < p.count; i++) assert.equal((p.user[i] as number) % 3, k);
      for (let i = 0; i < p.count; i += 2) {
        assert.ok(!Number.isNaN(p.intendedAt[i] as number));
        assert.ok(Number.isNaN(p.intendedAt[i + 1] as number));
        assert.deepEqual(Array.from(readRow(p, i + 1).list), [
          p.user[i],
          (p.user[i] as number) + 1,
          (p.user[i] as number) + 2,
        ]);
      }
    });
    const again = partitionByUser(batch, 3, parts);
    assert.equal(again[0], parts[0], 'reuses the given batches');
    assert.equal(again[0]?.count, parts[0]?.count);
  });

  it('lists the buffers to transfer', () => {
    const batch = createBatch(8);
    const buffers = batchBuffers(batch);
    assert.equal(buffers.length, 14);
    assert.equal(new Set(buffers).size, 14);
    assert.ok(buffers.includes(batch.intendedAt.buffer as ArrayBuffer));
  });
});
