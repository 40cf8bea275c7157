/**
 * The validated SQL Server connection settings, whichever of the two accepted text forms they
 * came from (see connection-string.ts), plus the defaults and the option checks both forms share.
 */
import { InputError } from '../../core/errors.js';

/**
 * TDS protocol versions tedious can speak. SQL Server 2008 R2 speaks 7.3 (`7_3_B`; 2008 RTM
 * `7_3_A`); 2012 and later 7.4, tedious's default.
 */
export const TDS_VERSIONS = ['7_3_A', '7_3_B', '7_4'] as const;
export type TdsVersion = (typeof TDS_VERSIONS)[number];

export interface MssqlTargetConfig {
  host: string;
  /** TCP port; null when a named instance is resolved through SQL Browser instead. */
  port: number | null;
  instanceName: string | null;
  database: string;
  user: string;
  /** Never printed: {@link redact} and every error message leave it out. */
  password: string;
  /** @default true */
  encrypt: boolean;
  /** @default false */
  trustServerCertificate: boolean;
  /** @default '7_4' */
  tdsVersion: TdsVersion;
  /**
   * Allow TLS 1.0/1.1 (and the OpenSSL security level they need): unpatched 2008 R2 servers
   * offer nothing newer, which Node's defaults refuse. @default false
   */
  legacyTls: boolean;
  /** The run's connections in total when the text names them (as --connections); else null. */
  poolSize: number | null;
  /** @default 30000 */
  requestTimeoutMs: number;
  /** @default 15000 */
  connectTimeoutMs: number;
  /** What the server shows in sys.dm_exec_sessions.program_name. @default 'chatload' */
  appName: string;
}

export const DEFAULT_PORT = 1433;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;
export const DEFAULT_APP_NAME = 'chatload';
export const MAX_POOL_SIZE = 256;

export const ACCEPTED_FORMS = [
  'mssql://USER:PASSWORD@HOST[:PORT]/DATABASE[?encrypt=true&trustServerCertificate=false&tdsVersion=7_4&legacyTls=false&poolSize=N&requestTimeout=MS&connectTimeout=MS&appName=NAME&instanceName=NAME]',
  'Server=[tcp:]HOST[\\INSTANCE][,PORT];Database=DATABASE;User Id=USER;Password=PASSWORD[;Encrypt=true;TrustServerCertificate=false;TDS Version=7_4;Legacy TLS=false;Max Pool Size=N;Command Timeout=S;Connect Timeout=S;Application Name=NAME]',
] as const;

/** The place named in input errors: the target text itself is never echoed (it holds a password). */
export const WHERE = 'SQL Server target';

export function badInput(problem: string): InputError {
  return new InputError(WHERE, problem, {
    hint: `Accepted forms:\n  ${ACCEPTED_FORMS.join('\n  ')}\nPercent-encode reserved characters in the URL form; quote values containing ';' in the Server=... form.`,
  });
}

export function parseBooleanOption(field: string, value: string): boolean {
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === 'yes' || v === '1') return true;
  if (v === 'false' || v === 'no' || v === '0') return false;
  throw badInput(`${field} must be true or false (got "${value}")`);
}

export function parseIntegerOption(field: string, value: string, min: number, max: number): number {
  const v = value.trim();
  const n = /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw badInput(`${field} must be an integer from ${min} to ${max} (got "${value}")`);
  }
  return n;
}

export function parseTdsVersion(field: string, value: string): TdsVersion {
  const v = value.trim().replace('.', '_').toUpperCase();
  const found = TDS_VERSIONS.find((version) => version === v);
  if (found === undefined) {
    throw badInput(
      `${field} must be one of ${TDS_VERSIONS.join(', ')} (7_3_B for SQL Server 2008 R2; got "${value}")`,
    );
  }
  return found;
}

export function parsePort(field: string, value: string): number {
  return parseIntegerOption(field, value, 1, 65_535);
}

/** Fields every parsed form fills the same way; each form overrides what its text names. */
export function defaultOptions(): Omit<
  MssqlTargetConfig,
  'host' | 'port' | 'instanceName' | 'database' | 'user' | 'password'
> {
  return {
    encrypt: true,
    trustServerCertificate: false,
    tdsVersion: '7_4',
    legacyTls: false,
    poolSize: null,
    requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS,
    connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS,
    appName: DEFAULT_APP_NAME,
  };
}

/** Checks shared by both forms once every field is read. */
export function checkRequired(config: MssqlTargetConfig): MssqlTargetConfig {
  if (config.host === '') throw badInput('the server host is missing');
  if (config.database === '') throw badInput('the database name is missing');
  if (config.user === '') {
    throw badInput('the user name is missing (SQL Server authentication is required)');
  }
  if ([...config.database].some((c) => c.charCodeAt(0) < 0x20)) {
    throw badInput('the database name contains control characters');
  }
  return config;
}

/** `mssql://user@host:1433/db`: safe to print, never contains the password. */
export function redact(config: MssqlTargetConfig): string {
  const where =
    config.instanceName !== null && config.port === null
      ? `${config.host}\\${config.instanceName}`
      : `${config.host}:${config.port ?? DEFAULT_PORT}`;
  return `mssql://${encodeURIComponent(config.user)}@${where}/${encodeURIComponent(config.database)}`;
}

/** `host:port` (or `host\instance`) for messages about reaching the server. */
export function endpointOf(config: MssqlTargetConfig): string {
  return config.port === null && config.instanceName !== null
    ? `${config.host}\\${config.instanceName}`
    : `${config.host}:${config.port ?? DEFAULT_PORT}`;
}
