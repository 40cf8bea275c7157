/**
 * Error mapping and the retry policy, without a server. Driver errors are built exactly the way
 * node-mssql and tedious build them (server errors: an Error carrying `info` from the TDS ERROR
 * token, wrapped in mssql's RequestError; login and socket failures: tedious's ConnectionError
 * wrapped in mssql's ConnectionError), and two are real: a refused port and a silent one.
 */
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import sql from 'mssql';
import tedious from 'tedious';
import { TargetError } from '../../src/core/errors.js';
import { parseMssqlTarget } from '../../src/targets/mssql/connection-string.js';
import {
  RETHROW_PREFIX,
  classifyMssqlError,
  driverFacts,
  toTargetError,
  type ErrorContext,
} from '../../src/targets/mssql/errors.js';
import { toPoolConfig } from '../../src/targets/mssql/pool-config.js';
import {
  DEFAULT_RETRY_POLICY,
  backoffMs,
  isRetryable,
  withRetry,
} from '../../src/targets/mssql/retry.js';

/** A server error as node-mssql raises it from a TDS ERROR token. */
function serverError(number: number, message: string): sql.RequestError {
  const inner = Object.assign(new Error(message), {
    info: { number, state: 1, class: 16, message, serverName: 'DB1', procName: '', lineNumber: 1 },
  });
  return new sql.RequestError(inner, 'EREQUEST');
}

/** What chatload's CATCH block re-raises for an original error `number`. */
function reraised(number: number, message: string): sql.RequestError {
  return serverError(50000, `${RETHROW_PREFIX} ${number}: ${message}`);
}

function connectionError(message: string, code: string, cause?: Error): sql.ConnectionError {
  const inner = new tedious.ConnectionError(
    message,
    code,
    cause === undefined ? undefined : { cause },
  );
  return new sql.ConnectionError(inner);
}

const WHERE: ErrorContext = {
  endpoint: 'db1.corp.example:1433',
  user: 'loader',
  database: 'mgc_test',
  statement: 'grpchat',
};

