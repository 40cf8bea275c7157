import type { ResultsFile } from '../metrics/results.js';
import { OPS, type OpName } from '../core/vocabulary.js';

/** A results file and the name it goes by in the page (its file name). */
export interface RunInput {
  label: string;
  results: ResultsFile;
}

/** Operations with at least one transaction in any of the runs, in the canonical order. */
export function activeOps(runs: readonly RunInput[]): OpName[] {
  return OPS.filter((op) => runs.some((run) => (run.results.ops[op]?.count ?? 0) > 0));
}
