import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isKnown, valueOf } from '../../src/evidence/fact.js';
import {
  CounterType,
  findCounter,
  objectName,
  readCounters,
  type CounterRow,
} from '../../src/evidence/mssql/counters.js';
import { counterRow } from '../../src/evidence/mssql/rows.js';

const pad = (s: string): string => s.padEnd(128, ' ');

/** A row as the driver returns it: nchar padded, bigint as a string. */
function raw(object: string, counter: string, instance: string, value: number, type: number) {
  return counterRow({
    object_name: pad(object),
    counter_name: pad(counter),
    instance_name: pad(instance),
    cntr_value: String(value),
    cntr_type: type,
  });
}

describe('performance counter names', () => {
  it('matches objects after the instance prefix, on default and named instances', () => {
    assert.equal(objectName('SQLServer:Buffer Manager      '), 'Buffer Manager');
    assert.equal(objectName('MSSQL$CHAT:Locks   '), 'Locks');
    assert.equal(objectName('Locks'), 'Locks');
  });

  it('trims the nchar padding of every name', () => {
    const r = raw('MSSQL$CHAT:Databases', 'Log Flushes/sec', 'mgc_test', 5, CounterType.bulkCount);
    assert.deepEqual(r, {
      object: 'Databases',
      counter: 'Log Flushes/sec',
      instance: 'mgc_test',
      value: 5,
      type: CounterType.bulkCount,
    });
  });
});

describe('performance counters read by cntr_type', () => {
  const start: CounterRow[] = [
    raw('SQLServer:SQL Statistics', 'Batch Requests/sec', '', 1000, CounterType.bulkCount),
    raw('SQLServer:Buffer Manager', 'Page life expectancy', '', 900, CounterType.rawValue),
    raw('SQLServer:Buffer Manager', 'Buffer cache hit ratio', '', 90, CounterType.rawFraction),
    raw('SQLServer:Buffer Manager', 'Buffer cache hit ratio base', '', 100, CounterType.base),
    raw('SQLServer:Locks', 'Average Wait Time (ms)', '_Total', 5000, CounterType.averageBulk),
    raw('SQLServer:Locks', 'Average Wait Time Base', '_Total', 100, CounterType.base),
    raw(
      'SQLServer:Wait Statistics',
      'Log write waits',
      'Average wait time (ms)',
      800,
      CounterType.averageBulk,
    ),
    raw(
      'SQLServer:Wait Statistics',
      'Log write waits',
      'Average wait time base',
      200,
      CounterType.base,
    ),
    raw('SQLServer:Databases', 'Transactions/sec', 'mgc_test', 70, CounterType.bulkCount),
    raw('SQLServer:Databases', 'Transactions/sec', 'other_db', 70, CounterType.bulkCount),
    raw('SQLServer:Buffer Manager', 'Free list stalls/sec', '', 3, CounterType.bulkCount),
  ];
  const end: CounterRow[] = [
    raw('SQLServer:SQL Statistics', 'Batch Requests/sec', '', 7000, CounterType.bulkCount),
    raw('SQLServer:Buffer Manager', 'Page life expectancy', '', 600, CounterType.rawValue),
    raw('SQLServer:Buffer Manager', 'Buffer cache hit ratio', '', 198, CounterType.rawFraction),
    raw('SQLServer:Buffer Manager', 'Buffer cache hit ratio base', '', 200, CounterType.base),
    raw('SQLServer:Locks', 'Average Wait Time (ms)', '_Total', 8000, CounterType.averageBulk),
    raw('SQLServer:Locks', 'Average Wait Time Base', '_Total', 300, CounterType.base),
    raw(
      'SQLServer:Wait Statistics',
      'Log write waits',
      'Average wait time (ms)',
      800,
      CounterType.averageBulk,
    ),
    raw(
      'SQLServer:Wait Statistics',
      'Log write waits',
      'Average wait time base',
      200,
      CounterType.base,
    ),
    raw('SQLServer:Databases', 'Transactions/sec', 'mgc_test', 670, CounterType.bulkCount),
    raw('SQLServer:Databases', 'Transactions/sec', 'other_db', 9000, CounterType.bulkCount),
    raw('SQLServer:Buffer Manager', 'Free list stalls/sec', '', 30, CounterType.bulkCount),
  ];
  const readings = readCounters(start, end, 60, ['mgc_test']);
  const value = (object: string, counter: string, instance = '') =>
    valueOf(findCounter(readings, object, counter, instance)?.value ?? { unknown: 'absent' });

  it('65792: the value now, with both ends kept (page life expectancy falling)', () => {
    const ple = findCounter(readings, 'Buffer Manager', 'Page life expectancy');
    assert.equal(ple?.kind, 'value');
    assert.deepEqual(
      [ple?.start, ple?.end, value('Buffer Manager', 'Page life expectancy')],
      [900, 600, 600],
    );
  });

  it('272696576: a rate, Δvalue ÷ Δseconds', () => {
    assert.equal(value('SQL Statistics', 'Batch Requests/sec'), 100);
  });

  it('1073874176: an average over the window, Δvalue ÷ Δbase, whichever name holds "base"', () => {
    assert.equal(value('Locks', 'Average Wait Time (ms)', '_Total'), 15);
    const logWaits = findCounter(
      readings,
      'Wait Statistics',
      'Log write waits',
      'Average wait time (ms)',
    );
    assert.ok(logWaits !== undefined && !isKnown(logWaits.value));
    assert.equal(logWaits.value.unknown, 'no events in the window');
  });

  it('537003264: a ratio now, value ÷ base, at each end', () => {
    const ratio = findCounter(readings, 'Buffer Manager', 'Buffer cache hit ratio');
    assert.deepEqual([ratio?.start, ratio?.end], [0.9, 0.99]);
  });

  it('keeps the store databases\u2019 instances and the sampled counters only; no base rows', () => {
    assert.equal(value('Databases', 'Transactions/sec', 'mgc_test'), 10);
    assert.equal(findCounter(readings, 'Databases', 'Transactions/sec', 'other_db'), undefined);
    assert.equal(findCounter(readings, 'Buffer Manager', 'Free list stalls/sec'), undefined);
    assert.ok(readings.every((r) => !/ base$/i.test(r.counter)));
  });

  it('discards a counter that went backwards, and says why', () => {
    const restarted = readCounters(
      [raw('SQLServer:SQL Statistics', 'Batch Requests/sec', '', 7000, CounterType.bulkCount)],
      [raw('SQLServer:SQL Statistics', 'Batch Requests/sec', '', 50, CounterType.bulkCount)],
      60,
      [],
    );
    const reading = restarted[0];
    assert.ok(reading !== undefined && !isKnown(reading.value));
    assert.match(reading.value.unknown, /went backwards.*reset or the server restarted/);
  });
});