describe('classifyMssqlError', () => {
  const cases: [string, unknown, string][] = [
    [
      'deadlock victim 1205',
      serverError(
        1205,
        'Transaction (Process ID 53) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.',
      ),
      'deadlock',
    ],
    ['lock timeout 1222', serverError(1222, 'Lock request time out period exceeded.'), 'timeout'],
    [
      'request timeout',
      new sql.RequestError(
        new tedious.RequestError('Timeout: Request failed to complete in 30000ms', 'ETIMEOUT'),
        'EREQUEST',
      ),
      'timeout',
    ],
    [
      'duplicate key 2627',
      serverError(2627, "Violation of PRIMARY KEY constraint 'PK_tblChat'."),
      'constraint',
    ],
    [
      'unique index 2601',
      serverError(2601, "Cannot insert duplicate key row in object 'dbo.tblNode'."),
      'constraint',
    ],
    [
      'foreign key 547',
      serverError(547, 'The INSERT statement conflicted with the FOREIGN KEY constraint.'),
      'constraint',
    ],
    [
      'NULL into NOT NULL 515',
      serverError(515, "Cannot insert the value NULL into column 'content'."),
      'constraint',
    ],
    [
      'SELECT denied 229',
      serverError(229, "The SELECT permission was denied on the object 'tblChat'."),
      'permission',
    ],
    [
      'column denied 230',
      serverError(230, 'The SELECT permission was denied on the column.'),
      'permission',
    ],
    [
      'CREATE TABLE denied 262',
      serverError(262, "CREATE TABLE permission denied in database 'mgc_test'."),
      'permission',
    ],
    [
      'no permission 297',
      serverError(297, 'The user does not have permission to perform this action.'),
      'permission',
    ],
    [
      'VIEW SERVER STATE 300',
      serverError(300, 'VIEW SERVER STATE permission was denied on object server.'),
      'permission',
    ],
    [
      'login failed 18456 as a server error',
      serverError(18456, "Login failed for user 'loader'."),
      'login',
    ],
    [
      'login failed (tedious ELOGIN)',
      connectionError("Login failed for user 'loader'.", 'ELOGIN'),
      'login',
    ],
    [
      'connection refused',
      connectionError(
        'Failed to connect to db1:1433 - connect ECONNREFUSED 10.0.0.1:1433',
        'ESOCKET',
        Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:1433'), { code: 'ECONNREFUSED' }),
      ),
      'unreachable',
    ],
    [
      'shutdown in progress 6005 (a restart)',
      serverError(6005, 'SHUTDOWN is in progress.'),
      'login',
    ],
    [
      'not ready for new connections 17187 (starting)',
      serverError(17187, 'SQL Server is not ready to accept new client connections.'),
      'login',
    ],
    [
      'request on a connection that closed under it',
      new sql.ConnectionError('Connection is closed.', 'ECONNCLOSED'),
      'unreachable',
    ],
    [
      'connection reset mid-request',
      new sql.RequestError(
        Object.assign(new Error('Connection lost - read ECONNRESET'), { code: 'ESOCKET' }),
        'ESOCKET',
      ),
      'unreachable',
    ],
    [
      'unknown host',
      connectionError(
        'Failed to connect to nohost:1433 - getaddrinfo ENOTFOUND nohost',
        'ESOCKET',
        Object.assign(new Error('getaddrinfo ENOTFOUND nohost'), { code: 'ENOTFOUND' }),
      ),
      'unreachable',
    ],
    [
      'connect timeout',
      connectionError('Failed to connect to db1:1433 in 15000ms', 'ETIMEOUT'),
      'unreachable',
    ],
    [
      'TLS 1.0-only server (Node 20 message)',
      connectionError(
        'Failed to connect to db1:1433 - 80:error:0A00042E:SSL routines:ssl3_read_bytes:tlsv1 alert protocol version',
        'ESOCKET',
        Object.assign(
          new Error('80:error:0A00042E:SSL routines:ssl3_read_bytes:tlsv1 alert protocol version'),
          { code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' },
        ),
      ),
      'tls',
    ],
    [
      'unsupported protocol',
      connectionError(
        'Failed to connect - routines:ssl_choose_client_version:unsupported protocol',
        'ESOCKET',
        Object.assign(new Error('routines:ssl_choose_client_version:unsupported protocol'), {
          code: 'ERR_SSL_UNSUPPORTED_PROTOCOL',
        }),
      ),
      'tls',
    ],
    [
      'EPROTO',
      connectionError(
        'Failed to connect - write EPROTO',
        'ESOCKET',
        Object.assign(new Error('write EPROTO'), { code: 'EPROTO' }),
      ),
      'tls',
    ],
    [
      're-raised deadlock',
      reraised(1205, 'Transaction (Process ID 53) was deadlocked'),
      'deadlock',
    ],
    [
      're-raised duplicate key',
      reraised(2627, "Violation of PRIMARY KEY constraint 'PK_tblChat'."),
      'constraint',
    ],
    [
      'missing counter row (RAISERROR in TRY)',
      reraised(50000, 'room 9 has no tblLastChatId row'),
      'unknown',
    ],
    ['invalid object 208', serverError(208, "Invalid object name 'dbo.tblChat'."), 'unknown'],
    ['a plain Error', new Error('boom'), 'unknown'],
    ['a TargetError keeps its kind', new TargetError('permission', 'refused'), 'permission'],
  ];
  for (const [name, error, kind] of cases) {
    it(`${name} -> ${kind}`, () => assert.equal(classifyMssqlError(error), kind));
  }

  it('reads the original number and message back from a re-raised error', () => {
    const facts = driverFacts(reraised(1205, 'deadlocked, 100% sure'));
    assert.equal(facts.number, 1205);
    assert.equal(facts.message, 'deadlocked, 100% sure');
  });
});

describe('toTargetError', () => {
  it('unreachable names host:port and the cause, and exits 3', () => {
    const e = toTargetError(
      connectionError('Failed to connect to db1:1433 - connect ECONNREFUSED', 'ESOCKET'),
      WHERE,
    );
    assert.equal(e.kind, 'unreachable');
    assert.equal(e.exitCode, 3);
    assert.match(e.message, /db1\.corp\.example:1433/);
    assert.match(e.message, /ECONNREFUSED/);
    assert.match(e.hint ?? '', /1433/);
  });

  it('login names the user and the database, never a password', () => {
    const e = toTargetError(connectionError("Login failed for user 'loader'.", 'ELOGIN'), WHERE);
    assert.equal(e.kind, 'login');
    assert.equal(e.exitCode, 3);
    assert.match(e.message, /user "loader"/);
    assert.match(e.message, /mgc_test/);
  });

  it('a server shutting down or starting is a passing refusal, not a wrong password', () => {
    const e = toTargetError(serverError(6005, 'SHUTDOWN is in progress.'), WHERE);
    assert.equal(e.kind, 'login');
    assert.match(e.message, /refused the session while shutting down or starting \(error 6005\)/);
    assert.match(e.hint ?? '', /reconnects with backoff.*--max-outage/);
    assert.doesNotMatch(e.hint ?? '', /password/);
  });

  it('TLS failures point at TLS 1.0 on 2008 R2, legacyTls, encrypt=false and tdsVersion=7_3_B', () => {
    const cause = Object.assign(new Error('ssl3_read_bytes:tlsv1 alert protocol version'), {
      code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
    });
    const e = toTargetError(
      connectionError('Failed to connect to db1:1433 - x', 'ESOCKET', cause),
      WHERE,
    );
    assert.equal(e.kind, 'tls');
    assert.equal(e.exitCode, 3);
    for (const words of [
      /2008 R2/,
      /TLS 1\.0/,
      /legacyTls=true/,
      /encrypt=false/,
      /tdsVersion=7_3_B/,
    ]) {
      assert.match(e.hint ?? '', words);
    }
  });

  it('an untrusted server certificate points at trustServerCertificate instead', () => {
    const cause = Object.assign(new Error('self-signed certificate'), {
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    const e = toTargetError(
      connectionError('Failed to connect to db1:1433 - self-signed certificate', 'ESOCKET', cause),
      WHERE,
    );
    assert.equal(e.kind, 'tls');
    assert.match(e.hint ?? '', /trustServerCertificate=true/);
    assert.doesNotMatch(e.hint ?? '', /legacyTls/);
  });

  it('permission names the statement and the permission it needs', () => {
    const e = toTargetError(
      serverError(262, "CREATE TABLE permission denied in database 'mgc_test'."),
      {
        ...WHERE,
        statement: 'create table tblChat',
      },
    );
    assert.equal(e.kind, 'permission');
    assert.match(e.message, /create table tblChat/);
    assert.match(e.hint ?? '', /CREATE TABLE/);
    const dmv = toTargetError(serverError(300, 'VIEW SERVER STATE permission was denied'), WHERE);
    assert.match(dmv.hint ?? '', /VIEW SERVER STATE/);
    const given = toTargetError(serverError(229, 'denied'), {
      ...WHERE,
      permission: 'INSERT on dbo.tblChat',
    });
    assert.match(given.hint ?? '', /Grant INSERT on dbo\.tblChat to user "loader"/);
  });

  it('keeps the driver error as the cause and passes TargetErrors through', () => {
    const original = serverError(1205, 'deadlocked');
    const e = toTargetError(original, WHERE);
    assert.equal(e.cause, original);
    assert.equal(e.kind, 'deadlock');
    const own = new TargetError('permission', 'refused');
    assert.equal(toTargetError(own, WHERE), own);
  });
});

describe('real driver failures (no server involved)', () => {
  const listen = (onSocket: (s: Socket) => void): Promise<Server> =>
    new Promise((resolve) => {
      const server = createServer(onSocket);
      server.listen(0, '127.0.0.1', () => resolve(server));
    });
  const portOf = (server: Server): number => (server.address() as { port: number }).port;

  it('a closed port is unreachable, naming host:port', async () => {
    const server = await listen(() => undefined);
    const port = portOf(server);
    await new Promise((resolve) => server.close(resolve));
    const config = parseMssqlTarget(`mssql://loader:pw@127.0.0.1:${port}/mgc?connectTimeout=2000`);
    const pool = new sql.ConnectionPool(toPoolConfig(config, 1));
    const error = await pool.connect().then(
      () => assert.fail('connected to a closed port'),
      (e: unknown) => e,
    );
    assert.equal(classifyMssqlError(error), 'unreachable');
    const mapped = toTargetError(error, { ...WHERE, endpoint: `127.0.0.1:${port}` });
    assert.match(mapped.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
    assert.match(mapped.message, /ECONNREFUSED/);
  });

  it('a port that accepts and never answers times out as unreachable', async () => {
    const sockets: Socket[] = [];
    const server = await listen((s) => sockets.push(s));
    const config = parseMssqlTarget(
      `mssql://loader:pw@127.0.0.1:${portOf(server)}/mgc?connectTimeout=300`,
    );
    const pool = new sql.ConnectionPool(toPoolConfig(config, 1));
    const error = await pool.connect().then(
      () => assert.fail('connected to a silent port'),
      (e: unknown) => e,
    );
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
    assert.equal(classifyMssqlError(error), 'unreachable');
  });
});

describe('retry policy (simulated time)', () => {
  const noSleep = { sleeps: [] as number[] };
  const deps = (random = 0.5, sleeps: number[] = noSleep.sleeps) => ({
    policy: DEFAULT_RETRY_POLICY,
    sleep: (ms: number) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => random,
  });

  it('retries deadlock victims and lock timeouts only', () => {
    assert.ok(isRetryable(serverError(1205, 'x')));
    assert.ok(isRetryable(serverError(1222, 'x')));
    assert.ok(isRetryable(reraised(1205, 'x')));
    assert.ok(!isRetryable(serverError(2627, 'x')));
    assert.ok(
      !isRetryable(
        new sql.RequestError(new tedious.RequestError('Timeout', 'ETIMEOUT'), 'EREQUEST'),
      ),
    );
    assert.ok(!isRetryable(connectionError('x', 'ESOCKET')));
  });

  it('succeeds after two deadlocks, counting two retries and backing off exponentially', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    let retries = 0;
    const value = await withRetry(
      async () => {
        calls++;
        if (calls <= 2) throw serverError(1205, 'deadlocked');
        return 'posted';
      },
      { ...deps(1 - Number.EPSILON, sleeps), onRetry: () => retries++ },
    );
    assert.equal(value, 'posted');
    assert.equal(calls, 3);
    assert.equal(retries, 2);
    assert.equal(sleeps.length, 2);
    assert.ok((sleeps[1] as number) > (sleeps[0] as number), `${sleeps}`);
  });

  it('gives up after maxRetries and rethrows the last error', async () => {
    let calls = 0;
    let retries = 0;
    const last = serverError(1205, 'deadlocked again');
    await assert.rejects(
      withRetry(
        async () => {
          calls++;
          throw last;
        },
        { ...deps(), onRetry: () => retries++ },
      ),
      (e: unknown) => e === last,
    );
    assert.equal(calls, DEFAULT_RETRY_POLICY.maxRetries + 1);
    assert.equal(retries, DEFAULT_RETRY_POLICY.maxRetries);
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    await assert.rejects(
      withRetry(async () => {
        calls++;
        throw serverError(2627, 'duplicate');
      }, deps()),
    );
    assert.equal(calls, 1);
  });

  it('backs off with equal jitter: half fixed, half random, capped', () => {
    const policy = { maxRetries: 5, baseDelayMs: 10, maxDelayMs: 50 };
    assert.equal(backoffMs(0, policy, 0), 5);
    assert.equal(backoffMs(0, policy, 0.999999), 9.999995);
    assert.equal(backoffMs(1, policy, 0), 10);
    assert.equal(backoffMs(2, policy, 0.5), 30);
    assert.equal(backoffMs(6, policy, 0), 25);
    assert.equal(backoffMs(6, policy, 0.999999), 49.999975);
  });
});
