/**
 * Builds realistic results files for tests, fixtures and the benchmark by pushing simulated
 * transactions through the real metrics pipeline (Recorder → Aggregate → buildResults): the
 * histograms, percentiles and per-second series are computed by chatload's own code from
 * recorded samples, never typed in.
 *
 * The simulated database: Poisson arrivals per operation at the model's rates × scale,
 * log-normal latencies, a slow sine "load wave" and a checkpoint stall every minute so that
 * neighbouring seconds are correlated the way real runs are. Deterministic for a seed.
 */
import { TargetErrorKind } from '../src/core/errors.js';
import { Random } from '../src/core/random.js';
import { Aggregate } from '../src/metrics/aggregate.js';
import { buildResults } from '../src/metrics/results-file.js';
import type { ResultsFile, RunStatus } from '../src/metrics/results.js';
import { Recorder } from '../src/metrics/recorder.js';
import { compileThreshold, type ThresholdDefinition } from '../src/metrics/thresholds.js';
import { type TxBatch, type BatchOutcome } from '../src/workload/types.js';
import {
  Command,
  Method,
  type MethodName,
  NO_ROOM_CLASS,
  Op,
  type OpName,
  type RoomClassCode,
} from '../src/core/vocabulary.js';

interface Stream {
  op: OpName;
  method: MethodName;
  /** Per second at 1×. */
  ratePerS: number;
  medianMs: number;
  /** Room class weights (small, medium, large); undefined: touches no single room. */
  classes?: [number, number, number];
  failRate: number;
}

/** Rates loosely follow the lync2013 model at 1× (80,000 users); latencies are plausible. */
export const STREAMS: readonly Stream[] = [
  { op: 'signin', method: 'INVITE', ratePerS: 10, medianMs: 8, failRate: 0 },
  { op: 'join', method: 'INFO', ratePerS: 32.2, medianMs: 15, classes: [12, 2, 2], failRate: 0 },
  {
    op: 'post',
    method: 'INFO',
    ratePerS: 24.04,
    medianMs: 4,
    classes: [22.22, 1.67, 0.15],
    failRate: 0.001,
  },
  { op: 'history', method: 'INFO', ratePerS: 11.1, medianMs: 12, classes: [12, 2, 2], failRate: 0 },
  { op: 'search', method: 'INFO', ratePerS: 5.6, medianMs: 40, failRate: 0 },
  { op: 'invites', method: 'INFO', ratePerS: 10, medianMs: 3, failRate: 0 },
  { op: 'part', method: 'INFO', ratePerS: 22.2, medianMs: 3, classes: [12, 2, 2], failRate: 0 },
  { op: 'signout', method: 'BYE', ratePerS: 10, medianMs: 2, failRate: 0 },
  { op: 'refresh', method: 'UPDATE', ratePerS: 44.4, medianMs: 1.5, failRate: 0 },
];
const COMPLIANCE_MEDIAN_MS = 6;

export interface SimulateOptions {
  seed: number;
  durationS: number;
  /** Multiple of the model's rates. */
  scale?: number;
  /** Multiplies every latency (a slower server). */
  latencyFactor?: number;
  /** Multiplies every rate (a server that completes less). */
  throughputFactor?: number;
  compliance?: boolean;
  thresholds?: ThresholdDefinition[];
  scenarioName?: string;
  status?: RunStatus;
  /** Keep only this segment's share, numbered as `run --segment I/N` does: `{ index: 0, count: 2 }`. */
  segment?: { index: number; count: number };
  /** Recorders (workers) of a run that is not a segment. */
  workers?: number;
  /** Only these operations (default: all). */
  ops?: readonly OpName[];
}

const COMMAND_OF: Record<OpName, number> = {
  signin: Command.none,
  join: Command.join,
  post: Command.grpchat,
  history: Command.bccontext,
  search: Command.chansrch,
  invites: Command.getinv,
  part: Command.part,
  signout: Command.none,
  refresh: Command.none,
  compliance: Command.none,
};

function poisson(random: Random, mean: number): number {
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.normal()));
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random.next(); p > limit; p *= random.next()) k++;
  return k;
}

function pickClass(random: Random, weights: [number, number, number]): RoomClassCode {
  const total = weights[0] + weights[1] + weights[2];
  const u = random.next() * total;
  return u < weights[0] ? 0 : u < weights[0] + weights[1] ? 1 : 2;
}

interface Tx {
  op: OpName;
  method: MethodName;
  roomClass: RoomClassCode;
  intendedAt: number;
  latencyMs: number;
  failed: boolean;
  /** The compliance write a post causes, when compliance is on. */
  complianceMs: number | null;
}

function batchOf(txs: readonly Tx[]): { batch: TxBatch; outcome: BatchOutcome } {
  const n = txs.length;
  const batch: TxBatch = {
    count: n,
    op: new Uint8Array(n),
    method: new Uint8Array(n),
    command: new Uint8Array(n),
    roomClass: new Uint8Array(n),
    user: new Int32Array(n),
    room: new Int32Array(n),
    dialog: new Int32Array(n),
    cseq: new Int32Array(n),
    intendedAt: new Float64Array(n),
    arg0: new Int32Array(n),
    arg1: new Int32Array(n),
    listStart: new Int32Array(n),
    listLength: new Int32Array(n),
    list: new Int32Array(0),
    listUsed: 0,
  };
  const outcome: BatchOutcome = {
    startedAt: new Float64Array(n),
    endedAt: new Float64Array(n),
    errorKind: new Uint8Array(n),
    rows: new Int32Array(n),
    errorSamples: [],
    retries: 0,
  };
  txs.forEach((tx, i) => {
    batch.op[i] = Op[tx.op];
    batch.method[i] = Method[tx.method];
    batch.command[i] = COMMAND_OF[tx.op];
    batch.roomClass[i] = tx.roomClass;
    batch.intendedAt[i] = tx.intendedAt;
    // A fifth of the latency is queueing before the database starts (tx_duration > tx_service).
    outcome.startedAt[i] = tx.intendedAt + tx.latencyMs * 0.2;
    outcome.endedAt[i] = tx.intendedAt + tx.latencyMs;
    if (tx.failed) {
      outcome.errorKind[i] = TargetErrorKind.timeout;
      outcome.errorSamples.push({
        index: i,
        kind: TargetErrorKind.timeout,
        message: 'lock request time out period exceeded',
      });
    }
  });
  return { batch, outcome };
}

