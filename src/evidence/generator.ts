/**
 * The load generator's own evidence: is chatload itself the limit? Read on the main thread:
 * the event-loop delay of the main thread (perf_hooks.monitorEventLoopDelay: the scheduler's
 * timers run late when it is saturated), the process's CPU time (all threads together), the
 * resident set, and the event-loop utilisation of each worker thread (given by the caller:
 * piscina's `threads[i].performance.eventLoopUtilization()`).
 */
import { monitorEventLoopDelay, performance, type EventLoopUtilization } from 'node:perf_hooks';
import { availableParallelism } from 'node:os';

/** A worker thread's cumulative event-loop utilisation reading. */
export interface ThreadReading {
  threadId: number;
  /** Cumulative ms idle and active, as EventLoopUtilization reports them. */
  idle: number;
  active: number;
}

/** What the sampler reads; injected by tests, the process's own by default. */
export interface GeneratorSources {
  now(): number;
  cpuUsage(): NodeJS.CpuUsage;
  rss(): number;
  mainUtilisation(): EventLoopUtilization;
  workers(): ThreadReading[];
  /** Cores this process may use. */
  cores: number;
}

/** The main thread's delay histogram, in nanoseconds (node's IntervalHistogram). */
export interface DelayHistogram {
  enable(): boolean;
  disable(): boolean;
  reset(): void;
  percentile(p: number): number;
  readonly max: number;
  readonly count?: number;
}

export interface GeneratorSnapshot {
  atMs: number;
  cpu: NodeJS.CpuUsage;
  main: EventLoopUtilization;
  workers: ThreadReading[];
}

export interface GeneratorDeltas {
  windowS: number;
  /** Main thread event-loop delay beyond the sampling resolution. */
  lagMs: { p50: number; p99: number; max: number };
  /** Main thread event-loop utilisation, 0–1. */
  mainUtilisation: number;
  /** CPU time of the whole process (main, workers, libuv) per second: cores busy. */
  cpuCores: number;
  /** cpuCores ÷ cores this process may use. */
  cpuShare: number;
  rssBytes: number;
  /** Each worker thread's event-loop utilisation over the window, 0–1. */
  workers: { threadId: number; utilisation: number }[];
}

function utilisation(idle: number, active: number): number {
  return idle + active > 0 ? active / (idle + active) : 0;
}

export function processSources(workers: () => ThreadReading[] = () => []): GeneratorSources {
  return {
    now: () => performance.now(),
    cpuUsage: () => process.cpuUsage(),
    rss: () => process.memoryUsage.rss(),
    mainUtilisation: () => performance.eventLoopUtilization(),
    workers,
    cores: availableParallelism(),
  };
}

/** The delay histogram's resolution (ms): lag below it is not measured. */
export const LAG_RESOLUTION_MS = 10;

export class GeneratorSampler {
  private readonly sources: GeneratorSources;
  private readonly delay: DelayHistogram;

  constructor(
    sources: GeneratorSources = processSources(),
    delay: DelayHistogram = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS }),
  ) {
    this.sources = sources;
    this.delay = delay;
    this.delay.enable();
  }

  /** Starts a window: the delay histogram restarts here. */
  begin(): GeneratorSnapshot {
    this.delay.reset();
    return {
      atMs: this.sources.now(),
      cpu: this.sources.cpuUsage(),
      main: this.sources.mainUtilisation(),
      workers: this.sources.workers(),
    };
  }

  /** Ends the window begun by `start`. */
  end(start: GeneratorSnapshot): GeneratorDeltas {
    const atMs = this.sources.now();
    const windowS = (atMs - start.atMs) / 1000;
    const cpu = this.sources.cpuUsage();
    const main = this.sources.mainUtilisation();
    const cpuMs = (cpu.user - start.cpu.user + cpu.system - start.cpu.system) / 1000;
    const cpuCores = windowS > 0 ? cpuMs / 1000 / windowS : 0;
    const before = new Map(start.workers.map((w) => [w.threadId, w]));
    const workers = this.sources.workers().flatMap((w) => {
      const prior = before.get(w.threadId);
      return prior === undefined
        ? []
        : [
            {
              threadId: w.threadId,
              utilisation: utilisation(w.idle - prior.idle, w.active - prior.active),
            },
          ];
    });
    const toMs = (ns: number): number => Math.max(0, ns / 1e6 - LAG_RESOLUTION_MS);
    const sampled = this.delay.count === undefined || this.delay.count > 0;
    return {
      windowS,
      lagMs: sampled
        ? {
            p50: toMs(this.delay.percentile(50)),
            p99: toMs(this.delay.percentile(99)),
            max: toMs(this.delay.max),
          }
        : { p50: 0, p99: 0, max: 0 },
      mainUtilisation: utilisation(main.idle - start.main.idle, main.active - start.main.active),
      cpuCores,
      cpuShare: this.sources.cores > 0 ? cpuCores / this.sources.cores : 0,
      rssBytes: this.sources.rss(),
      workers,
    };
  }

  close(): void {
    this.delay.disable();
  }
}
