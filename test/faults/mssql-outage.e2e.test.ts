/**
 * A SQL Server that goes away mid-run, through a socket-level fault injector (fault-proxy.ts)
 * placed between chatload and the real server named by CHATLOAD_MSSQL_URL: a restart (every
 * connection cut, new ones refused for a while) is survived — failures counted by kind,
 * reconnection with backoff, the unavailable time in the results — and a server that stays down
 * ends the run with exit 3 after --max-outage, keeping what was measured. Each case runs in a
 * database of its own, created and dropped here (the login needs CREATE DATABASE). Without the
 * variable the cases are reported SKIPPED with the reason.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sql from 'mssql';
import { ExitCode } from '../../src/core/errors.js';
import { models } from '../../src/model/index.js';
import { startRun, type RunOutcome } from '../../src/run/run.js';
import { defineScenario } from '../../src/scenario/define.js';
import { validateScenario } from '../../src/scenario/validate.js';
import {
  parseMssqlTarget,
  type MssqlTargetConfig,
} from '../../src/targets/mssql/connection-string.js';
import { toPoolConfig } from '../../src/targets/mssql/pool-config.js';
import { FaultProxy } from './fault-proxy.js';

const url = process.env['CHATLOAD_MSSQL_URL'];
const SKIP_REASON = 'CHATLOAD_MSSQL_URL is not set: SQL Server integration tests not run';

/** The target as chatload's URL form, through the proxy on loopback, in `database`. */
function viaProxy(config: MssqlTargetConfig, port: number, database: string): string {
  const user = encodeURIComponent(config.user);
  const password = encodeURIComponent(config.password);
  const options = new URLSearchParams({
    encrypt: String(config.encrypt),
    // The server's certificate names the server, not 127.0.0.1 (the proxy).
    trustServerCertificate: String(config.encrypt || config.trustServerCertificate),
    tdsVersion: config.tdsVersion,
    legacyTls: String(config.legacyTls),
    requestTimeout: String(config.requestTimeoutMs),
    connectTimeout: String(config.connectTimeoutMs),
    appName: 'chatload-outage-test',
  });
  return `mssql://${user}:${password}@127.0.0.1:${port}/${database}?${options}`;
}

async function onServer(config: MssqlTargetConfig, text: string): Promise<void> {
  const pool = await new sql.ConnectionPool(toPoolConfig(config, 1)).connect();
  try {
    await pool.request().batch(text);
  } finally {
    await pool.close();
  }
}

const scenario = validateScenario(
  defineScenario({
    description: 'the model’s mix through a server outage',
    model: {
      base: models.lync2013,
      overrides: {
        population: { provisionedUsers: 2_000, concurrentUsers: 1_000 },
        roomClasses: { large: { usersPerRoom: 500, usersWithGroupAccess: 500 } },
      },
    },
    seed: 17,
    options: {
      scenarios: {
        mix: { executor: 'constant-arrival-rate', exec: 'model', rate: 5, duration: '20s' },
      },
    },
  }),
  'mssql-outage.e2e.test.ts',
  {},
);

/** Runs the scenario, calling `at[second]` when the run clock passes that second. */
function runWithFaults(
  target: string,
  at: Record<number, () => void>,
  maxOutageMs?: number,
): Promise<RunOutcome> {
  const due = new Map(Object.entries(at).map(([s, act]) => [Number(s) * 1000, act]));
  return startRun(
    {
      scenario,
      target,
      complianceTarget: null,
      defaultStore: false,
      workers: 2,
      connections: 4,
      ...(maxOutageMs === undefined ? {} : { maxOutageMs }),
      tracePath: null,
    },
    (event) => {
      if (event.kind !== 'progress') return;
      for (const [ms, act] of due) {
        if (event.elapsedMs >= ms) {
          due.delete(ms);
          act();
        }
      }
    },
  ).done;
}

function outageCases(serverUrl: string): void {
  const server = parseMssqlTarget(serverUrl);
  const database = `chatload_outage_${process.pid}`;
  let proxy: FaultProxy;

  before(async () => {
    await onServer(server, `IF DB_ID(N'${database}') IS NULL CREATE DATABASE [${database}];`);
    proxy = await FaultProxy.start(server.host, server.port ?? 1433);
  });

  after(async () => {
    await proxy?.close();
    await onServer(
      server,
      `IF DB_ID(N'${database}') IS NOT NULL BEGIN ALTER DATABASE [${database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [${database}]; END;`,
    );
  });

  it('survives a restart: failures by kind, reconnects, the unavailable time reported', async () => {
    const { results, failure } = await runWithFaults(viaProxy(server, proxy.port, database), {
      5: () => {
        proxy.refuse(true);
        proxy.cut();
      },
      9: () => proxy.refuse(false),
    });
    assert.equal(failure, null);
    assert.equal(results.run.status, 'completed');
    assert.ok(
      results.errors.some((e) => e.code === 'E_TARGET_UNREACHABLE'),
      JSON.stringify(results.errors),
    );
    const unavailable = results.run.unavailable;
    assert.ok(unavailable !== undefined, 'the outage is in the results');
    assert.ok(
      unavailable.totalS >= 3 && unavailable.totalS <= 4 + 6,
      `unavailable ${unavailable.totalS} s for a 4 s refusal (plus up to the backoff)`,
    );
    assert.ok(unavailable.periods.every((p) => !p.ongoing && p.reconnectAttempts >= 1));
    // Work succeeded again after the server came back.
    const lastEnd = Math.max(...unavailable.periods.map((p) => p.endS));
    const after = results.timeseries.t.flatMap((t, k) =>
      t > lastEnd + 1
        ? Object.values(results.timeseries.ops).map((s) => (s.count[k] ?? 0) - (s.failed[k] ?? 0))
        : [],
    );
    assert.ok(after.reduce((a, b) => a + b, 0) > 0, 'transactions succeeded after the reconnect');
    assert.equal(results.run.connections?.store, 4);
  });

  it('gives up on a server that stays down: exit 3, partial results kept', async () => {
    const { results, failure } = await runWithFaults(
      viaProxy(server, proxy.port, database),
      {
        3: () => {
          proxy.refuse(true);
          proxy.cut();
        },
      },
      3_000,
    );
    proxy.refuse(false);
    assert.ok(failure !== null);
    assert.equal(failure.code, 'E_TARGET_UNREACHABLE');
    assert.equal(failure.exitCode, ExitCode.targetUnavailable);
    assert.match(failure.message, /giving up/);
    assert.equal(results.run.status, 'aborted');
    assert.ok(results.run.durationS < 15, `ended at ${results.run.durationS} s of a 20 s run`);
    assert.ok(results.run.unavailable?.periods.at(-1)?.ongoing === true);
    const done = Object.values(results.ops).reduce((n, op) => n + op.count - op.failed, 0);
    assert.ok(done > 0, 'what succeeded before the outage is kept');
  });
}

if (url === undefined || url === '') {
  console.error(`\n*** SKIPPED: SQL Server outages through a fault injector: ${SKIP_REASON} ***\n`);
  describe('SQL Server outages through a fault injector', () => {
    it(`SKIPPED: ${SKIP_REASON}`, { skip: SKIP_REASON }, () => undefined);
  });
} else {
  describe('SQL Server outages through a fault injector', () => outageCases(url));
}
