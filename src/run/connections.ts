/**
 * How many connections a run opens to a SQL Server, and whether they were enough.
 *
 * `--connections N` is the run's total, spread over the workers (each at least one). Without it
 * the target text's `poolSize` / `Max Pool Size` says; without that, the scenario's in-flight
 * limit (the sum of its executors' VUs) up to {@link DEFAULT_MAX_CONNECTIONS} — ADO.NET's
 * default Max Pool Size, what a chat server's own pool would hold — and at least one a worker.
 *
 * When more actions are in flight than there are connections, store work queues for a
 * connection: the wait counts in latency (never in service time) and the server is not the
 * bottleneck of that part of the run. {@link ConnectionPressure} notices it lasting.
 */
import { InputError } from '../core/errors.js';
import type { ResolvedExecutor, ResolvedScenario } from '../scenario/resolved.js';
import type { TargetSpec } from '../targets/url.js';

export const DEFAULT_MAX_CONNECTIONS = 100;

/** The most actions an executor keeps in flight at once. */
function executorInFlightLimit(executor: ResolvedExecutor): number {
  switch (executor.executor) {
    case 'constant-arrival-rate':
    case 'ramping-arrival-rate':
      return executor.maxVUs;
    case 'ramping-vus':
      return Math.max(executor.startVUs, ...executor.stages.map((stage) => stage.target));
    default:
      return executor.vus;
  }
}

/** The scenario's in-flight limit: its executors' together (as if they all overlapped). */
export function inFlightLimit(scenario: ResolvedScenario): number {
  return scenario.executors.reduce((sum, e) => sum + executorInFlightLimit(e), 0);
}

export interface ConnectionChoice {
  /** From --connections, or null. */
  flag: number | null;
  /** From the target text (poolSize / Max Pool Size), or null. */
  targetText: number | null;
}

/** The run's connections in total, validated against the worker count. */
export function runConnections(
  scenario: ResolvedScenario,
  workers: number,
  choice: ConnectionChoice,
): number {
  const asked = choice.flag ?? choice.targetText;
  if (asked === null) {
    return Math.max(workers, Math.min(DEFAULT_MAX_CONNECTIONS, inFlightLimit(scenario)));
  }
  if (asked < workers) {
    const where = choice.flag !== null ? '--connections' : 'the target’s poolSize / Max Pool Size';
    throw new InputError(
      where,
      `${asked} connection(s) for ${workers} workers: each worker owns at least one connection`,
      { hint: `Ask for at least ${workers} connections, or fewer workers (--workers).` },
    );
  }
  return asked;
}

/**
 * The run's connections for `target`: a number for SQL Server, null for targets whose
 * connections are not configurable (SQLite: one per worker; `null:` none). `flag` is
 * --connections, refused for those.
 */
export function planConnections(
  scenario: ResolvedScenario,
  target: TargetSpec,
  workers: number,
  flag: number | null,
): number | null {
  if (target.kind !== 'mssql') {
    if (flag === null) return null;
    throw new InputError(
      '--connections',
      `applies to SQL Server targets only (${target.kind === 'sqlite' ? 'SQLite: each worker opens one connection' : 'null: opens none'})`,
    );
  }
  return runConnections(scenario, workers, { flag, targetText: target.config.poolSize });
}

/** Consecutive seconds of in-flight work above the connections that make a warning. */
export const PRESSURE_WARN_SECONDS = 5;

/**
 * Watches in-flight actions against the connections, second by second (time-weighted mean of the
 * loop's samples): a second whose mean exceeds the connections is a saturated second.
 */
export class ConnectionPressure {
  private second = 0;
  private lastSampleMs = 0;
  private weighted = 0;
  private run = 0;
  private warned = false;
  /** Seconds whose mean in-flight work exceeded the connections. */
  saturatedSeconds = 0;
  /** The longest stretch of consecutive saturated seconds. */
  longestRunS = 0;

  constructor(readonly connections: number) {}

  /**
   * Takes one sample at run-clock `nowMs`; returns a warning the first time the connections have
   * been exceeded for {@link PRESSURE_WARN_SECONDS} seconds in a row, else null.
   */
  observe(nowMs: number, inFlight: number): string | null {
    const second = Math.floor(nowMs / 1000);
    let warning: string | null = null;
    if (second > this.second) {
      const span = this.second * 1000 + 1000 - this.lastSampleMs;
      this.weighted += inFlight * Math.max(0, span);
      warning = this.closeSecond();
      this.second = second;
      this.weighted = inFlight * (nowMs - second * 1000);
    } else {
      this.weighted += inFlight * Math.max(0, nowMs - this.lastSampleMs);
    }
    this.lastSampleMs = nowMs;
    return warning;
  }

  /** The results note, or null when the connections were never the limit for long. */
  note(): string | null {
    if (this.longestRunS < PRESSURE_WARN_SECONDS) return null;
    return (
      `more actions were in flight than the run's ${this.connections} connection(s) for ` +
      `${this.saturatedSeconds} s (longest stretch ${this.longestRunS} s): store work waited for ` +
      'a connection, which counts in latency (tx_duration) but not in service time (tx_service). ' +
      'Raise --connections to load the server harder.'
    );
  }

  private closeSecond(): string | null {
    const mean = this.weighted / 1000;
    if (mean <= this.connections) {
      this.run = 0;
      return null;
    }
    this.saturatedSeconds++;
    this.run++;
    this.longestRunS = Math.max(this.longestRunS, this.run);
    if (this.warned || this.run < PRESSURE_WARN_SECONDS) return null;
    this.warned = true;
    return (
      `${Math.round(mean)} actions in flight on average over the last ${this.run} s, more than the ` +
      `${this.connections} connection(s): store work is waiting for a connection (counted in ` +
      'latency, not service time); --connections raises them'
    );
  }
}
