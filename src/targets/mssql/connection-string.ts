/**
 * Parses a SQL Server target given on the command line, in either accepted form:
 *
 * - URL: `mssql://USER:PASSWORD@HOST[:PORT]/DATABASE?encrypt=true&trustServerCertificate=false`
 *   (user and password percent-encoded; options in the query; timeouts in milliseconds);
 * - ADO.NET: `Server=[tcp:]HOST[\INSTANCE][,PORT];Database=...;User Id=...;Password=...;`
 *   (keys case-insensitive with the usual synonyms; values may be quoted; timeouts in seconds,
 *   as ADO.NET has them).
 *
 * chatload's own options (`tdsVersion`, `legacyTls`) are accepted in both forms. Every problem
 * is an InputError that lists the accepted forms and never echoes the text, which holds a password.
 */
import {
  MAX_POOL_SIZE,
  badInput,
  checkRequired,
  defaultOptions,
  parseBooleanOption,
  parseIntegerOption,
  parsePort,
  parseTdsVersion,
  type MssqlTargetConfig,
} from './config.js';
import { parseAdoConnectionString } from './ado-connection-string.js';

export { redact, endpointOf, ACCEPTED_FORMS, TDS_VERSIONS } from './config.js';
export type { MssqlTargetConfig, TdsVersion } from './config.js';

/** True when the text is meant for SQL Server (so a parse failure should explain these forms). */
export function looksLikeMssqlTarget(text: string): boolean {
  const t = text.trimStart().toLowerCase();
  return t.startsWith('mssql:') || /^(server|data source|address|addr|network address)\s*=/.test(t);
}

export function parseMssqlTarget(text: string): MssqlTargetConfig {
  const trimmed = text.trim();
  if (/^mssql:/i.test(trimmed)) return parseMssqlUrl(trimmed);
  if (trimmed.includes('=')) return parseAdoConnectionString(trimmed);
  throw badInput('not a SQL Server target: expected an mssql:// URL or a Server=...; string');
}

const URL_OPTIONS = [
  'encrypt',
  'trustServerCertificate',
  'tdsVersion',
  'legacyTls',
  'poolSize',
  'requestTimeout',
  'connectTimeout',
  'appName',
  'instanceName',
] as const;

function decode(field: string, raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw badInput(`the ${field} is not valid percent-encoding`);
  }
}

function parseMssqlUrl(text: string): MssqlTargetConfig {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badInput('the mssql:// URL is malformed');
  }
  if (url.hash !== '') throw badInput('the mssql:// URL must not have a #fragment');
  const path = url.pathname.replace(/^\/+/, '');
  if (path.includes('/')) {
    throw badInput(
      'the URL path must be exactly one database name (use ?instanceName= for an instance)',
    );
  }
  const config: MssqlTargetConfig = {
    ...defaultOptions(),
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? null : parsePort('port', url.port),
    instanceName: null,
    database: decode('database name', path),
    user: decode('user name', url.username),
    password: decode('password', url.password),
  };
  const seen = new Set<string>();
  for (const [key, value] of url.searchParams) {
    const option = URL_OPTIONS.find((name) => name.toLowerCase() === key.toLowerCase());
    if (option === undefined) {
      throw badInput(`unknown URL option "${key}" (known: ${URL_OPTIONS.join(', ')})`);
    }
    if (seen.has(option)) throw badInput(`URL option "${option}" is given twice`);
    seen.add(option);
    applyUrlOption(config, option, value);
  }
  if (config.port === null && config.instanceName === null) config.port = 1433;
  return checkRequired(config);
}

function applyUrlOption(
  config: MssqlTargetConfig,
  option: (typeof URL_OPTIONS)[number],
  value: string,
): void {
  switch (option) {
    case 'encrypt':
      config.encrypt = parseBooleanOption(option, value);
      return;
    case 'trustServerCertificate':
      config.trustServerCertificate = parseBooleanOption(option, value);
      return;
    case 'tdsVersion':
      config.tdsVersion = parseTdsVersion(option, value);
      return;
    case 'legacyTls':
      config.legacyTls = parseBooleanOption(option, value);
      return;
    case 'poolSize':
      config.poolSize = parseIntegerOption(option, value, 1, MAX_POOL_SIZE);
      return;
    case 'requestTimeout':
      config.requestTimeoutMs = parseIntegerOption(`${option} (ms)`, value, 1, 3_600_000);
      return;
    case 'connectTimeout':
      config.connectTimeoutMs = parseIntegerOption(`${option} (ms)`, value, 1, 600_000);
      return;
    case 'appName':
      if (value.trim() === '') throw badInput('appName must not be empty');
      config.appName = value.trim();
      return;
    case 'instanceName':
      if (value.trim() === '') throw badInput('instanceName must not be empty');
      config.instanceName = value.trim();
      return;
  }
}
