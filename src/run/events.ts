/** What a run tells whoever drives it (the CLI renders these; the run itself never prints). */
import type { LiveTotals } from '../metrics/aggregate.js';
import type { ThresholdResult } from '../metrics/results.js';
import type { ProvisionProgress, ProvisionReport } from '../targets/types.js';

export type RunEvent =
  | { kind: 'store'; message: string }
  | { kind: 'provision-progress'; store: 'mgc' | 'mgccomp'; progress: ProvisionProgress }
  | { kind: 'provisioned'; store: 'mgc' | 'mgccomp'; report: ProvisionReport }
  /** Counting what a provisioned chat store holds (the store census). */
  | { kind: 'census'; description: string }
  /** The workers are opening their targets (the run clock starts once all have). */
  | { kind: 'starting'; workers: number }
  | {
      kind: 'started';
      plannedMs: number;
      workers: number;
      target: string;
      /** Connections the workers opened to the chat store; null when a worker failed to. */
      connections: number | null;
    }
  | { kind: 'warning'; message: string }
  /** The target became unavailable (some worker lost it) or available again. */
  | { kind: 'target-availability'; available: boolean; elapsedMs: number }
  | {
      kind: 'progress';
      elapsedMs: number;
      plannedMs: number;
      totals: LiveTotals;
      inFlight: number;
    }
  | { kind: 'stopping'; reason: 'interrupted' | 'aborted' | 'failed'; detail: string }
  | { kind: 'aborted'; crossed: ThresholdResult[] };

export type RunListener = (event: RunEvent) => void;
