import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  detectGeneratorBound,
  type GeneratorBoundInput,
} from '../../src/capacity/generator-bound.js';
import type { GeneratorDeltas } from '../../src/evidence/generator.js';

function generator(changes: Partial<GeneratorDeltas> = {}): GeneratorDeltas {
  return {
    windowS: 60,
    lagMs: { p50: 0, p99: 3, max: 12 },
    mainUtilisation: 0.3,
    cpuCores: 0.8,
    cpuShare: 0.4,
    rssBytes: 200e6,
    workers: [
      { threadId: 1, utilisation: 0.4 },
      { threadId: 2, utilisation: 0.45 },
    ],
    ...changes,
  };
}

function input(changes: Partial<GeneratorBoundInput> = {}): GeneratorBoundInput {
  return {
    generator: generator(),
    offered: 6000,
    completed: 6000,
    dropped: 0,
    serviceP50Ms: 4,
    referenceServiceP50Ms: 3.5,
    databaseShareOfWorkers: null,
    workers: 2,
    ...changes,
  };
}

describe('generator-bound detector', () => {
  it('is quiet when chatload kept up', () => {
    assert.deepEqual(detectGeneratorBound(input()), { bound: false, reasons: [], advice: null });
  });

  it('a late main event loop', () => {
    const g = detectGeneratorBound(
      input({ generator: generator({ lagMs: { p50: 20, p99: 180, max: 400 } }) }),
    );
    assert.equal(g.bound, true);
    assert.deepEqual(g.reasons, [
      'main event-loop lag p99 180 ms (> 50 ms): arrivals were scheduled late',
    ]);
    assert.match(g.advice ?? '', /--workers, now 2/);
  });

  it('saturated workers, unless the database runs inside them and took most of their time', () => {
    const busy = generator({ workers: [{ threadId: 1, utilisation: 0.96 }] });
    assert.deepEqual(detectGeneratorBound(input({ generator: busy })).reasons, [
      'worker threads saturated (busiest 96 % busy)',
    ]);
    assert.equal(
      detectGeneratorBound(input({ generator: busy, databaseShareOfWorkers: 0.9 })).bound,
      false,
    );
    assert.equal(
      detectGeneratorBound(input({ generator: busy, databaseShareOfWorkers: 0.2 })).bound,
      true,
    );
  });

  it('a shortfall or drops while the database\u2019s service time stayed flat', () => {
    const g = detectGeneratorBound(input({ completed: 5000, dropped: 40 }));
    assert.deepEqual(g.reasons, [
      'completed 83 % of offered while service time flat (p50 4.0 ms vs 3.5 ms at the lowest passing step)',
      "40 arrivals dropped at chatload's in-flight limit while service time flat (p50 4.0 ms vs 3.5 ms at the lowest passing step)",
    ]);
  });

  it('not when the service time rose: that shortfall is the database queueing', () => {
    assert.equal(
      detectGeneratorBound(input({ completed: 5000, dropped: 40, serviceP50Ms: 30 })).bound,
      false,
    );
    assert.equal(
      detectGeneratorBound(input({ completed: 5000, referenceServiceP50Ms: null })).bound,
      false,
    );
  });

  it('not for an in-worker database whose calls filled the workers (null:?serviceMs, SQLite)', () => {
    const g = detectGeneratorBound(
      input({
        completed: 5000,
        serviceP50Ms: 2,
        referenceServiceP50Ms: 2,
        databaseShareOfWorkers: 0.97,
      }),
    );
    assert.equal(g.bound, false);
  });

  it('advises more machines when this one is out of CPU', () => {
    const g = detectGeneratorBound(
      input({ generator: generator({ cpuShare: 0.97, lagMs: { p50: 30, p99: 90, max: 200 } }) }),
    );
    assert.match(g.advice ?? '', /out of CPU \(97 % of its cores\).*--segment I\/N/);
  });
});
