import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isKnown } from '../../src/evidence/fact.js';
import {
  BENIGN_WAITS,
  isBenignWait,
  waitClass,
  waitDeltas,
  type WaitRow,
} from '../../src/evidence/mssql/waits.js';

const row = (waitType: string, waitMs: number, signalMs = 0, tasks = 1): WaitRow => ({
  waitType,
  tasks,
  waitMs,
  signalMs,
});

describe('benign waits (the exclusion list as data)', () => {
  it('leaves out every idle or background wait sqlserver-evidence.md names', () => {
    const named = [
      'LAZYWRITER_SLEEP',
      'SLEEP_TASK',
      'SQLTRACE_BUFFER_FLUSH',
      'SQLTRACE_INCREMENTAL_FLUSH_SLEEP',
      'WAITFOR',
      'XE_TIMER_EVENT',
      'XE_DISPATCHER_WAIT',
      'REQUEST_FOR_DEADLOCK_SEARCH',
      'LOGMGR_QUEUE',
      'CHECKPOINT_QUEUE',
      'BROKER_TASK_STOP',
      'BROKER_TO_FLUSH',
      'CLR_AUTO_EVENT',
      'CLR_MANUAL_EVENT',
      'FT_IFTS_SCHEDULER_IDLE_WAIT',
      'DIRTY_PAGE_POLL',
      'SP_SERVER_DIAGNOSTICS_SLEEP',
      'HADR_WORK_QUEUE',
      'HADR_TIMER_TASK',
      'ONDEMAND_TASK_QUEUE',
      'DISPATCHER_QUEUE_SEMAPHORE',
      'SLEEP_BPOOL_FLUSH',
      'SLEEP_SYSTEMTASK',
    ];
    for (const wait of named) assert.ok(isBenignWait(wait), wait);
  });

  it('keeps every wait that says something about load, HADR_SYNC_COMMIT included', () => {
    const load = [
      'WRITELOG',
      'PAGEIOLATCH_SH',
      'PAGEIOLATCH_EX',
      'LCK_M_U',
      'LCK_M_X',
      'PAGELATCH_EX',
      'SOS_SCHEDULER_YIELD',
      'ASYNC_NETWORK_IO',
      'RESOURCE_SEMAPHORE',
      'CXPACKET',
      'HADR_SYNC_COMMIT',
      'THREADPOOL',
    ];
    for (const wait of load) assert.ok(!isBenignWait(wait), wait);
  });

  it('holds wait type names only (upper case, no spaces)', () => {
    for (const wait of BENIGN_WAITS) assert.match(wait, /^[A-Z0-9_]+$/);
  });
});

describe('wait classes', () => {
  it('sorts wait types into the classes of a chat store', () => {
    const table: [string, string][] = [
      ['WRITELOG', 'log flush'],
      ['PAGEIOLATCH_UP', 'data reads'],
      ['LCK_M_RIn_NL', 'locks'],
      ['PAGELATCH_SH', 'page latches'],
      ['SOS_SCHEDULER_YIELD', 'CPU'],
      ['ASYNC_NETWORK_IO', 'network and client'],
      ['RESOURCE_SEMAPHORE', 'memory grants'],
      ['CXPACKET', 'parallelism'],
      ['THREADPOOL', 'other'],
    ];
    for (const [wait, expected] of table) assert.equal(waitClass(wait), expected, wait);
  });
});

describe('wait deltas', () => {
  it('computes shares on non-benign wait time, resource apart from signal', () => {
    const start = [row('WRITELOG', 1000, 100), row('LCK_M_U', 500, 10), row('SLEEP_TASK', 9000)];
    const end = [
      row('WRITELOG', 1600, 130),
      row('LCK_M_U', 900, 30),
      row('SLEEP_TASK', 99000),
      row('SOS_SCHEDULER_YIELD', 200, 200),
    ];
    const d = waitDeltas(start, end, 10);
    assert.ok(isKnown(d));
    assert.equal(d.value.totalMs, 1200);
    assert.equal(d.value.signalMs, 250);
    assert.equal(d.value.resourceMs, 950);
    assert.equal(d.value.benignMs, 90000);
    assert.equal(d.value.waitingTasks, 0.12);
    assert.deepEqual(
      d.value.classes.map((c) => [c.waitClass, c.waitMs, c.top]),
      [
        ['log flush', 600, 'WRITELOG'],
        ['locks', 400, 'LCK_M_U'],
        ['CPU', 200, 'SOS_SCHEDULER_YIELD'],
      ],
    );
    assert.equal(d.value.classes[0]?.share, 0.5);
  });

  it('discards the window, saying so, when a wait went backwards (cleared or restarted)', () => {
    const d = waitDeltas([row('WRITELOG', 1000)], [row('WRITELOG', 10)], 10);
    assert.ok(!isKnown(d));
    assert.match(d.unknown, /went backwards \(WRITELOG\).*cleared or the server restarted/);
  });

  it('discards the window when a wait type vanished (a CLEAR drops zeroed rows)', () => {
    const d = waitDeltas([row('WRITELOG', 1000), row('LCK_M_U', 50)], [row('WRITELOG', 1200)], 10);
    assert.ok(!isKnown(d));
    assert.match(d.unknown, /LCK_M_U/);
  });
});
