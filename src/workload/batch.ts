/**
 * TxBatch helpers: allocate, reset, grow, append, copy and split batches. A batch is reused:
 * `resetBatch` keeps its buffers, and growth doubles them, so steady-state generation allocates
 * nothing. Copies keep the rows of one action together and re-base room lists.
 */
import type { TxBatch, TxRow } from './types.js';

export function createBatch(capacity: number, listCapacity = capacity * 4): TxBatch {
  const rows = Math.max(1, capacity);
  return {
    count: 0,
    op: new Uint8Array(rows),
    method: new Uint8Array(rows),
    command: new Uint8Array(rows),
    roomClass: new Uint8Array(rows),
    user: new Int32Array(rows),
    room: new Int32Array(rows),
    dialog: new Int32Array(rows),
    cseq: new Int32Array(rows),
    intendedAt: new Float64Array(rows),
    arg0: new Int32Array(rows),
    arg1: new Int32Array(rows),
    listStart: new Int32Array(rows),
    listLength: new Int32Array(rows),
    list: new Int32Array(Math.max(1, listCapacity)),
    listUsed: 0,
  };
}

/** Rows the batch holds without growing. */
export function batchCapacity(batch: TxBatch): number {
  return batch.op.length;
}

/** Empties the batch, keeping its buffers. */
export function resetBatch(batch: TxBatch): void {
  batch.count = 0;
  batch.listUsed = 0;
}

function grown<T extends Uint8Array | Int32Array | Float64Array>(array: T, size: number): T {
  const out = new (array.constructor as new (n: number) => T)(size);
  out.set(array);
  return out;
}

/** Makes room for `rows` more rows and `listItems` more list items, doubling buffers as needed. */
export function ensureBatchCapacity(batch: TxBatch, rows: number, listItems = 0): void {
  const needRows = batch.count + rows;
  if (needRows > batch.op.length) {
    const size = Math.max(needRows, batch.op.length * 2);
    batch.op = grown(batch.op, size);
    batch.method = grown(batch.method, size);
    batch.command = grown(batch.command, size);
    batch.roomClass = grown(batch.roomClass, size);
    batch.user = grown(batch.user, size);
    batch.room = grown(batch.room, size);
    batch.dialog = grown(batch.dialog, size);
    batch.cseq = grown(batch.cseq, size);
    batch.intendedAt = grown(batch.intendedAt, size);
    batch.arg0 = grown(batch.arg0, size);
    batch.arg1 = grown(batch.arg1, size);
    batch.listStart = grown(batch.listStart, size);
    batch.listLength = grown(batch.listLength, size);
  }
  const needList = batch.listUsed + listItems;
  if (needList > batch.list.length)
    batch.list = grown(batch.list, Math.max(needList, batch.list.length * 2));
}

/** Appends one row (growing if needed) and returns its index. */
export function appendRow(batch: TxBatch, row: TxRow): number {
  ensureBatchCapacity(batch, 1, row.list.length);
  const i = batch.count++;
  batch.op[i] = row.op;
  batch.method[i] = row.method;
  batch.command[i] = row.command;
  batch.roomClass[i] = row.roomClass;
  batch.user[i] = row.user;
  batch.room[i] = row.room;
  batch.dialog[i] = row.dialog;
  batch.cseq[i] = row.cseq;
  batch.intendedAt[i] = row.intendedAt;
  batch.arg0[i] = row.arg0;
  batch.arg1[i] = row.arg1;
  batch.listStart[i] = batch.listUsed;
  batch.listLength[i] = row.list.length;
  for (let k = 0; k < row.list.length; k++) batch.list[batch.listUsed++] = row.list[k] as number;
  return i;
}

/** Row `i` as an object; its list is a view into the batch. */
export function readRow(batch: TxBatch, i: number): TxRow {
  const listStart = batch.listStart[i] as number;
  return {
    op: batch.op[i] as number,
    method: batch.method[i] as number,
    command: batch.command[i] as number,
    roomClass: batch.roomClass[i] as number,
    user: batch.user[i] as number,
    room: batch.room[i] as number,
    dialog: batch.dialog[i] as number,
    cseq: batch.cseq[i] as number,
    intendedAt: batch.intendedAt[i] as number,
    arg0: batch.arg0[i] as number,
    arg1: batch.arg1[i] as number,
    list: batch.list.subarray(listStart, listStart + (batch.listLength[i] as number)),
  };
}

/** The room list of row `i`, as a view. */
export function rowList(batch: TxBatch, i: number): Int32Array {
  const start = batch.listStart[i] as number;
  return batch.list.subarray(start, start + (batch.listLength[i] as number));
}

