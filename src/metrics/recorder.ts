/**
 * The per-worker recorder. Each worker records the outcome of every batch it executes into its
 * own histograms and counters, and once a second hands the main thread a snapshot of the
 * interval with the histograms encoded as strings (cheap to post across threads, exact to
 * merge). Recording a transaction allocates nothing: cells and their histograms are created the
 * first time a (scenario, op, method, room class) combination occurs and reused afterwards.
 */
import {
  TARGET_ERROR_KIND_NAMES,
  TargetErrorKind,
  type TargetErrorKind as TargetErrorKindCode,
} from '../core/errors.js';
import { type TxBatch, type BatchOutcome } from '../workload/types.js';
import { cellKey, NO_METHOD, NO_SCENARIO } from './cells.js';
import { createHistogram, encodeHistogram, recordMs, type Histogram } from './hdr.js';
import { sampleMessage } from './redact.js';
import { METHODS, NO_ROOM_CLASS, Op } from '../core/vocabulary.js';

/** One cell's interval: counts and encoded histograms of tx_duration and tx_service. */
export interface CellSnapshot {
  /** See `cellKey` in cells.ts. */
  key: number;
  count: number;
  failed: number;
  duration: string;
  service: string;
}

export interface ErrorSnapshot {
  /** Index into OPS. */
  op: number;
  kind: TargetErrorKindCode;
  count: number;
  /** The first sample message of the interval, redacted and shortened. */
  message: string;
}

/** What one recorder saw since its previous snapshot. Plain data: posts across threads as is. */
export interface RecorderSnapshot {
  /** Which recorder (worker) this comes from: 0 .. sources-1 of the aggregate. */
  source: number;
  /** Whole seconds since the run started, at the end of the interval. */
  t: number;
  /** Cells with at least one transaction in the interval. */
  cells: CellSnapshot[];
  /** Requests per SIP method, indexed like METHODS. */
  sip: number[];
  errors: ErrorSnapshot[];
  retries: number;
  /** Latencies that fell outside 1 µs .. 1 h (clamped) or were not numbers (skipped). */
  clamped: number;
  /** dropped_txs in the interval, indexed by scenario. */
  dropped: number[];
  /** The vus gauge per scenario, as last set (gauges carry over between intervals). */
  vus: number[];
  /** The compliance queue depth gauge, as last set. */
  complianceQueueDepth: number;
}

interface RecorderCell {
  key: number;
  count: number;
  failed: number;
  duration: Histogram;
  service: Histogram;
}

const ERROR_KINDS = TARGET_ERROR_KIND_NAMES.length;
const COMPLIANCE_KEY = cellKey(NO_SCENARIO, Op.compliance, NO_METHOD, NO_ROOM_CLASS);

export class Recorder {
  readonly source: number;
  private readonly cells: (RecorderCell | undefined)[] = [];
  private readonly activeCells: RecorderCell[] = [];
  private readonly sip = new Float64Array(METHODS.length);
  /** Indexed `op * ERROR_KINDS + kind`. */
  private readonly errorCounts: Float64Array;
  private readonly errorMessages: (string | undefined)[];
  private retries = 0;
  private clamped = 0;
  private dropped: number[] = [];
  private readonly vus: number[] = [];
  private complianceQueueDepth = 0;

  constructor(source: number) {
    this.source = source;
    const slots = (Op.compliance + 1) * ERROR_KINDS;
    this.errorCounts = new Float64Array(slots);
    this.errorMessages = new Array<string | undefined>(slots).fill(undefined);
  }

  /**
   * Records one executed batch of exec scenario `scenario`. tx_duration runs from the intended
   * start (the previous row's end when `intendedAt` is NaN: a client waits for the reply before
   * its next request; the actual start for a first row without one), tx_service from the actual
   * start; both to the end.
   */
  record(batch: TxBatch, outcome: BatchOutcome, scenario: number): void {
    const { startedAt, endedAt, errorKind } = outcome;
    let previousEnd = Number.NaN;
    for (let i = 0; i < batch.count; i++) {
      const started = startedAt[i] as number;
      const ended = endedAt[i] as number;
      const intendedAt = batch.intendedAt[i] as number;
      const intended = Number.isNaN(intendedAt)
        ? Number.isNaN(previousEnd)
          ? started
          : previousEnd
        : intendedAt;
      previousEnd = ended;
      const op = batch.op[i] as number;
      const method = batch.method[i] as number;
      const cell = this.cell(cellKey(scenario, op, method, batch.roomClass[i] as number));
      this.recordLatencies(cell, ended - intended, ended - started);
      this.sip[method] = (this.sip[method] as number) + 1;
      const kind = errorKind[i] as number;
      if (kind !== TargetErrorKind.none) {
        cell.failed++;
        this.countError(op, kind, outcome);
      }
    }
    this.retries += outcome.retries;
  }

