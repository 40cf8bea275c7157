/**
 * The ADO.NET connection-string form of a SQL Server target:
 * `Server=[tcp:]HOST[\INSTANCE][,PORT];Database=...;User Id=...;Password=...;...`.
 *
 * Tokenized by @tediousjs/connection-string (ado-pairs.ts); on top, chatload's stricter checks:
 * keys case-insensitive with the usual synonyms, every key known (client-only ADO.NET settings
 * accepted and ignored), every value checked, timeouts in seconds as in ADO.NET. A setting given
 * twice (synonyms included) is refused instead of ADO.NET's "last one wins", which would hide a
 * typo in the part of the string that carries the password; no message quotes a value.
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
import { adoPairs, notAPair } from './ado-pairs.js';

type Field =
  | 'server'
  | 'database'
  | 'user'
  | 'password'
  | 'encrypt'
  | 'trustServerCertificate'
  | 'integratedSecurity'
  | 'tdsVersion'
  | 'legacyTls'
  | 'poolSize'
  | 'commandTimeout'
  | 'connectTimeout'
  | 'appName'
  | 'ignored';

const KEYS: Record<string, Field> = {
  server: 'server',
  'data source': 'server',
  address: 'server',
  addr: 'server',
  'network address': 'server',
  database: 'database',
  'initial catalog': 'database',
  'user id': 'user',
  userid: 'user',
  uid: 'user',
  user: 'user',
  password: 'password',
  pwd: 'password',
  encrypt: 'encrypt',
  trustservercertificate: 'trustServerCertificate',
  'trust server certificate': 'trustServerCertificate',
  'integrated security': 'integratedSecurity',
  trusted_connection: 'integratedSecurity',
  'tds version': 'tdsVersion',
  tdsversion: 'tdsVersion',
  'legacy tls': 'legacyTls',
  legacytls: 'legacyTls',
  'max pool size': 'poolSize',
  'command timeout': 'commandTimeout',
  'connect timeout': 'connectTimeout',
  'connection timeout': 'connectTimeout',
  timeout: 'connectTimeout',
  'application name': 'appName',
  app: 'appName',
  // Client-side settings of ADO.NET that mean nothing to chatload's driver: accepted so a
  // connection string copied from an application works, and ignored.
  'persist security info': 'ignored',
  persistsecurityinfo: 'ignored',
  multipleactiveresultsets: 'ignored',
  pooling: 'ignored',
  'min pool size': 'ignored',
};

const SECRET_KEYS = new Set(['password', 'pwd']);

/** How messages name a setting, whichever synonym the text used. */
const DISPLAY: Record<Exclude<Field, 'ignored'>, string> = {
  server: 'Server',
  database: 'Database',
  user: 'User Id',
  password: 'Password',
  encrypt: 'Encrypt',
  trustServerCertificate: 'TrustServerCertificate',
  integratedSecurity: 'Integrated Security',
  tdsVersion: 'TDS Version',
  legacyTls: 'Legacy TLS',
  poolSize: 'Max Pool Size',
  commandTimeout: 'Command Timeout',
  connectTimeout: 'Connect Timeout',
  appName: 'Application Name',
};

interface ServerParts {
  host: string;
  instanceName: string | null;
  port: number | null;
}

/** `[tcp:]host[\instance][,port]`; `.`, `(local)` and `localhost` mean this machine. */
export function parseAdoServer(value: string): ServerParts {
  let v = value.trim();
  const protocol = /^([a-z]+):/i.exec(v);
  if (protocol !== null) {
    if ((protocol[1] as string).toLowerCase() !== 'tcp') {
      throw badInput(`Server protocol "${protocol[1]}:" is not supported: only tcp: (or none)`);
    }
    v = v.slice(protocol[0].length).trim();
  }
  let port: number | null = null;
  const comma = v.lastIndexOf(',');
  if (comma !== -1) {
    port = parsePort('Server port (after the comma)', v.slice(comma + 1));
    v = v.slice(0, comma).trim();
  }
  let instanceName: string | null = null;
  const slash = v.indexOf('\\');
  if (slash !== -1) {
    instanceName = v.slice(slash + 1).trim();
    v = v.slice(0, slash).trim();
    if (instanceName === '') throw badInput('Server has a "\\" but no instance name after it');
  }
  const host = v === '.' || v.toLowerCase() === '(local)' ? 'localhost' : v;
  if (host === '') throw badInput('Server is empty: expected [tcp:]HOST[\\INSTANCE][,PORT]');
  if (/[\s;,/\\]/.test(host)) throw badInput(`Server host "${host}" is not a host name or address`);
  return { host, instanceName, port };
}

