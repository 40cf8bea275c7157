/**
 * The results file (DESIGN.md "Results file", versioned). Written by `run`, read by `report`,
 * `compare`, `merge` and `baselines`. Latencies are milliseconds; histograms are encoded
 * hdr-histogram-js histograms of microseconds (compressed base64) so files merge exactly.
 * Nothing in here may hold a secret.
 */
import type { ErrorCode } from '../core/errors.js';
import type { MethodName, OpName, RoomClass, ServerFamily } from '../core/vocabulary.js';

export const RESULTS_SCHEMA = 'chatload/results@1';

export interface LatencySummary {
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
}

export interface RoomClassResult {
  count: number;
  failed: number;
  latencyMs: LatencySummary;
  hdr: string;
}

export interface OpResult {
  /** Transactions completed (failed ones included). */
  count: number;
  failed: number;
  /** count / run duration. */
  ratePerS: number;
  /** tx_duration: from the intended start to completion. */
  latencyMs: LatencySummary;
  /** tx_service: from the actual start to completion. */
  serviceMs: LatencySummary;
  hdr: string;
  serviceHdr: string;
  byRoomClass: Partial<Record<RoomClass, RoomClassResult>>;
}

export interface OpSeries {
  count: number[];
  failed: number[];
  /** Per-second latency percentiles (ms); null where the second had no transaction. */
  p50: (number | null)[];
  p95: (number | null)[];
  p99: (number | null)[];
}

/** Per-second series; every array is aligned with `t`. */
export interface Timeseries {
  intervalS: number;
  /** Seconds since the run started, at the end of each interval. */
  t: number[];
  ops: Partial<Record<OpName, OpSeries>>;
  dropped: number[];
  complianceQueueDepth: number[];
  vus: number[];
}

export interface ThresholdResult {
  /** The metric with its tag filter as written: `tx_duration{op:post}`. */
  metric: string;
  /** The expression as written: `p(95)<100`. */
  expr: string;
  /** The observed value the expression was evaluated on; null when there was no data. */
  value: number | null;
  ok: boolean;
  abortOnFail: boolean;
}

export interface ErrorGroup {
  op: OpName;
  code: ErrorCode;
  /** One sample message (driver text), with secrets removed. */
  message: string;
  count: number;
}

export type RunStatus = 'completed' | 'interrupted' | 'aborted';

/**
 * One cell of the finest breakdown the recorders keep: exec scenario × op × SIP method × room
 * class. Every tag filter of a threshold is a union of cells, so thresholds re-evaluate exactly
 * from the file (after a merge too).
 */
export interface BreakdownCell {
  /** The exec scenario (executor name); null for work not tied to one (compliance writes). */
  scenario: string | null;
  op: OpName;
  /** null for work that is not a SIP request (compliance writes). */
  method: MethodName | null;
  /** null when the transaction touches no single room. */
  roomClass: RoomClass | null;
  count: number;
  failed: number;
  hdr: string;
  serviceHdr: string;
}

export interface Breakdown {
  cells: BreakdownCell[];
  /** dropped_txs per exec scenario. */
  dropped: Record<string, number>;
  /** vus per exec scenario, aligned with `timeseries.t`. */
  vus: Record<string, number[]>;
}

export interface ResultsFile {
  schema: typeof RESULTS_SCHEMA;
  tool: { name: 'chatload'; version: string };
  scenario: {
    name: string;
    file: string;
    description: string;
    seed: number;
    scale: number;
    compliance: boolean;
    model: {
      name: string;
      provisionedUsers: number;
      concurrentUsers: number;
      rooms: number;
      /** Transactions per second per op the model demands at 1× (the documented requirement). */
      requiredTxPerS: Partial<Record<OpName, number>>;
    };
  };
  target: {
    kind: string;
    /** Redacted connection description. */
    description: string;
    product: string;
    productVersion: string;
    edition: string | null;
    cpus: number | null;
    memoryMb: number | null;
    unknown: { fact: string; reason: string }[];
    /**
     * SQL Server targets (absent for other kinds and in files written before chatload
     * identified the product): which product family answered — Microsoft SQL Server, Azure SQL,
     * Babelfish for PostgreSQL or another TDS server. `product` then names it.
     */
    family?: ServerFamily;
    /** SQL Server targets: the first line of @@VERSION, verbatim (the evidence for `product`). */
    banner?: string;
    /** SQL Server targets: what the version gating concluded from the identity, and why. */
    gating?: string;
    compliance: {
      kind: string;
      description: string;
      product: string;
      productVersion: string;
      /** As `target.family`, for the compliance store's server. */
      family?: ServerFamily;
    } | null;
  };
  run: {
    startedAt: string;
    durationS: number;
    workers: number;
    /** `I/N` when this is one segment of a split run, else null. */
    segment: string | null;
    interrupted: boolean;
    status: RunStatus;
  };
  ops: Partial<Record<OpName, OpResult>>;
  sip: Partial<Record<MethodName, number>>;
  dropped: number;
  retries: number;
  timeseries: Timeseries;
  thresholds: ThresholdResult[];
  errors: ErrorGroup[];
  /** Comparison with a baseline, when one was given (see src/baselines). */
  baseline?: unknown;
  /** Per-scenario / per-method detail (written by `run` and `merge`; see {@link BreakdownCell}). */
  breakdown?: Breakdown;
  /** Caveats a reader must know: clamped latencies, how a merge combined per-second percentiles. */
  notes?: string[];
}