  /** Records one compliance write (op `compliance`): asynchronous, so duration = service. */
  recordCompliance(
    durationMs: number,
    failed: boolean,
    errorMessage?: string,
    errorKind: TargetErrorKindCode = TargetErrorKind.unknown,
  ): void {
    const cell = this.cell(COMPLIANCE_KEY);
    this.recordLatencies(cell, durationMs, durationMs);
    if (!failed) return;
    cell.failed++;
    const slot = Op.compliance * ERROR_KINDS + errorKind;
    this.errorCounts[slot] = (this.errorCounts[slot] as number) + 1;
    if (this.errorMessages[slot] === undefined) {
      this.errorMessages[slot] = sampleMessage(errorMessage ?? 'compliance write failed');
    }
  }

  /** Transactions of `scenario` not started because the in-flight limit was reached. */
  recordDropped(scenario: number, count: number): void {
    this.dropped[scenario] = (this.dropped[scenario] ?? 0) + count;
  }

  setVus(scenario: number, vus: number): void {
    for (let i = this.vus.length; i < scenario; i++) this.vus[i] = 0;
    this.vus[scenario] = vus;
  }

  setComplianceQueueDepth(depth: number): void {
    this.complianceQueueDepth = depth;
  }

  /** Everything since the previous snapshot; starts a new interval (gauges carry over). */
  snapshot(t: number): RecorderSnapshot {
    const cells: CellSnapshot[] = [];
    for (const cell of this.activeCells) {
      if (cell.count === 0) continue;
      cells.push({
        key: cell.key,
        count: cell.count,
        failed: cell.failed,
        duration: encodeHistogram(cell.duration),
        service: encodeHistogram(cell.service),
      });
      cell.count = 0;
      cell.failed = 0;
      cell.duration.reset();
      cell.service.reset();
    }
    const snapshot: RecorderSnapshot = {
      source: this.source,
      t,
      cells,
      sip: Array.from(this.sip),
      errors: this.takeErrors(),
      retries: this.retries,
      clamped: this.clamped,
      dropped: Array.from(this.dropped, (count) => count ?? 0),
      vus: [...this.vus],
      complianceQueueDepth: this.complianceQueueDepth,
    };
    this.sip.fill(0);
    this.retries = 0;
    this.clamped = 0;
    this.dropped = [];
    return snapshot;
  }

  private cell(key: number): RecorderCell {
    let cell = this.cells[key];
    if (cell === undefined) {
      cell = { key, count: 0, failed: 0, duration: createHistogram(), service: createHistogram() };
      this.cells[key] = cell;
      this.activeCells.push(cell);
    }
    return cell;
  }

  private recordLatencies(cell: RecorderCell, durationMs: number, serviceMs: number): void {
    cell.count++;
    if (!recordMs(cell.duration, durationMs)) this.clamped++;
    if (!recordMs(cell.service, serviceMs)) this.clamped++;
  }

  private countError(op: number, kind: number, outcome: BatchOutcome): void {
    const slot = op * ERROR_KINDS + kind;
    this.errorCounts[slot] = (this.errorCounts[slot] as number) + 1;
    if (this.errorMessages[slot] !== undefined) return;
    const sample = outcome.errorSamples.find((candidate) => candidate.kind === kind);
    this.errorMessages[slot] = sampleMessage(
      sample?.message ?? `${TARGET_ERROR_KIND_NAMES[kind] ?? 'unknown'} error`,
    );
  }

  private takeErrors(): ErrorSnapshot[] {
    const errors: ErrorSnapshot[] = [];
    for (let slot = 0; slot < this.errorCounts.length; slot++) {
      const count = this.errorCounts[slot] as number;
      if (count === 0) continue;
      errors.push({
        op: Math.floor(slot / ERROR_KINDS),
        kind: (slot % ERROR_KINDS) as TargetErrorKindCode,
        count,
        message: this.errorMessages[slot] ?? '',
      });
      this.errorCounts[slot] = 0;
      this.errorMessages[slot] = undefined;
    }
    return errors;
  }
}
