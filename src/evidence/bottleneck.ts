/**
 * What a bottleneck verdict is: the kind, the verdict in words and the figures that fired it,
 * and the rules of thumb behind every rule (sqlserver-evidence.md, hardware-baselines.md),
 * named here once. A verdict is an explanation to check, not a proof.
 */
/** Rules of thumb behind the verdicts. */
export const RULES_OF_THUMB = {
  /** Fewer tasks than this waiting on average: the server is not what limits the step. */
  minWaitingTasks: 0.05,
  /**
   * A wait class must hold this share of wait time to be named the bottleneck; for CPU, the
   * signal wait share (runnable, waiting for a CPU) counts.
   */
  dominantShare: 0.25,
  /** Average log write stall above which the log device is the limit. */
  logWriteStallMs: 5,
  /** Average data read stall above which the data device is the limit. */
  dataReadStallMs: 20,
  /** SQLite busy/locked failures and retries per write transaction: the single writer lock. */
  sqliteBusyShare: 0.01,
  /** Device write (or flush) latency above which commits wait on the disk. */
  deviceWriteMs: 5,
  /** Share of the window the device is busy above which it is saturated. */
  deviceBusy: 0.9,
  /** Worker event-loop utilisation at which a worker thread is saturated. */
  workerUtilisation: 0.9,
} as const;

export type BottleneckKind =
  | 'generator'
  | 'log flush'
  | 'data reads'
  | 'locks'
  | 'page latches'
  | 'CPU'
  | 'network and client'
  | 'memory grants'
  | 'parallelism'
  | 'other waits'
  | 'no dominant wait'
  | 'no server limit'
  | 'sqlite write lock'
  | 'sqlite commit flush'
  | 'sqlite worker CPU'
  | 'sqlite checkpoints'
  | 'unknown';

export interface Bottleneck {
  kind: BottleneckKind;
  /** The verdict in words: "log flush bound". */
  verdict: string;
  /** The figures that fired it: "WRITELOG 64 % of wait time", "log write stall 9.8 ms". */
  evidence: string[];
  /** Other rules that fired too, in words. */
  also: string[];
}

/** "log flush bound: WRITELOG 64 % of wait time, log write stall 9.8 ms". */
export function describeBottleneck(b: Bottleneck): string {
  return b.evidence.length === 0 ? b.verdict : `${b.verdict}: ${b.evidence.join(', ')}`;
}

export function bottleneck(
  kind: BottleneckKind,
  verdict: string,
  evidence: string[],
  also: string[] = [],
): Bottleneck {
  return { kind, verdict, evidence, also };
}

/** One decimal below 10, none above: `9.8`, `400`. */
export function fixed(n: number): string {
  return n < 10 ? n.toFixed(1) : n.toFixed(0);
}
