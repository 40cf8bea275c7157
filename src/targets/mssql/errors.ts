/**
 * Classifies node-mssql / tedious failures into chatload's target error kinds, and words the
 * ones a user must act on (cannot reach the server, login refused, TLS handshake, permission).
 *
 * Where the facts live on a driver error: node-mssql's `code` (`ELOGIN`, `ESOCKET`,
 * `ETIMEOUT`, `EREQUEST`...), the server's error `number` on RequestError (also on
 * `originalError.info`), and the socket or TLS failure further down the `originalError` / `cause`
 * chain. Messages name host:port and the user, never the password (the driver's messages do not
 * contain it either). The driver's error stays attached as `cause`.
 */
import { TargetError, type TargetErrorKindName } from '../../core/errors.js';

/**
 * Marks an error re-raised from a T-SQL CATCH block: RAISERROR cannot keep the original number
 * (it would become 50000), so the CATCH blocks chatload sends embed it in the message as
 * `chatload-rethrow <number>: <message>`, and the classification reads it back.
 */
export const RETHROW_PREFIX = 'chatload-rethrow';
const RETHROW = new RegExp(`^${RETHROW_PREFIX} (\\d+): ([\\s\\S]*)$`);

const PERMISSION_NUMBERS = new Set([229, 230, 262, 297, 300, 916, 15247]);
const CONSTRAINT_NUMBERS = new Set([2627, 2601, 547, 515]);
/**
 * The server refusing sessions while it shuts down or starts: 6005 SHUTDOWN is in progress,
 * 17142 the service is paused, 17187 not ready to accept new client connections, 17188 cannot
 * accept new connections because it is shutting down. A `login` failure that passes (the
 * outage policy reconnects), unlike a wrong password.
 */
export const SERVER_STARTING_OR_STOPPING = new Set([6005, 17142, 17187, 17188]);
const SOCKET_CODES = new Set([
  'ESOCKET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
  'EINSTLOOKUP',
  // node-mssql: a request on a connection that has closed under it (the server went away).
  'ECONNCLOSED',
]);
const TLS_MESSAGE =
  /ssl_choose_client_version|unsupported protocol|wrong version number|protocol version|no protocols available|legacy sigalg|handshake failure|sslv3|tlsv1 alert/i;

/** What the driver error carries, flattened from its cause chain. */
export interface DriverFacts {
  codes: string[];
  /** The server's error number (after unwrapping a chatload re-raise), if any. */
  number: number | null;
  /** The server's message when it sent one, else the driver's outermost message. */
  message: string;
  /** Every message down the chain (TLS failures surface only in the innermost one). */
  messages: string[];
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
}

function nextCause(r: Record<string, unknown>): unknown {
  return r.originalError ?? r.cause ?? (Array.isArray(r.errors) ? r.errors[0] : undefined);
}

export function driverFacts(error: unknown): DriverFacts {
  const codes: string[] = [];
  const messages: string[] = [];
  let number: number | null = null;
  let serverMessage: string | null = null;
  const seen = new Set<unknown>();
  for (let current = error; record(current) !== null && !seen.has(current);) {
    seen.add(current);
    const r = record(current) as Record<string, unknown>;
    if (typeof r.code === 'string') codes.push(r.code);
    if (typeof r.message === 'string' && r.message !== '') messages.push(r.message);
    const n = typeof r.number === 'number' ? r.number : record(r.info)?.number;
    if (number === null && typeof n === 'number') {
      number = n;
      if (typeof r.message === 'string') serverMessage = r.message;
    }
    current = nextCause(r);
  }
  let message = serverMessage ?? messages[0] ?? String(error);
  const rethrow = RETHROW.exec(message);
  if (rethrow !== null) {
    number = Number(rethrow[1]);
    message = rethrow[2] as string;
  }
  return { codes, number, message, messages };
}

/** Node's codes for a server certificate it will not trust (self-signed test servers, mostly). */
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function isCertificateProblem(facts: DriverFacts): boolean {
  return facts.codes.some((c) => CERTIFICATE_CODES.has(c));
}

function isTls(facts: DriverFacts): boolean {
  return (
    isCertificateProblem(facts) ||
    facts.codes.some((c) => c === 'EPROTO' || c.startsWith('ERR_SSL') || c.startsWith('ERR_TLS')) ||
    facts.messages.some((m) => TLS_MESSAGE.test(m))
  );
}

/** The kind alone: cheap enough for every failed transaction of a batch. */
export function classifyMssqlError(error: unknown): TargetErrorKindName {
  if (error instanceof TargetError) return error.kind;
  const facts = driverFacts(error);
  const { number, codes } = facts;
  if (number === 1205) return 'deadlock';
  if (number === 1222) return 'timeout';
  if (number !== null && CONSTRAINT_NUMBERS.has(number)) return 'constraint';
  if (number !== null && PERMISSION_NUMBERS.has(number)) return 'permission';
  if (
    number === 18456 ||
    number === 4060 ||
    (number !== null && SERVER_STARTING_OR_STOPPING.has(number)) ||
    codes.includes('ELOGIN')
  ) {
    return 'login';
  }
  if (isTls(facts)) return 'tls';
  if (codes.some((c) => SOCKET_CODES.has(c))) return 'unreachable';
  if (codes.includes('ETIMEOUT')) {
    // A connect timeout is a ConnectionError; a request timeout a RequestError.
    return record(error)?.name === 'ConnectionError' ? 'unreachable' : 'timeout';
  }
  return 'unknown';
}

