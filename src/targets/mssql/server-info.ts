/**
 * What a SQL Server says about itself, for the results file: release, version, edition, CPUs and
 * memory. CPUs and memory come from sys.dm_os_sys_info, which needs VIEW SERVER STATE; without
 * it (or on any other failure of that one query) they are reported unknown with the reason,
 * never failing the run.
 */
import type { ServerInfo } from '../types.js';
import { classifyMssqlError, driverFacts } from './errors.js';
import { toSafeNumber } from './tsql.js';
import {
  compatibilityName,
  engineEditionName,
  parseProductVersion,
  releaseName,
  sysInfoQuery,
  VERSION_QUERY,
  type ProductVersion,
} from './version.js';

export interface VersionRow {
  productVersion: string | null;
  productLevel: string | null;
  edition: string | null;
  engineEdition: number | null;
  compatibilityLevel: number | null;
}

export interface SysInfoRow {
  cpus: unknown;
  memoryMb: unknown;
}

/** Runs one query and returns its first row (or rejects with the driver's error). */
export type FirstRow = <T>(text: string) => Promise<T | undefined>;

/** `Microsoft SQL Server 2008 R2 SP3 (database compatibility level 100: 2008/2008 R2)`. */
export function productDescription(version: ProductVersion | null, row: VersionRow): string {
  const release = version === null ? '' : ` ${releaseName(version)}`;
  const level =
    row.productLevel !== null && row.productLevel !== 'RTM' ? ` ${row.productLevel}` : '';
  const compat =
    row.compatibilityLevel === null
      ? ''
      : ` (database compatibility level ${row.compatibilityLevel}: ${compatibilityName(row.compatibilityLevel)})`;
  return `Microsoft SQL Server${release}${level}${compat}`;
}

/** Why sys.dm_os_sys_info could not be read, in words a DBA acts on. */
export function sysInfoUnavailableReason(error: unknown): string {
  if (classifyMssqlError(error) === 'permission') {
    return 'the login lacks VIEW SERVER STATE, which sys.dm_os_sys_info needs';
  }
  return `sys.dm_os_sys_info could not be read: ${driverFacts(error).message}`;
}

export async function readServerInfo(firstRow: FirstRow): Promise<ServerInfo> {
  const row = (await firstRow<VersionRow>(VERSION_QUERY.text)) ?? {
    productVersion: null,
    productLevel: null,
    edition: null,
    engineEdition: null,
    compatibilityLevel: null,
  };
  const version = row.productVersion === null ? null : parseProductVersion(row.productVersion);
  const unknown: ServerInfo['unknown'] = [];
  let cpus: number | null = null;
  let memoryMb: number | null = null;
  if (version === null) {
    unknown.push({ fact: 'cpus', reason: 'the server version could not be read' });
    unknown.push({ fact: 'memoryMb', reason: 'the server version could not be read' });
  } else {
    try {
      const sys = await firstRow<SysInfoRow>(sysInfoQuery(version).text);
      cpus = sys === undefined ? null : toSafeNumber(sys.cpus);
      memoryMb = sys === undefined ? null : toSafeNumber(sys.memoryMb);
    } catch (error) {
      const reason = sysInfoUnavailableReason(error);
      unknown.push({ fact: 'cpus', reason }, { fact: 'memoryMb', reason });
    }
  }
  const editionName =
    row.edition ?? (row.engineEdition === null ? null : engineEditionName(row.engineEdition));
  return {
    kind: 'mssql',
    product: productDescription(version, row),
    productVersion: row.productVersion ?? 'unknown',
    edition: editionName,
    cpus,
    memoryMb,
    unknown,
  };
}
