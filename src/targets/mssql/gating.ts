/**
 * The version gating, decided from the server's identity rather than its number alone, and
 * worded so the results, the summary and the report can say what was concluded and why.
 *
 * Every statement chatload sends is the portable 2008 R2 subset on every server; only the
 * diagnostics differ: sys.dm_os_sys_info names its memory column physical_memory_in_bytes before
 * SQL Server 2012 and physical_memory_kb from 2012 on ({@link FEATURE_GATES}).
 */
import type { ServerIdentity } from './identity.js';
import type { TsqlStatement } from './tsql.js';
import { releaseName, supports, sysInfoQuery } from './version.js';

export interface VersionGate {
  /** The sys.dm_os_sys_info query to ask, or null when nothing tells which form it has. */
  sysInfo: TsqlStatement | null;
  /** What was concluded and why, in one sentence. */
  conclusion: string;
}

const SUBSET = 'every statement is the portable 2008 R2 subset';

function memoryColumn(statement: TsqlStatement): string {
  return /physical_memory_kb/.test(statement.text)
    ? 'sys.dm_os_sys_info.physical_memory_kb'
    : 'sys.dm_os_sys_info.physical_memory_in_bytes';
}

export function versionGate(identity: ServerIdentity): VersionGate {
  const { version } = identity;
  if (version === null) {
    return {
      sysInfo: null,
      conclusion: `the server's version could not be read, so no version-dependent query is sent (CPUs and memory stay unknown); ${SUBSET}`,
    };
  }
  const number = `${version.major}.${version.minor}`;
  // Azure SQL and Babelfish report 12.0 whatever they run; their sys.dm_os_sys_info, where
  // there is one, has today's form.
  const current = sysInfoQuery({ major: 11, minor: 0 });
  switch (identity.family) {
    case 'sqlserver': {
      const sysInfo = sysInfoQuery(version);
      const era = supports(version, 'physicalMemoryKb') ? 'from 2012 on' : 'before 2012';
      return {
        sysInfo,
        conclusion: `${number} is SQL Server ${releaseName(version)}: memory from ${memoryColumn(sysInfo)} (its name ${era}); ${SUBSET}`,
      };
    }
    case 'azure-sql':
      return {
        sysInfo: current,
        conclusion: `Azure SQL reports ${number} on every engine it runs (all current): memory from ${memoryColumn(current)}; ${SUBSET}`,
      };
    case 'babelfish':
      return {
        sysInfo: current,
        conclusion: `${number} is what Babelfish reports for compatibility, not a SQL Server release: nothing is chosen by it beyond asking sys.dm_os_sys_info in its current form (physical_memory_kb), if the server has it; ${SUBSET}`,
      };
    case 'tds': {
      const sysInfo = sysInfoQuery(version);
      return {
        sysInfo,
        conclusion: `${number} comes from a server not recognised as Microsoft's or Babelfish, taken at its word: memory from ${memoryColumn(sysInfo)}; ${SUBSET}`,
      };
    }
  }
}