/** Where the failure happened, for the message. Never holds the password. */
export interface ErrorContext {
  /** `host:port` or `host\instance`. */
  endpoint: string;
  user: string;
  database: string;
  /** What chatload was doing: a statement name (`grpchat`, `provision: CREATE TABLE`). */
  statement: string;
  /** The permission the statement needs, for the permission hint. */
  permission?: string;
}

const PERMISSION_BY_NUMBER: Record<number, string> = {
  262: 'CREATE TABLE and CREATE FUNCTION in the database (e.g. db_ddladmin), or db_owner',
  300: 'VIEW SERVER STATE on the server',
  916: 'a user in the database for this login',
};

export function toTargetError(error: unknown, where: ErrorContext): TargetError {
  if (error instanceof TargetError) return error;
  const kind = classifyMssqlError(error);
  const facts = driverFacts(error);
  const server = facts.message;
  // Socket and TLS failures: the driver's message says where, the innermost cause says why.
  const innermost = facts.messages[facts.messages.length - 1] ?? '';
  const withCause = server.includes(innermost) ? server : `${server} (${innermost})`;
  const options = (hint: string): { hint: string; cause: unknown } => ({ hint, cause: error });
  switch (kind) {
    case 'unreachable':
      return new TargetError(
        'unreachable',
        `cannot reach SQL Server at ${where.endpoint}: ${withCause}`,
        options(
          'Check the host name and port (SQL Server listens on 1433 unless configured otherwise; named instances need SQL Browser on UDP 1434), that TCP/IP is enabled in SQL Server Configuration Manager, and that no firewall blocks the port.',
        ),
      );
    case 'login':
      if (facts.number !== null && SERVER_STARTING_OR_STOPPING.has(facts.number)) {
        return new TargetError(
          'login',
          `SQL Server at ${where.endpoint} refused the session while shutting down or starting (error ${facts.number}): ${server}`,
          options(
            'The server is restarting: a run counts these failures, reconnects with backoff and gives up after --max-outage.',
          ),
        );
      }
      return new TargetError(
        'login',
        `SQL Server at ${where.endpoint} refused the login of user "${where.user}" to database "${where.database}": ${server}`,
        options(
          'Check the user name and password (SQL Server authentication must be enabled: "SQL Server and Windows Authentication mode"), that the login is enabled, and that it has a user in the database.',
        ),
      );
    case 'tls':
      return new TargetError(
        'tls',
        `TLS handshake with SQL Server at ${where.endpoint} failed: ${withCause}`,
        options(
          isCertificateProblem(facts)
            ? "The server's certificate is not trusted (test servers usually have a self-signed one): add trustServerCertificate=true (URL) or TrustServerCertificate=true (Server=... form), or install the issuing CA on this machine."
            : 'SQL Server 2008 R2 without the TLS 1.2 update often offers only TLS 1.0, which Node refuses by default: add legacyTls=true (URL) or Legacy TLS=true (Server=... form) to allow it for this connection, and/or encrypt=false; use tdsVersion=7_3_B for 2008 R2. Better: install the TLS 1.2 update on the server.',
        ),
      );
    case 'permission':
      return new TargetError(
        'permission',
        `user "${where.user}" lacks a permission for ${where.statement} on ${where.endpoint}/${where.database}: ${server}`,
        options(
          `Grant ${where.permission ?? (facts.number !== null ? PERMISSION_BY_NUMBER[facts.number] : undefined) ?? 'SELECT, INSERT, UPDATE and DELETE on the chatload tables (db_datareader + db_datawriter)'} to user "${where.user}".`,
        ),
      );
    case 'deadlock':
      return new TargetError(
        'deadlock',
        `${where.statement} was chosen as a deadlock victim: ${server}`,
        options('Deadlock victims are retried per the retry policy; this one ran out of retries.'),
      );
    case 'timeout':
      return new TargetError(
        'timeout',
        `${where.statement} timed out on ${where.endpoint}: ${server}`,
        options(
          'The server did not answer within the request timeout (requestTimeout=MS in the URL, Command Timeout=S in the Server=... form) or a lock wait timed out (1222).',
        ),
      );
    case 'constraint':
      return new TargetError(
        'constraint',
        `${where.statement} violated a constraint: ${server}`,
        options('The store does not match what chatload expects: re-provision with --force.'),
      );
    default:
      return new TargetError(
        'unknown',
        `${where.statement} failed on ${where.endpoint}/${where.database}: ${server}`,
        options(
          facts.number === 208
            ? 'A table is missing: run `chatload provision` against this target first.'
            : 'See the server message; the driver error is attached as the cause.',
        ),
      );
  }
}
