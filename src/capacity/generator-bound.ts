/**
 * Never blame the database for the tool: a step in which chatload itself was the limit is
 * `generator-bound`, whatever its SLOs say. Signs (rules of thumb, named in GENERATOR_LIMITS):
 *
 * - the main thread's event loop ran late (it schedules every arrival);
 * - worker threads saturated by chatload's own work;
 * - completed < offered, or arrivals dropped at chatload's in-flight limit, while the database's
 *   service time stayed flat (the database kept up; the transactions never reached it).
 *
 * Where the database runs inside the worker threads (SQLite, or `null:` with a service time) a
 * busy worker is the database busy: those signs count only when the database calls took less
 * than half of the workers' time.
 */
import { percent } from '../evidence/fact.js';
import type { GeneratorDeltas } from '../evidence/generator.js';

export const GENERATOR_LIMITS = {
  /** Main thread event-loop lag, p99, beyond which the schedule slips. */
  lagP99Ms: 50,
  /** Busiest worker's event-loop utilisation at which it is saturated. */
  workerUtilisation: 0.9,
  /** Service time p50 within this factor of the reference step's counts as flat. */
  flatServiceRatio: 1.5,
  /** Completed ÷ offered below this is a shortfall. */
  minCompletion: 0.99,
  /** Process CPU ÷ cores at which the machine itself is out of CPU. */
  machineCpuShare: 0.9,
  /** In-worker databases: the share of worker time in database calls above which workers are the database's. */
  databaseShare: 0.5,
} as const;

export interface GeneratorBoundInput {
  generator: GeneratorDeltas | null;
  offered: number;
  completed: number;
  dropped: number;
  /** tx_service p50 in this step, and in the reference step (the lowest passing one); null: none. */
  serviceP50Ms: number | null;
  referenceServiceP50Ms: number | null;
  /**
   * Share of the workers' time spent in database calls when the database runs inside them
   * (Σ tx_service ÷ (window × workers)); null when the database is elsewhere (SQL Server).
   */
  databaseShareOfWorkers: number | null;
  /** `--workers` of the run, for the advice. */
  workers: number;
}

export interface GeneratorBound {
  bound: boolean;
  reasons: string[];
  /** What to change, when bound. */
  advice: string | null;
}

export function detectGeneratorBound(input: GeneratorBoundInput): GeneratorBound {
  const l = GENERATOR_LIMITS;
  const reasons: string[] = [];
  const g = input.generator;
  const databaseBusy =
    input.databaseShareOfWorkers !== null && input.databaseShareOfWorkers >= l.databaseShare;
  if (g !== null && g.lagMs.p99 > l.lagP99Ms) {
    reasons.push(
      `main event-loop lag p99 ${g.lagMs.p99.toFixed(0)} ms (> ${l.lagP99Ms} ms): arrivals were scheduled late`,
    );
  }
  const busiest = g === null ? 0 : Math.max(0, ...g.workers.map((w) => w.utilisation));
  if (busiest >= l.workerUtilisation && !databaseBusy) {
    reasons.push(`worker threads saturated (busiest ${percent(busiest)} busy)`);
  }
  const flat =
    input.serviceP50Ms !== null &&
    input.referenceServiceP50Ms !== null &&
    input.serviceP50Ms <= l.flatServiceRatio * input.referenceServiceP50Ms;
  if (flat && !databaseBusy) {
    const service = `service time flat (p50 ${(input.serviceP50Ms as number).toFixed(1)} ms vs ${(input.referenceServiceP50Ms as number).toFixed(1)} ms at the lowest passing step)`;
    const completion = input.offered > 0 ? input.completed / input.offered : 1;
    if (completion < l.minCompletion)
      reasons.push(`completed ${percent(completion)} of offered while ${service}`);
    if (input.dropped > 0)
      reasons.push(
        `${input.dropped} arrivals dropped at chatload's in-flight limit while ${service}`,
      );
  }
  if (reasons.length === 0) return { bound: false, reasons, advice: null };
  const machineFull = g !== null && g.cpuShare >= l.machineCpuShare;
  const advice = machineFull
    ? `this machine is out of CPU (${percent(g.cpuShare)} of its cores): run the load as segments on more machines (run --segment I/N, then merge)`
    : `give chatload more threads (--workers, now ${input.workers}) or run segments on more machines (run --segment I/N)`;
  return { bound: true, reasons, advice };
}
