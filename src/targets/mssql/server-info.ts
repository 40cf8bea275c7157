/**
 * What a SQL Server (or TDS-compatible server) says about itself, for the results file: the
 * product as identified (identity.ts), its version, edition, CPUs and memory, and what the
 * version gating concluded (gating.ts). CPUs and memory come from sys.dm_os_sys_info, which
 * needs VIEW SERVER STATE and which servers other than Microsoft's may not have; when it cannot
 * be read they are reported unknown with the reason, never failing the run.
 */
import type { ServerInfo } from '../types.js';
import { classifyMssqlError, driverFacts } from './errors.js';
import { versionGate } from './gating.js';
import { identifyServer, type ServerIdentity, type VersionRow } from './identity.js';
import { toSafeNumber } from './tsql.js';
import { VERSION_QUERY } from './version.js';

export type { VersionRow } from './identity.js';

export interface SysInfoRow {
  cpus: unknown;
  memoryMb: unknown;
}

/** Runs one query and returns its first row (or rejects with the driver's error). */
export type FirstRow = <T>(text: string) => Promise<T | undefined>;

const NO_ROW: VersionRow = {
  banner: null,
  productVersion: null,
  productLevel: null,
  edition: null,
  engineEdition: null,
  compatibilityLevel: null,
  babelfishVersion: null,
};

/** The server's identity, from VERSION_QUERY. */
export async function readIdentity(firstRow: FirstRow): Promise<ServerIdentity> {
  return identifyServer((await firstRow<VersionRow>(VERSION_QUERY.text)) ?? NO_ROW);
}

/** Why sys.dm_os_sys_info could not be read, in words a DBA acts on. */
export function sysInfoUnavailableReason(error: unknown, identity?: ServerIdentity): string {
  if (classifyMssqlError(error) === 'permission') {
    return 'the login lacks VIEW SERVER STATE, which sys.dm_os_sys_info needs';
  }
  const { message } = driverFacts(error);
  if (identity !== undefined && (identity.family === 'babelfish' || identity.family === 'tds')) {
    return `${identity.product} did not answer sys.dm_os_sys_info: ${message}`;
  }
  return `sys.dm_os_sys_info could not be read: ${message}`;
}

export async function readServerInfo(firstRow: FirstRow): Promise<ServerInfo> {
  const identity = await readIdentity(firstRow);
  const gate = versionGate(identity);
  const unknown: ServerInfo['unknown'] = [];
  let cpus: number | null = null;
  let memoryMb: number | null = null;
  if (gate.sysInfo === null) {
    unknown.push({ fact: 'cpus', reason: 'the server version could not be read' });
    unknown.push({ fact: 'memoryMb', reason: 'the server version could not be read' });
  } else {
    try {
      const sys = await firstRow<SysInfoRow>(gate.sysInfo.text);
      cpus = sys === undefined ? null : toSafeNumber(sys.cpus);
      memoryMb = sys === undefined ? null : toSafeNumber(sys.memoryMb);
    } catch (error) {
      const reason = sysInfoUnavailableReason(error, identity);
      unknown.push({ fact: 'cpus', reason }, { fact: 'memoryMb', reason });
    }
  }
  return {
    kind: 'mssql',
    product: identity.product,
    productVersion: identity.productVersion ?? 'unknown',
    edition: identity.edition,
    cpus,
    memoryMb,
    unknown,
    family: identity.family,
    ...(identity.banner === null ? {} : { banner: identity.banner }),
    gating: gate.conclusion,
  };
}
