/** What a run is asked to do, and what it gives back. */
import type { ChatloadError } from '../core/errors.js';
import type { ResultsFile } from '../metrics/results.js';
import type { ResolvedScenario } from '../scenario/resolved.js';

export interface RunRequest {
  scenario: ResolvedScenario;
  /** Target URL of the chat store (may hold a password; only redacted descriptions leave). */
  target: string;
  complianceTarget: string | null;
  /** The target is chatload's default embedded store for this scenario (see StoreRequest). */
  defaultStore: boolean;
  workers: number;
  /**
   * SQL Server: the run's connections in total, spread over the workers (planConnections in
   * connections.ts; the CLI passes --connections through it). Absent: planned from the scenario.
   */
  connections?: number | null;
  /** SQL Server: an outage this long ends the run (exit 3), ms. @default 60000 */
  maxOutageMs?: number;
  tracePath: string | null;
  /** Main-loop period on the wall clock, ms. @default 1 */
  tickMs?: number;
  /**
   * Simulated time instead of the wall clock (see pace.ts): for tests of rates and counts.
   * Latencies measured under it are meaningless and the results say so.
   */
  virtualStepMs?: number;
  /** Most rows in one pool task. @default 512 */
  maxChunkRows?: number;
}

export interface RunOutcome {
  results: ResultsFile;
  /** A worker or the store failed: the results hold what was measured until then. */
  failure: ChatloadError | null;
  /**
   * Writing the SIP trace failed (E_OUTPUT): the trace is incomplete, the measurements are not
   * affected, and the results carry a note saying so.
   */
  traceFailure: ChatloadError | null;
}
