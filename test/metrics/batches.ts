/** Builds TxBatch / BatchOutcome pairs from readable rows, for the metrics tests. */
import { TargetErrorKind } from '../../src/core/errors.js';
import { type TxBatch, type BatchOutcome } from '../../src/workload/types.js';
import {
  Method,
  type MethodName,
  NO_ROOM_CLASS,
  Op,
  type OpName,
  type RoomClass,
  roomClassCode,
} from '../../src/core/vocabulary.js';

export interface Row {
  op: OpName;
  method: MethodName;
  roomClass: RoomClass | null;
  /** NaN: follows the previous row. */
  intendedAt: number;
  startedAt: number;
  endedAt: number;
  errorKind?: TargetErrorKind;
  errorMessage?: string;
}

export function batchOf(rows: readonly Row[]): { batch: TxBatch; outcome: BatchOutcome } {
  const n = rows.length;
  const batch: TxBatch = {
    count: n,
    op: Uint8Array.from(rows, (row) => Op[row.op]),
    method: Uint8Array.from(rows, (row) => Method[row.method]),
    command: new Uint8Array(n),
    roomClass: Uint8Array.from(rows, (row) =>
      row.roomClass === null ? NO_ROOM_CLASS : roomClassCode(row.roomClass),
    ),
    user: new Int32Array(n),
    room: new Int32Array(n),
    dialog: new Int32Array(n),
    cseq: new Int32Array(n),
    intendedAt: Float64Array.from(rows, (row) => row.intendedAt),
    arg0: new Int32Array(n),
    arg1: new Int32Array(n),
    listStart: new Int32Array(n),
    listLength: new Int32Array(n),
    list: new Int32Array(0),
    listUsed: 0,
  };
  const errorSamples: BatchOutcome['errorSamples'] = [];
  rows.forEach((row, index) => {
    const kind = row.errorKind ?? TargetErrorKind.none;
    if (kind !== TargetErrorKind.none && !errorSamples.some((sample) => sample.kind === kind)) {
      errorSamples.push({ index, kind, message: row.errorMessage ?? `error ${kind}` });
    }
  });
  const outcome: BatchOutcome = {
    startedAt: Float64Array.from(rows, (row) => row.startedAt),
    endedAt: Float64Array.from(rows, (row) => row.endedAt),
    errorKind: Uint8Array.from(rows, (row) => row.errorKind ?? TargetErrorKind.none),
    rows: new Int32Array(n),
    errorSamples,
    retries: 0,
  };
  return { batch, outcome };
}

/** A simple successful row: intended at `at`, started `queueMs` later, served in `serviceMs`. */
export function row(
  op: OpName,
  roomClass: RoomClass | null,
  at: number,
  queueMs: number,
  serviceMs: number,
  method: MethodName = 'INFO',
): Row {
  return {
    op,
    method,
    roomClass,
    intendedAt: at,
    startedAt: at + queueMs,
    endedAt: at + queueMs + serviceMs,
  };
}