export function parseAdoConnectionString(text: string): MssqlTargetConfig {
  const values = new Map<Exclude<Field, 'ignored'>, { key: string; value: string }>();
  let previousKey: string | undefined;
  for (const [key, value] of adoPairs(text, SECRET_KEYS)) {
    const field = KEYS[key];
    if (field === undefined && previousKey !== undefined && SECRET_KEYS.has(previousKey)) {
      throw notAPair(previousKey, SECRET_KEYS);
    }
    previousKey = key;
    if (field === undefined) {
      throw badInput(
        `unknown connection-string key "${key}" (known: ${Object.keys(KEYS).join(', ')})`,
      );
    }
    if (field === 'ignored') continue;
    const earlier = values.get(field);
    if (earlier !== undefined) {
      throw badInput(
        `"${key}" repeats "${earlier.key}" (both set ${DISPLAY[field]}): give each setting once`,
      );
    }
    values.set(field, { key, value });
  }
  const integrated = values.get('integratedSecurity');
  if (integrated !== undefined && !/^(false|no)$/i.test(integrated.value.trim())) {
    throw badInput(
      'Integrated Security (Windows authentication) is not supported: give User Id and Password of a SQL Server login',
    );
  }
  const server = values.get('server');
  if (server === undefined) throw badInput('Server (or Data Source) is missing');
  const parts = parseAdoServer(server.value);
  const config: MssqlTargetConfig = {
    ...defaultOptions(),
    host: parts.host,
    instanceName: parts.instanceName,
    port: parts.port ?? (parts.instanceName === null ? 1433 : null),
    database: values.get('database')?.value ?? '',
    user: values.get('user')?.value ?? '',
    password: values.get('password')?.value ?? '',
  };
  for (const [field, { value }] of values) applyAdoOption(config, field, DISPLAY[field], value);
  return checkRequired(config);
}

function applyAdoOption(
  config: MssqlTargetConfig,
  field: Exclude<Field, 'ignored'>,
  key: string,
  value: string,
): void {
  switch (field) {
    case 'encrypt': {
      const v = value.trim().toLowerCase();
      if (v === 'strict') {
        throw badInput('Encrypt=Strict (TDS 8) is not supported: use Encrypt=true');
      }
      config.encrypt =
        v === 'mandatory' ? true : v === 'optional' ? false : parseBooleanOption(key, value);
      return;
    }
    case 'trustServerCertificate':
      config.trustServerCertificate = parseBooleanOption(key, value);
      return;
    case 'tdsVersion':
      config.tdsVersion = parseTdsVersion(key, value);
      return;
    case 'legacyTls':
      config.legacyTls = parseBooleanOption(key, value);
      return;
    case 'poolSize':
      config.poolSize = parseIntegerOption(key, value, 1, MAX_POOL_SIZE);
      return;
    case 'commandTimeout':
      config.requestTimeoutMs = parseIntegerOption(`${key} (seconds)`, value, 1, 3600) * 1000;
      return;
    case 'connectTimeout':
      config.connectTimeoutMs = parseIntegerOption(`${key} (seconds)`, value, 1, 600) * 1000;
      return;
    case 'appName':
      if (value.trim() === '') throw badInput(`${key} must not be empty`);
      config.appName = value.trim();
      return;
    default:
      return;
  }
}
