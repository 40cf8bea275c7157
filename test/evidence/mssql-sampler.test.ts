/**
 * The sampler's behaviour that needs no server: each view it may not read becomes an unknown
 * fact with the reason (the errors are shaped as node-mssql raises them), rows of an unexpected
 * shape do the same, and a sample never throws. The views themselves are read against a real
 * server in the SQL Server contract suite (mssql-evidence.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isKnown, type Fact } from '../../src/evidence/fact.js';
import { FILE_STATS, QUERY_STATS, WAIT_STATS } from '../../src/evidence/mssql/queries.js';
import {
  takeMssqlSnapshot,
  unreadableReason,
  type RunQuery,
} from '../../src/evidence/mssql/sampler.js';

/** A RequestError as node-mssql raises it for a server error number. */
function serverError(number: number, message: string): Error {
  const original = Object.assign(new Error(message), { number, class: 14 });
  return Object.assign(new Error(message), {
    name: 'RequestError',
    code: 'EREQUEST',
    number,
    originalError: original,
  });
}

describe('SQL Server evidence sampler without permission', () => {
  it('words permission, missing-view and other failures for a DBA', () => {
    assert.match(
      unreadableReason(
        'sys.dm_os_wait_stats',
        serverError(
          300,
          'VIEW SERVER STATE permission was denied on object \u0027server\u0027, database \u0027master\u0027.',
        ),
      ),
      /^the login lacks VIEW SERVER STATE, which sys.dm_os_wait_stats needs \(SQL Server error 300\)/,
    );
    assert.match(
      unreadableReason(
        'sys.dm_os_wait_stats',
        serverError(297, 'The user does not have permission to perform this action.'),
      ),
      /lacks VIEW SERVER STATE.*error 297/,
    );
    assert.match(
      unreadableReason(
        'sys.dm_exec_query_stats',
        serverError(208, "Invalid object name 'sys.dm_exec_query_stats'."),
      ),
      /^this server has no sys.dm_exec_query_stats \(a TDS-compatible server such as Babelfish may lack it\)/,
    );
    assert.match(
      unreadableReason(
        'sys.dm_os_wait_stats',
        serverError(33557097, 'relation "sys.dm_os_wait_stats" does not exist'),
      ),
      /^this server has no sys.dm_os_wait_stats/,
    );
    assert.match(
      unreadableReason(
        'sys.dm_os_wait_stats',
        Object.assign(new Error('Connection lost - read ECONNRESET'), { code: 'ESOCKET' }),
      ),
      /^sys.dm_os_wait_stats could not be read: Connection lost/,
    );
  });

  it('turns every refused view into an unknown fact and never throws', async () => {
    const calls: string[] = [];
    const run: RunQuery = async (stmt, values) => {
      calls.push(`${stmt.name}${'database' in values ? ` ${String(values['database'])}` : ''}`);
      throw serverError(300, 'VIEW SERVER STATE permission was denied');
    };
    const snapshot = await takeMssqlSnapshot(run, {
      databases: ['mgc_test', 'mgccomp_test'],
      now: () => 5,
    });
    assert.equal(calls.length, 5, calls.join('; '));
    assert.ok(calls.includes(`${FILE_STATS.name} mgccomp_test`));
    const facts: Fact<unknown>[] = [
      snapshot.waits,
      snapshot.counters,
      snapshot.statements,
      ...snapshot.files.map((f) => f.rows),
    ];
    for (const fact of facts) {
      assert.ok(!isKnown(fact));
      assert.match(fact.unknown, /lacks VIEW SERVER STATE/);
    }
    assert.equal(snapshot.atMs, 5);
  });

  it('keeps what it could read when only some views are refused', async () => {
    const run: RunQuery = async (stmt) => {
      if (stmt.name === WAIT_STATS.name) {
        return [
          {
            wait_type: 'WRITELOG',
            waiting_tasks_count: '9',
            wait_time_ms: '120',
            signal_wait_time_ms: '3',
          },
        ];
      }
      if (stmt.name === QUERY_STATS.name)
        throw serverError(208, "Invalid object name 'sys.dm_exec_query_stats'.");
      return [];
    };
    const snapshot = await takeMssqlSnapshot(run, { databases: ['mgc_test'] });
    assert.deepEqual(snapshot.waits, {
      value: [{ waitType: 'WRITELOG', tasks: 9, waitMs: 120, signalMs: 3 }],
    });
    assert.ok(!isKnown(snapshot.statements));
    assert.match(snapshot.statements.unknown, /Babelfish/);
  });

  it('turns a row of unexpected shape into an unknown fact', async () => {
    const run: RunQuery = async (stmt) =>
      stmt.name === WAIT_STATS.name ? [{ wait_type: 'WRITELOG', waiting_tasks_count: 'many' }] : [];
    const snapshot = await takeMssqlSnapshot(run, { databases: [] });
    assert.ok(!isKnown(snapshot.waits));
    assert.match(
      snapshot.waits.unknown,
      /sys.dm_os_wait_stats returned an unexpected row: column waiting_tasks_count/,
    );
  });
});
