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
  | { kind: 'started'; plannedMs: number; workers: number; target: string }
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
