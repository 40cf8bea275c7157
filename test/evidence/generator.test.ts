import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  GeneratorSampler,
  LAG_RESOLUTION_MS,
  type DelayHistogram,
  type GeneratorSources,
  type ThreadReading,
} from '../../src/evidence/generator.js';

/** Readings the test sets by hand between begin() and end(). */
function sources(): GeneratorSources & { set(v: Partial<State>): void } {
  const state: State = { now: 0, user: 0, system: 0, rss: 100, idle: 0, active: 0, workers: [] };
  return {
    set: (v) => Object.assign(state, v),
    now: () => state.now,
    cpuUsage: () => ({ user: state.user, system: state.system }),
    rss: () => state.rss,
    mainUtilisation: () => ({ idle: state.idle, active: state.active, utilization: 0 }),
    workers: () => state.workers,
    cores: 2,
  };
}
interface State {
  now: number;
  user: number;
  system: number;
  rss: number;
  idle: number;
  active: number;
  workers: ThreadReading[];
}

function histogram(valuesMs: number[]): DelayHistogram & { resets: number } {
  const ns = valuesMs.map((v) => v * 1e6).sort((a, b) => a - b);
  return {
    resets: 0,
    enable: () => true,
    disable: () => true,
    reset() {
      this.resets++;
    },
    percentile: (p) => ns[Math.min(ns.length - 1, Math.ceil((p / 100) * ns.length) - 1)] ?? 0,
    get max() {
      return ns[ns.length - 1] ?? 0;
    },
    count: ns.length,
  };
}

describe('load-generator evidence', () => {
  it('reports CPU in cores, worker and main-thread utilisation, and lag beyond the resolution', () => {
    const s = sources();
    const delay = histogram([
      ...Array.from({ length: 99 }, () => LAG_RESOLUTION_MS + 1),
      LAG_RESOLUTION_MS + 200,
    ]);
    const sampler = new GeneratorSampler(s, delay);
    s.set({
      workers: [
        { threadId: 1, idle: 100, active: 100 },
        { threadId: 2, idle: 0, active: 0 },
      ],
    });
    const start = sampler.begin();
    assert.equal(delay.resets, 1, 'the lag histogram restarts with the window');
    s.set({
      now: 10_000,
      user: 12_000_000,
      system: 3_000_000,
      rss: 5_000,
      idle: 8_000,
      active: 2_000,
      workers: [
        { threadId: 1, idle: 600, active: 9_600 },
        { threadId: 2, idle: 5_000, active: 5_000 },
        { threadId: 3, idle: 1, active: 1 },
      ],
    });
    const d = sampler.end(start);
    assert.equal(d.windowS, 10);
    assert.equal(d.cpuCores, 1.5);
    assert.equal(d.cpuShare, 0.75);
    assert.equal(d.mainUtilisation, 0.2);
    assert.equal(d.rssBytes, 5_000);
    assert.deepEqual(d.workers, [
      { threadId: 1, utilisation: 0.95 },
      { threadId: 2, utilisation: 0.5 },
    ]);
    assert.deepEqual(d.lagMs, { p50: 1, p99: 1, max: 200 });
  });

  it('reads no lag when the histogram has no sample', () => {
    const s = sources();
    const sampler = new GeneratorSampler(s, histogram([]));
    const d = sampler.end(sampler.begin());
    assert.deepEqual(d.lagMs, { p50: 0, p99: 0, max: 0 });
  });

  it('measures this process by default', async () => {
    const sampler = new GeneratorSampler();
    const start = sampler.begin();
    // The histogram measures from its first tick after the reset.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const until = Date.now() + 60;
    while (Date.now() < until);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const d = sampler.end(start);
    sampler.close();
    assert.ok(d.cpuCores > 0, `${d.cpuCores} cores`);
    assert.ok(d.rssBytes > 1_000_000);
    assert.ok(d.lagMs.max >= 30, `a 60 ms busy loop shows as lag (${d.lagMs.max} ms)`);
  });
});
