/**
 * Metrics figures: what recording costs a worker per transaction, what the once-a-second
 * snapshot costs a worker and the main thread, and why interval histograms use int32 counts
 * rather than hdr-histogram-js's packed storage (same operations, both storages, same run).
 */
import { Random } from '../src/core/random.js';
import { Aggregate } from '../src/metrics/aggregate.js';
import {
  createHistogram,
  decodeHistogram,
  encodeHistogram,
  mergeHistogram,
  recordMs,
  type HdrStorage,
} from '../src/metrics/hdr.js';
import { Recorder, type RecorderSnapshot } from '../src/metrics/recorder.js';
import { type TxBatch, type BatchOutcome } from '../src/workload/types.js';
import { Method, NO_ROOM_CLASS, OPS, Op } from '../src/core/vocabulary.js';

const BATCH_ROWS = 512;

/** A batch whose rows spread over every op × room class (40 cells), latencies lognormal-ish. */
function syntheticBatch(random: Random, t: number): { batch: TxBatch; outcome: BatchOutcome } {
  const n = BATCH_ROWS;
  const intendedAt = new Float64Array(n);
  const startedAt = new Float64Array(n);
  const endedAt = new Float64Array(n);
  const op = new Uint8Array(n);
  const roomClass = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    op[i] = random.int(Op.compliance);
    roomClass[i] = random.int(NO_ROOM_CLASS + 1);
    intendedAt[i] = t * 1000 + random.next() * 1000;
    startedAt[i] = (intendedAt[i] as number) + random.exponential(2);
    endedAt[i] =
      (startedAt[i] as number) + 0.2 + random.exponential(5) * (random.next() < 0.01 ? 50 : 1);
  }
  const zeros = new Int32Array(n);
  return {
    batch: {
      count: n,
      op,
      method: new Uint8Array(n).fill(Method.INFO),
      command: new Uint8Array(n),
      roomClass,
      user: zeros,
      room: zeros,
      dialog: zeros,
      cseq: zeros,
      intendedAt,
      arg0: zeros,
      arg1: zeros,
      listStart: zeros,
      listLength: zeros,
      list: zeros,
      listUsed: 0,
    },
    outcome: {
      startedAt,
      endedAt,
      errorKind: new Uint8Array(n),
      rows: zeros,
      errorSamples: [],
      retries: 0,
    },
  };
}

function storageFigures(storage: HdrStorage, values: Float64Array): Record<string, number> {
  const histogram = createHistogram(storage);
  let start = performance.now();
  for (const value of values) recordMs(histogram, value);
  const recordNs = ((performance.now() - start) * 1e6) / values.length;
  start = performance.now();
  let encoded = '';
  for (let i = 0; i < 20; i++) encoded = encodeHistogram(histogram);
  const encodeMs = (performance.now() - start) / 20;
  start = performance.now();
  for (let i = 0; i < 20; i++)
    mergeHistogram(createHistogram(storage), decodeHistogram(encoded, storage));
  const decodeMergeMs = (performance.now() - start) / 20;
  return {
    [`${storage}_record_ns`]: Math.round(recordNs),
    [`${storage}_encode_ms`]: Number(encodeMs.toFixed(3)),
    [`${storage}_decode_merge_ms`]: Number(decodeMergeMs.toFixed(3)),
    [`${storage}_footprint_kb`]: Math.round(histogram.estimatedFootprintInBytes / 1024),
  };
}

export async function run(): Promise<Record<string, number | string>> {
  const random = new Random(2013);
  const batches = Array.from({ length: 40 }, (_, i) => syntheticBatch(random, i));

  // Worker side: recording throughput over 2,000,000 transactions (40 cells, int32 counts).
  const recorder = new Recorder(0);
  const rounds = 100;
  let start = performance.now();
  for (let round = 0; round < rounds; round++) {
    for (const { batch, outcome } of batches) recorder.record(batch, outcome, 0);
  }
  const recordS = (performance.now() - start) / 1000;
  const recorded = rounds * batches.length * BATCH_ROWS;

  // One second's snapshot: encode in the worker, then decode and merge on the main thread.
  const snapshots: RecorderSnapshot[] = [];
  let snapshotTotalMs = 0;
  for (let t = 1; t <= 10; t++) {
    for (const { batch, outcome } of batches.slice(0, 10)) recorder.record(batch, outcome, 0);
    const before = performance.now();
    snapshots.push(recorder.snapshot(t));
    snapshotTotalMs += performance.now() - before;
  }
  const snapshotMs = snapshotTotalMs / 10;
  const aggregate = new Aggregate({ scenarios: ['steady'], sources: 1 });
  start = performance.now();
  for (const snapshot of snapshots) aggregate.add(snapshot);
  const addMs = (performance.now() - start) / snapshots.length;

  const values = Float64Array.from({ length: 200_000 }, () => 0.2 + random.exponential(5));
  return {
    machine: '2 cores (shared)',
    ops: OPS.length,
    record_tx_per_s: Math.round(recorded / recordS),
    record_ns_per_tx: Math.round((recordS * 1e9) / recorded),
    snapshot_cells: snapshots[0]?.cells.length ?? 0,
    snapshot_encode_ms: Number(snapshotMs.toFixed(2)),
    snapshot_bytes: JSON.stringify(snapshots[0]).length,
    aggregate_add_ms: Number(addMs.toFixed(2)),
    ...storageFigures('int32', values),
    ...storageFigures('float64', values),
    ...storageFigures('packed', values),
  };
}
