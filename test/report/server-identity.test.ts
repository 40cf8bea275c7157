/**
 * The server as identified, and what the version gating concluded, reach the results file (and
 * are read back), the terminal summary's header and the report's header; a results file written
 * before the product was identified still reads and shows as it did.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import sql from 'mssql';
import { parseResults } from '../../src/metrics/results-file.js';
import type { ResultsFile } from '../../src/metrics/results.js';
import { runFacts } from '../../src/report/header.js';
import { renderRunSummary } from '../../src/report/run-summary.js';
import { readServerInfo } from '../../src/targets/mssql/server-info.js';
import { VERSION_QUERY } from '../../src/targets/mssql/version.js';
import { SERVERS, type ServerFixture } from '../targets/server-identities.js';
import { FIXTURES } from './results-fixtures.js';

const old = JSON.parse(await readFile(`${FIXTURES}sample-run.json`, 'utf8')) as ResultsFile;

/** The results file of a run against `fixture`'s server (sys.dm_os_sys_info as `sysInfo`). */
async function resultsAgainst(
  fixture: ServerFixture,
  sysInfo: () => unknown,
): Promise<ResultsFile> {
  const info = await readServerInfo(
    async <T>(text: string): Promise<T | undefined> =>
      (text === VERSION_QUERY.text ? fixture.row : sysInfo()) as T,
  );
  const { kind, ...facts } = info;
  const file = {
    ...old,
    target: { ...facts, kind, description: 'mssql://loader@db1:1433/mgc', compliance: null },
  };
  // Through JSON and the reader, as `chatload report` would see it.
  return parseResults(JSON.parse(JSON.stringify(file)), 'run.json');
}

function fact(results: ResultsFile, label: string): string | undefined {
  return runFacts(results).find(([l]) => l === label)?.[1];
}

function headerLines(results: ResultsFile): string[] {
  return renderRunSummary(results).split('\n').slice(0, 4);
}

describe('the server identity in results, summary and report', () => {
  it('names a Babelfish server as such, with the gating and the reason for unknown facts', async () => {
    const results = await resultsAgainst(SERVERS.babelfishWiltonDb, () => {
      const message = 'relation "sys.dm_os_sys_info" does not exist';
      const inner = Object.assign(new Error(message), { info: { number: 208, message } });
      throw new sql.RequestError(inner, 'EREQUEST');
    });
    assert.equal(results.target.family, 'babelfish');
    const [, target, gating] = headerLines(results);
    assert.equal(
      target,
      'target   mssql://loader@db1:1433/mgc: Babelfish for PostgreSQL 3.3.0 on PostgreSQL 15.4 (TDS, reports 12.0)',
    );
    assert.match(gating ?? '', /^gating {3}12\.0 is what Babelfish reports for compatibility/);
    assert.equal(fact(results, 'product'), SERVERS.babelfishWiltonDb.product);
    assert.equal(
      fact(results, '@@VERSION'),
      'Babelfish for PostgreSQL with SQL Server Compatibility - 12.0.2000.8',
    );
    assert.match(fact(results, 'version gating') ?? '', /not a SQL Server release/);
    assert.match(
      fact(results, 'server memory') ?? '',
      /^unknown \(Babelfish for PostgreSQL 3\.3\.0 .* did not answer sys\.dm_os_sys_info: relation/,
    );
  });

  it('names SQL Server 2008 R2 with its level, version and edition', async () => {
    const results = await resultsAgainst(SERVERS.sql2008r2, () => ({ cpus: 16, memoryMb: 65534 }));
    assert.equal(
      headerLines(results)[1],
      'target   mssql://loader@db1:1433/mgc: Microsoft SQL Server 2008 R2 SP3 (database compatibility level 100: 2008/2008 R2) 10.50.6000.34, Standard Edition (64-bit)',
    );
    assert.match(
      headerLines(results)[2] ?? '',
      /^gating {3}10\.50 is SQL Server 2008 R2: memory from sys\.dm_os_sys_info\.physical_memory_in_bytes/,
    );
    assert.equal(fact(results, 'server memory'), '64.0 GB');
  });

  it('reads and shows a file written before the identity was recorded as it always did', () => {
    const file = parseResults(JSON.parse(JSON.stringify(old)), 'sample-run.json');
    assert.equal(file.target.family, undefined);
    const [, target, run] = headerLines(file);
    assert.equal(target, 'target   sqlite:.chatload/mgc.db: SQLite 3.50.4');
    assert.match(run ?? '', /^run {6}/, 'no gating line without a gating conclusion');
    assert.equal(fact(file, 'product'), 'SQLite 3.50.4');
    assert.equal(fact(file, 'version gating'), undefined);
  });

  it('refuses a family it does not know', () => {
    const bad = { ...old, target: { ...old.target, family: 'oracle' } };
    assert.throws(() => parseResults(bad, 'bad.json'), /target\.family.*must be one of/);
  });
});
