/**
 * The server is named from what it says about itself (@@VERSION, SERVERPROPERTY), not from its
 * version number: real answers of SQL Server 2008 R2, 2012, 2019, Azure SQL and Babelfish
 * (server-identities.ts) each get their own name and the version gating says what it concluded.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sql from 'mssql';
import { versionGate } from '../../src/targets/mssql/gating.js';
import { identifyServer, type VersionRow } from '../../src/targets/mssql/identity.js';
import { readServerInfo } from '../../src/targets/mssql/server-info.js';
import { VERSION_QUERY } from '../../src/targets/mssql/version.js';
import { SERVERS, type ServerFixture } from './server-identities.js';

const fixtures = Object.entries(SERVERS) as [string, ServerFixture][];

describe('identifyServer() on real servers’ answers', () => {
  for (const [name, fixture] of fixtures) {
    it(`${name}: ${fixture.product}`, () => {
      const identity = identifyServer(fixture.row);
      assert.equal(identity.family, fixture.family);
      assert.equal(identity.product, fixture.product);
      assert.equal(identity.edition, fixture.edition);
      assert.equal(identity.productVersion, fixture.row.productVersion);
      const firstLine = fixture.row.banner?.split('\n')[0]?.trim();
      assert.equal(identity.banner, firstLine);
    });
  }

  it('never calls a server that is not Microsoft’s "Microsoft SQL Server"', () => {
    for (const [name, fixture] of fixtures) {
      const { product } = identifyServer(fixture.row);
      assert.equal(
        product.startsWith('Microsoft SQL Server'),
        fixture.family === 'sqlserver',
        `${name}: ${product}`,
      );
    }
  });

  it('issue 11: Babelfish 4.2 as measured there is not "Microsoft SQL Server 2014 SP2.0"', () => {
    // The SERVERPROPERTY answers the issue recorded (12.0.2000.8, level SP2.0, Standard Edition,
    // compatibility level 120), with SERVERPROPERTY('BabelfishVersion') as Babelfish 4.2 gives it.
    const measured: VersionRow = {
      banner: null,
      productVersion: '12.0.2000.8',
      productLevel: 'SP2.0',
      edition: 'Standard Edition',
      engineEdition: 2,
      compatibilityLevel: 120,
      babelfishVersion: '4.2.0',
    };
    const identity = identifyServer(measured);
    assert.equal(identity.family, 'babelfish');
    assert.equal(identity.product, 'Babelfish for PostgreSQL 4.2.0 (TDS, reports 12.0)');
    assert.equal(identity.edition, null, 'the emulated edition is not shown as a fact');
    assert.doesNotMatch(identity.product, /2014|SP2\.0|Standard/);
  });

  it('believes SERVERPROPERTY(BabelfishVersion) over an @@VERSION made to look like Microsoft’s', () => {
    // Babelfish lets an administrator set @@VERSION (babelfish_extensions issue #703); its
    // BabelfishVersion property stays. Microsoft's servers answer NULL for it, Babelfish '' for
    // a property it does not know.
    const disguised = { ...SERVERS.babelfishAurora.row, banner: SERVERS.sql2019.row.banner };
    assert.equal(identifyServer(disguised).family, 'babelfish');
    assert.equal(
      identifyServer({ ...SERVERS.sql2019.row, babelfishVersion: '' }).family,
      'sqlserver',
    );
  });

  it('names a server it does not recognise by its own words, as a TDS server', () => {
    const unknown = identifyServer({
      ...SERVERS.sql2012.row,
      banner: null,
    });
    assert.equal(unknown.family, 'tds');
    assert.equal(unknown.product, 'an unidentified server (TDS, reports 11.0)');
    assert.equal(unknown.edition, null);
  });
});

describe('the version gating', () => {
  for (const [name, fixture] of fixtures) {
    it(`${name}: memory from ${fixture.memoryColumn}, and says why`, () => {
      const gate = versionGate(identifyServer(fixture.row));
      assert.ok(gate.sysInfo !== null);
      assert.match(gate.sysInfo.text, new RegExp(`\\.${fixture.memoryColumn} /`));
      assert.match(gate.conclusion, /every statement is the portable 2008 R2 subset$/);
      const reason: Record<ServerFixture['family'], RegExp> = {
        sqlserver:
          /^\d+\.\d+ is SQL Server [\d R]+: memory from \S+ \(its name (before 2012|from 2012 on)\)/,
        'azure-sql': /^Azure SQL reports 12\.0 on every engine it runs/,
        babelfish: /^12\.0 is what Babelfish reports for compatibility, not a SQL Server release/,
        tds: /taken at its word/,
      };
      assert.match(gate.conclusion, reason[fixture.family]);
    });
  }

  it('sends no version-dependent query when the version could not be read', () => {
    const gate = versionGate(identifyServer({ ...SERVERS.sql2019.row, productVersion: null }));
    assert.equal(gate.sysInfo, null);
    assert.match(gate.conclusion, /could not be read/);
  });
});

describe('serverInfo() of a Babelfish server', () => {
  it('names it, keeps CPUs and memory unknown with the reason, and records the evidence', async () => {
    const relationMissing = (): never => {
      const message = 'relation "sys.dm_os_sys_info" does not exist';
      const inner = Object.assign(new Error(message), {
        info: { number: 208, message, state: 1, class: 16 },
      });
      throw new sql.RequestError(inner, 'EREQUEST');
    };
    const asked: string[] = [];
    const info = await readServerInfo(async <T>(text: string): Promise<T | undefined> => {
      asked.push(text);
      if (text === VERSION_QUERY.text) return SERVERS.babelfishWiltonDb.row as T;
      return relationMissing();
    });
    assert.equal(asked.length, 2);
    assert.equal(info.product, SERVERS.babelfishWiltonDb.product);
    assert.equal(info.family, 'babelfish');
    assert.equal(info.edition, null);
    assert.equal(info.productVersion, '12.0.2000.8');
    assert.equal(
      info.banner,
      'Babelfish for PostgreSQL with SQL Server Compatibility - 12.0.2000.8',
    );
    assert.match(info.gating ?? '', /what Babelfish reports for compatibility/);
    assert.deepEqual(
      info.unknown.map((u) => u.fact),
      ['cpus', 'memoryMb'],
    );
    for (const u of info.unknown) {
      assert.equal(
        u.reason,
        `${SERVERS.babelfishWiltonDb.product} did not answer sys.dm_os_sys_info: relation "sys.dm_os_sys_info" does not exist`,
      );
    }
  });
});
