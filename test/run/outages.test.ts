/**
 * The run's unavailable time from the workers' outage reports: each worker reports an outage
 * while it lasts and once more when it ends; the run's periods are their union, cut at the run's
 * end, with an outage still going on marked as such.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OutageLog } from '../../src/run/outages.js';

describe('OutageLog', () => {
  it('merges the workers’ outages into periods and totals them', () => {
    const log = new OutageLog();
    assert.equal(log.section(10_000), null);
    log.add(0, [{ startMs: 2_000, endMs: null, kinds: ['unreachable'], attempts: 1 }]);
    assert.equal(log.down, true);
    log.add(1, [{ startMs: 2_300, endMs: 4_100, kinds: ['unreachable', 'login'], attempts: 5 }]);
    log.add(0, [{ startMs: 2_000, endMs: 3_900, kinds: ['unreachable'], attempts: 4 }]);
    assert.equal(log.down, false, 'worker 0’s later report closed its outage');
    log.add(1, [{ startMs: 7_000, endMs: 7_500, kinds: ['login'], attempts: 2 }]);
    assert.deepEqual(log.section(10_000), {
      totalS: 2.6,
      periods: [
        {
          startS: 2,
          endS: 4.1,
          kinds: ['unreachable', 'login'],
          reconnectAttempts: 9,
          ongoing: false,
        },
        { startS: 7, endS: 7.5, kinds: ['login'], reconnectAttempts: 2, ongoing: false },
      ],
    });
  });

  it('ends an outage still going on at the run’s end, and cuts what lasted beyond it', () => {
    const log = new OutageLog();
    log.add(0, [{ startMs: 8_000, endMs: null, kinds: ['unreachable'], attempts: 3 }]);
    log.add(1, [{ startMs: 1_000, endMs: 12_000, kinds: ['unreachable'], attempts: 1 }]);
    const section = log.section(5_000);
    assert.deepEqual(section?.periods, [
      { startS: 1, endS: 5, kinds: ['unreachable'], reconnectAttempts: 4, ongoing: true },
    ]);
    assert.equal(section?.totalS, 4);
  });
});