/** How much slower the simulated server is in second `t`: a slow wave and a stall a minute. */
function loadFactor(t: number): number {
  const wave = 1 + 0.12 * Math.sin(t / 23);
  const stall = t % 60 >= 30 && t % 60 < 33 ? 1.8 : 1;
  return wave * stall;
}

export function requiredRates(compliance: boolean): Partial<Record<OpName, number>> {
  const rates: Partial<Record<OpName, number>> = {};
  for (const stream of STREAMS) rates[stream.op] = stream.ratePerS;
  if (compliance) rates.compliance = rates.post ?? 0;
  return rates;
}

export function simulateRun(options: SimulateOptions): ResultsFile {
  const scale = options.scale ?? 1;
  const latencyFactor = options.latencyFactor ?? 1;
  const throughputFactor = options.throughputFactor ?? 1;
  const compliance = options.compliance ?? false;
  const segment = options.segment;
  const sources = segment === undefined ? (options.workers ?? 2) : 1;
  const streams = STREAMS.filter((s) => options.ops === undefined || options.ops.includes(s.op));
  const random = new Random(options.seed);
  // Recorders draw from their own streams, so a segment sees exactly its share of the whole run.
  const owners =
    segment === undefined ? Array.from({ length: sources }, (_, i) => i) : [segment.index];
  const queueRandom = owners.map((owner) => random.fork(`queue-${owner}`));
  const aggregate = new Aggregate({ scenarios: ['steady'], sources });
  const recorders = Array.from({ length: sources }, (_, i) => new Recorder(i));
  const queueDepth = new Array<number>(sources).fill(0);
  let serial = 0;
  for (let t = 1; t <= options.durationS; t++) {
    const perRecorder: Tx[][] = recorders.map(() => []);
    const slow = loadFactor(t) * latencyFactor;
    for (const stream of streams) {
      const count = poisson(random, stream.ratePerS * scale * throughputFactor);
      for (let j = 0; j < count; j++) {
        const tx: Tx = {
          op: stream.op,
          method: stream.method,
          roomClass:
            stream.classes === undefined ? NO_ROOM_CLASS : pickClass(random, stream.classes),
          intendedAt: (t - 1 + random.next() * 0.9) * 1000,
          latencyMs: stream.medianMs * slow * Math.exp(0.5 * random.normal()),
          failed: random.chance(stream.failRate),
          complianceMs:
            compliance && stream.op === 'post'
              ? COMPLIANCE_MEDIAN_MS * slow * Math.exp(0.4 * random.normal())
              : null,
        };
        const owner = serial++ % (segment?.count ?? sources);
        if (segment !== undefined && owner !== segment.index) continue;
        (perRecorder[segment === undefined ? owner : 0] as Tx[]).push(tx);
      }
    }
    perRecorder.forEach((txs, i) => {
      const recorder = recorders[i] as Recorder;
      txs.sort((a, b) => a.intendedAt - b.intendedAt);
      if (txs.length > 0) {
        const { batch, outcome } = batchOf(txs);
        recorder.record(batch, outcome, 0);
      }
      if (compliance) {
        for (const tx of txs) {
          if (tx.complianceMs !== null) recorder.recordCompliance(tx.complianceMs, false);
        }
        const drift = 4 * (queueRandom[i] as Random).normal() + (slow > 1.5 ? 6 : -1);
        queueDepth[i] = Math.max(0, (queueDepth[i] as number) + Math.round(drift));
        recorder.setComplianceQueueDepth(queueDepth[i] as number);
      }
      aggregate.add(recorder.snapshot(t));
    });
  }
  const thresholds = (options.thresholds ?? []).map((definition) =>
    compileThreshold(definition, `simulated scenario: thresholds["${definition.metric}"]`, [
      'steady',
    ]),
  );
  const status = options.status ?? 'completed';
  return buildResults(aggregate, {
    scenario: {
      name: options.scenarioName ?? 'lync2013-steady',
      file: 'scenarios/lync2013-user-model.ts',
      description: "Microsoft's published Persistent Chat user model, steady state",
      seed: options.seed,
      scale,
      compliance,
      model: {
        name: 'lync2013',
        provisionedUsers: 150_000,
        concurrentUsers: 80_000,
        rooms: 33_077,
        requiredTxPerS: requiredRates(compliance),
      },
    },
    target: {
      kind: 'sqlite',
      description: 'sqlite:.chatload/mgc.db',
      product: 'SQLite',
      productVersion: '3.50.4',
      edition: null,
      cpus: 2,
      memoryMb: null,
      unknown: [
        { fact: 'memoryMb', reason: 'SQLite does not report the memory of the machine it runs on' },
      ],
      compliance: null,
    },
    run: {
      startedAt: '2025-01-06T09:00:00.000Z',
      durationS: options.durationS,
      workers: sources,
      segment: segment === undefined ? null : `${segment.index}/${segment.count}`,
      interrupted: status === 'interrupted',
      status,
    },
    thresholds,
  });
}