/** Appends rows [start, end) of `src` to `dst`, re-basing their room lists. */
export function copyRows(src: TxBatch, start: number, end: number, dst: TxBatch): void {
  let listItems = 0;
  for (let i = start; i < end; i++) listItems += src.listLength[i] as number;
  ensureBatchCapacity(dst, end - start, listItems);
  const at = dst.count;
  const n = end - start;
  dst.op.set(src.op.subarray(start, end), at);
  dst.method.set(src.method.subarray(start, end), at);
  dst.command.set(src.command.subarray(start, end), at);
  dst.roomClass.set(src.roomClass.subarray(start, end), at);
  dst.user.set(src.user.subarray(start, end), at);
  dst.room.set(src.room.subarray(start, end), at);
  dst.dialog.set(src.dialog.subarray(start, end), at);
  dst.cseq.set(src.cseq.subarray(start, end), at);
  dst.intendedAt.set(src.intendedAt.subarray(start, end), at);
  dst.arg0.set(src.arg0.subarray(start, end), at);
  dst.arg1.set(src.arg1.subarray(start, end), at);
  for (let k = 0; k < n; k++) {
    const length = src.listLength[start + k] as number;
    dst.listStart[at + k] = dst.listUsed;
    dst.listLength[at + k] = length;
    if (length > 0) {
      const from = src.listStart[start + k] as number;
      dst.list.set(src.list.subarray(from, from + length), dst.listUsed);
      dst.listUsed += length;
    }
  }
  dst.count += n;
}

/** Rows [start, end) of `src` as a new, right-sized batch. */
export function sliceBatch(src: TxBatch, start: number, end: number): TxBatch {
  let listItems = 0;
  for (let i = start; i < end; i++) listItems += src.listLength[i] as number;
  const out = createBatch(end - start, listItems);
  copyRows(src, start, end, out);
  return out;
}

/**
 * The index after the last row of the action that starts at `i`: rows with a NaN intendedAt
 * follow the action's first row and must stay with it (same worker, same order).
 */
export function actionEnd(batch: TxBatch, i: number): number {
  let end = i + 1;
  while (end < batch.count && Number.isNaN(batch.intendedAt[end] as number)) end++;
  return end;
}

/**
 * Splits a batch into `parts` batches by user (user mod parts), so that each user's dialog stays
 * in order on one worker. `outs` (reset first) are reused when given.
 */
export function partitionByUser(src: TxBatch, parts: number, outs?: TxBatch[]): TxBatch[] {
  const targets =
    outs ?? Array.from({ length: parts }, () => createBatch(Math.ceil(src.count / parts) + 1));
  if (targets.length !== parts)
    throw new RangeError(`partitionByUser: ${targets.length} batches for ${parts} parts`);
  for (const t of targets) resetBatch(t);
  for (let i = 0; i < src.count;) {
    const end = actionEnd(src, i);
    copyRows(src, i, end, targets[(src.user[i] as number) % parts] as TxBatch);
    i = end;
  }
  return targets;
}

/** The buffers of a batch, for a postMessage transfer list (the batch is unusable after). */
export function batchBuffers(batch: TxBatch): ArrayBuffer[] {
  const views = [
    batch.op,
    batch.method,
    batch.command,
    batch.roomClass,
    batch.user,
    batch.room,
    batch.dialog,
    batch.cseq,
    batch.intendedAt,
    batch.arg0,
    batch.arg1,
    batch.listStart,
    batch.listLength,
    batch.list,
  ];
  return views.map((v) => v.buffer as ArrayBuffer);
}

/** True when both batches hold the same rows and lists, byte for byte (NaN equals NaN). */
export function batchesEqual(a: TxBatch, b: TxBatch): boolean {
  if (a.count !== b.count) return false;
  const n = a.count;
  const same = (x: ArrayLike<number>, y: ArrayLike<number>, count: number): boolean => {
    for (let i = 0; i < count; i++) if (!Object.is(x[i], y[i])) return false;
    return true;
  };
  if (
    !same(a.op, b.op, n) ||
    !same(a.method, b.method, n) ||
    !same(a.command, b.command, n) ||
    !same(a.roomClass, b.roomClass, n) ||
    !same(a.user, b.user, n) ||
    !same(a.room, b.room, n) ||
    !same(a.dialog, b.dialog, n) ||
    !same(a.cseq, b.cseq, n) ||
    !same(a.intendedAt, b.intendedAt, n) ||
    !same(a.arg0, b.arg0, n) ||
    !same(a.arg1, b.arg1, n) ||
    !same(a.listLength, b.listLength, n)
  ) {
    return false;
  }
  for (let i = 0; i < n; i++)
    if (!same(rowList(a, i), rowList(b, i), a.listLength[i] as number)) return false;
  return true;
}
