import type { BatchOutcome } from '../workload/types.js';

/** A zeroed outcome for `count` transactions: all succeeded, no rows, no timings yet. */
export function emptyOutcome(count: number): BatchOutcome {
  return {
    startedAt: new Float64Array(count),
    endedAt: new Float64Array(count),
    errorKind: new Uint8Array(count),
    rows: new Int32Array(count),
    errorSamples: [],
    retries: 0,
  };
}
