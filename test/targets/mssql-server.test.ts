/**
 * Against a real SQL Server (or TDS-compatible server), when CHATLOAD_MSSQL_URL is set: the
 * identity chatload derives agrees with the server's own SERVERPROPERTY('Babelfish'), and a
 * foreign key added the way provisioning adds it (no explicit WITH CHECK) is checked against the
 * existing rows and trusted. Without the variable the cases are reported SKIPPED with the reason.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sql from 'mssql';
import { foreignKeyBatch } from '../../src/targets/schema/render-tsql.js';
import type { TableDef } from '../../src/targets/schema/types.js';
import { parseMssqlTarget } from '../../src/targets/mssql/connection-string.js';
import { identifyServer, type VersionRow } from '../../src/targets/mssql/identity.js';
import { toPoolConfig } from '../../src/targets/mssql/pool-config.js';
import { VERSION_QUERY } from '../../src/targets/mssql/version.js';

const url = process.env['CHATLOAD_MSSQL_URL'];
const SKIP_REASON = 'CHATLOAD_MSSQL_URL is not set: SQL Server integration tests not run';
const PARENT = 'chatload_fkprobe_parent';
const CHILD = 'chatload_fkprobe_child';
const DROP_PROBES = `
IF OBJECT_ID(N'dbo.${CHILD}', N'U') IS NOT NULL DROP TABLE dbo.${CHILD};
IF OBJECT_ID(N'dbo.${PARENT}', N'U') IS NOT NULL DROP TABLE dbo.${PARENT};`;

function serverCases(serverUrl: string): void {
  let pool: sql.ConnectionPool;

  before(async () => {
    pool = await new sql.ConnectionPool(toPoolConfig(parseMssqlTarget(serverUrl), 1)).connect();
  });
  after(async () => {
    await pool?.request().batch(DROP_PROBES);
    await pool?.close();
  });

  it('names Babelfish exactly when the server says it is Babelfish', async () => {
    const row = (await pool.request().query<VersionRow>(VERSION_QUERY.text)).recordset[0];
    assert.ok(row !== undefined);
    const says = await pool
      .request()
      .query<{ babelfish: number | null }>(
        "SELECT CAST(SERVERPROPERTY('Babelfish') AS int) AS babelfish;",
      );
    const identity = identifyServer(row);
    assert.equal(identity.family === 'babelfish', says.recordset[0]?.babelfish === 1);
    assert.ok(identity.product.length > 0 && identity.banner !== null, identity.product);
  });

  it('checks and trusts a foreign key added without an explicit WITH CHECK', async () => {
    await pool.request().batch(`${DROP_PROBES}
CREATE TABLE dbo.${PARENT} (id int NOT NULL PRIMARY KEY);
CREATE TABLE dbo.${CHILD} (parentId int NOT NULL);
INSERT INTO dbo.${PARENT} (id) VALUES (1);
INSERT INTO dbo.${CHILD} (parentId) VALUES (1), (2);`);
    const child = { name: CHILD } as TableDef;
    const fk = foreignKeyBatch(child, { columns: ['parentId'], table: PARENT, references: ['id'] });
    await assert.rejects(
      pool.request().batch(fk.text),
      (error: unknown) => (error as { number?: number }).number === 547,
      'the orphan row (parentId 2) must make the new key fail its check',
    );
    await pool.request().batch(`DELETE FROM dbo.${CHILD} WHERE parentId = 2;`);
    await pool.request().batch(fk.text);
    const trusted = await pool
      .request()
      .query<{ untrusted: number }>(
        `SELECT CAST(f.is_not_trusted AS int) AS untrusted FROM sys.foreign_keys AS f WHERE f.parent_object_id = OBJECT_ID(N'dbo.${CHILD}');`,
      );
    assert.deepEqual(
      trusted.recordset.map((r) => r.untrusted),
      [0],
    );
  });
}

if (url === undefined || url === '') {
  console.error(`\n*** SKIPPED: SQL Server identity and constraints: ${SKIP_REASON} ***\n`);
  // A skipped test (not only a skipped suite) so the run's summary counts it as skipped.
  describe('SQL Server identity and constraints', () => {
    it(`SKIPPED: ${SKIP_REASON}`, { skip: SKIP_REASON }, () => undefined);
  });
} else {
  describe('SQL Server identity and constraints', () => serverCases(url));
}
