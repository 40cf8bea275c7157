/**
 * The shared target contract (contract.ts) against a real SQL Server, when one is given:
 *
 *   CHATLOAD_MSSQL_URL='mssql://USER:PASSWORD@HOST:1433/chatload_test?trustServerCertificate=true'
 *
 * The database must be empty or one chatload created: the suite provisions into it with --force.
 * For the production-store guard the suite needs a second database holding a Persistent Chat
 * table chatload did not create: set CHATLOAD_MSSQL_FOREIGN_URL to an empty scratch database
 * (the suite creates dbo.tblChat in it), or let the suite create and drop a database
 * `chatload_foreign_<pid>` itself (the login then needs CREATE DATABASE).
 *
 * The evidence sampler's views are read against the same server (contract-mssql-evidence.ts).
 *
 * Without CHATLOAD_MSSQL_URL the suite is reported SKIPPED with the reason, in the test report
 * and on stderr (runTargetContract prints it).
 */
import { after } from 'node:test';
import sql from 'mssql';
import {
  parseMssqlTarget,
  type MssqlTargetConfig,
} from '../../src/targets/mssql/connection-string.js';
import { toPoolConfig } from '../../src/targets/mssql/pool-config.js';
import { MssqlTarget } from '../../src/targets/mssql/target.js';
import { runTargetContract } from './contract.js';
import { mssqlEvidenceContract } from './contract-mssql-evidence.js';

const SKIP_REASON = 'CHATLOAD_MSSQL_URL is not set: SQL Server integration tests not run';

const url = process.env['CHATLOAD_MSSQL_URL'];
const foreignUrl = process.env['CHATLOAD_MSSQL_FOREIGN_URL'];

async function runBatch(config: MssqlTargetConfig, text: string): Promise<void> {
  const pool = await new sql.ConnectionPool(toPoolConfig(config, 1)).connect();
  try {
    await pool.request().batch(text);
  } finally {
    await pool.close();
  }
}

const createdDatabases: { server: MssqlTargetConfig; name: string }[] = [];

/** An empty database with one Persistent Chat table that chatload did not create. */
async function makeForeignStore(base: MssqlTargetConfig): Promise<MssqlTarget> {
  let foreign: MssqlTargetConfig;
  if (foreignUrl !== undefined && foreignUrl !== '') {
    foreign = parseMssqlTarget(foreignUrl);
  } else {
    const name = `chatload_foreign_${process.pid}`;
    await runBatch(base, `IF DB_ID(N'${name}') IS NULL CREATE DATABASE [${name}];`);
    createdDatabases.push({ server: base, name });
    foreign = { ...base, database: name };
  }
  await runBatch(
    foreign,
    `IF OBJECT_ID(N'dbo.tblChat', N'U') IS NULL
CREATE TABLE dbo.tblChat (channelId int NOT NULL, chatId bigint NOT NULL, content nvarchar(max) NOT NULL);`,
  );
  return new MssqlTarget(foreign, { connections: 2 });
}

runTargetContract(
  'mssql',
  () =>
    url === undefined || url === ''
      ? null
      : new MssqlTarget(parseMssqlTarget(url), { connections: 4 }),
  SKIP_REASON,
  url === undefined || url === ''
    ? {}
    : {
        workerUrl: url,
        makeForeignStore: () => makeForeignStore(parseMssqlTarget(url)),
      },
);

mssqlEvidenceContract(url === undefined || url === '' ? null : parseMssqlTarget(url), SKIP_REASON);

after(async () => {
  for (const { server, name } of createdDatabases) {
    await runBatch(
      server,
      `IF DB_ID(N'${name}') IS NOT NULL BEGIN ALTER DATABASE [${name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [${name}]; END;`,
    ).catch((error: unknown) => {
      process.stderr.write(`could not drop the test database ${name}: ${String(error)}\n`);
    });
  }
});
