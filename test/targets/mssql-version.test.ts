/**
 * Version parsing and naming, the feature gate, and what serverInfo() reports from the rows the
 * server would return (the query function is injected; which query text was asked for is
 * checked too, since the memory column differs between 2008 R2 and 2012).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sql from 'mssql';
import { readServerInfo, type VersionRow } from '../../src/targets/mssql/server-info.js';
import { SERVERS } from './server-identities.js';
import {
  FEATURE_GATES,
  VERSION_QUERY,
  compatibilityName,
  engineEditionName,
  isSupported,
  parseProductVersion,
  releaseName,
  supports,
  sysInfoQuery,
  type ProductVersion,
} from '../../src/targets/mssql/version.js';

function version(text: string): ProductVersion {
  const parsed = parseProductVersion(text);
  assert.ok(parsed !== null, text);
  return parsed;
}

describe('SQL Server versions', () => {
  it('parses ProductVersion into its four parts', () => {
    assert.deepEqual(parseProductVersion('10.50.6000.34'), {
      major: 10,
      minor: 50,
      build: 6000,
      revision: 34,
      text: '10.50.6000.34',
    });
    assert.equal(parseProductVersion('11.0.7001')?.revision, 0);
    assert.equal(parseProductVersion('16.0.4135.4')?.major, 16);
    assert.equal(parseProductVersion('Microsoft SQL Server 2012'), null);
    assert.equal(parseProductVersion(''), null);
  });

  it('names the releases, 10.50 as 2008 R2 and 11.0 as 2012', () => {
    const names = ['9.0', '10.0', '10.50', '11.0', '12.0', '13.0', '14.0', '15.0', '16.0'].map(
      (v) => releaseName(version(`${v}.1.0`)),
    );
    assert.deepEqual(names, [
      '2005',
      '2008',
      '2008 R2',
      '2012',
      '2014',
      '2016',
      '2017',
      '2019',
      '2022',
    ]);
    assert.equal(releaseName({ major: 18, minor: 0 }), '(version 18.0)');
  });

  it('supports 2008 and later only', () => {
    assert.ok(!isSupported(version('9.0.5000.0')));
    assert.ok(isSupported(version('10.0.6000.29')));
    assert.ok(isSupported(version('10.50.6000.34')));
    assert.ok(isSupported(version('17.0.100.0')));
  });

  it('names engine editions and compatibility levels', () => {
    assert.equal(engineEditionName(3), 'Enterprise');
    assert.equal(engineEditionName(4), 'Express');
    assert.equal(engineEditionName(99), 'engine edition 99');
    assert.equal(compatibilityName(100), '2008/2008 R2');
    assert.equal(compatibilityName(110), '2012');
  });
});

describe('the feature gate', () => {
  it('gates every feature past 2008 R2 and only those', () => {
    const gates: [string, { major: number; minor: number }][] = Object.entries(FEATURE_GATES);
    for (const [feature, gate] of gates) {
      assert.ok(
        gate.major > 10 || (gate.major === 10 && gate.minor > 50),
        `${feature} needs no gate`,
      );
    }
  });

  it('reads memory from physical_memory_in_bytes before 2012 and physical_memory_kb from 2012', () => {
    const r2 = sysInfoQuery({ major: 10, minor: 50 });
    assert.match(r2.text, /physical_memory_in_bytes \/ 1048576/);
    assert.doesNotMatch(r2.text, /physical_memory_kb/);
    assert.match(sysInfoQuery({ major: 10, minor: 0 }).text, /physical_memory_in_bytes/);
    for (const major of [11, 12, 16]) {
      const text = sysInfoQuery({ major, minor: 0 }).text;
      assert.match(text, /physical_memory_kb \/ 1024/);
      assert.doesNotMatch(text, /in_bytes/);
    }
    assert.ok(!supports({ major: 10, minor: 50 }, 'physicalMemoryKb'));
    assert.ok(supports({ major: 11, minor: 0 }, 'physicalMemoryKb'));
  });
});

function permissionDenied300(): sql.RequestError {
  const message = "VIEW SERVER STATE permission was denied on object 'server', database 'master'.";
  const inner = Object.assign(new Error(message), {
    info: { number: 300, message, state: 1, class: 14 },
  });
  return new sql.RequestError(inner, 'EREQUEST');
}

/** Answers VERSION_QUERY with `version` and the sys.dm_os_sys_info query as `sysInfo` says. */
function serverAnswers(version: VersionRow, sysInfo: (text: string) => unknown) {
  const asked: string[] = [];
  const firstRow = async <T>(text: string): Promise<T | undefined> => {
    asked.push(text);
    if (text === VERSION_QUERY.text) return version as T;
    return sysInfo(text) as T;
  };
  return { asked, firstRow };
}

const R2: VersionRow = SERVERS.sql2008r2.row;

describe('serverInfo()', () => {
  it('reports release, level, edition, CPUs and memory of a 2008 R2 server', async () => {
    const server = serverAnswers(R2, (text) => {
      assert.match(text, /physical_memory_in_bytes/);
      return { cpus: 16, memoryMb: '65534' };
    });
    const info = await readServerInfo(server.firstRow);
    assert.deepEqual(info, {
      kind: 'mssql',
      product: 'Microsoft SQL Server 2008 R2 SP3 (database compatibility level 100: 2008/2008 R2)',
      productVersion: '10.50.6000.34',
      edition: 'Standard Edition (64-bit)',
      cpus: 16,
      memoryMb: 65534,
      unknown: [],
      family: 'sqlserver',
      banner: 'Microsoft SQL Server 2008 R2 (SP3) - 10.50.6000.34 (X64)',
      gating:
        '10.50 is SQL Server 2008 R2: memory from sys.dm_os_sys_info.physical_memory_in_bytes (its name before 2012); every statement is the portable 2008 R2 subset',
    });
    assert.equal(server.asked.length, 2);
  });

  it('asks a 2012 server for physical_memory_kb', async () => {
    const server = serverAnswers(SERVERS.sql2012.row, (text) => {
      assert.match(text, /physical_memory_kb/);
      return { cpus: 8, memoryMb: '32768' };
    });
    const info = await readServerInfo(server.firstRow);
    assert.equal(
      info.product,
      'Microsoft SQL Server 2012 SP4 (database compatibility level 110: 2012)',
    );
    assert.equal(info.memoryMb, 32768);
  });

  it('reports CPUs and memory unknown, with the reason, without VIEW SERVER STATE', async () => {
    const server = serverAnswers(R2, () => {
      throw permissionDenied300();
    });
    const info = await readServerInfo(server.firstRow);
    assert.equal(info.cpus, null);
    assert.equal(info.memoryMb, null);
    assert.deepEqual(
      info.unknown.map((u) => u.fact),
      ['cpus', 'memoryMb'],
    );
    for (const u of info.unknown) assert.match(u.reason, /VIEW SERVER STATE/);
    assert.equal(info.productVersion, '10.50.6000.34');
  });

  it('does not ask for CPUs and memory when the version is unreadable', async () => {
    const server = serverAnswers(
      {
        banner: null,
        productVersion: null,
        productLevel: null,
        edition: null,
        engineEdition: 5,
        compatibilityLevel: null,
        babelfishVersion: null,
      },
      () => assert.fail('sys.dm_os_sys_info asked without a version'),
    );
    const info = await readServerInfo(server.firstRow);
    assert.equal(info.product, 'Azure SQL Database (version unknown)');
    assert.equal(info.productVersion, 'unknown');
    assert.equal(info.unknown.length, 2);
    assert.match(info.gating ?? '', /could not be read, so no version-dependent query is sent/);
  });
});
