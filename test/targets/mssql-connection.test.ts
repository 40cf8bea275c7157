import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { InputError } from '../../src/core/errors.js';
import {
  ACCEPTED_FORMS,
  looksLikeMssqlTarget,
  parseMssqlTarget,
  redact,
  type MssqlTargetConfig,
} from '../../src/targets/mssql/connection-string.js';
import { LEGACY_TLS, toPoolConfig } from '../../src/targets/mssql/pool-config.js';
import { MssqlTarget } from '../../src/targets/mssql/target.js';

const SECRET = 'S3cr;et=P@ss%word';

function pick(
  config: MssqlTargetConfig,
  keys: (keyof MssqlTargetConfig)[],
): Partial<MssqlTargetConfig> {
  return Object.fromEntries(keys.map((k) => [k, config[k]]));
}

describe('parseMssqlTarget: URL form', () => {
  it('reads user, password, host, port, database and options', () => {
    const c = parseMssqlTarget(
      `mssql://load%40test:${encodeURIComponent(SECRET)}@db1.corp.example:14330/mgc_test?encrypt=false&trustServerCertificate=true&tdsVersion=7_3_B&legacyTls=true&poolSize=8&requestTimeout=60000&connectTimeout=5000&appName=nightly`,
    );
    assert.deepEqual(c, {
      host: 'db1.corp.example',
      port: 14330,
      instanceName: null,
      database: 'mgc_test',
      user: 'load@test',
      password: SECRET,
      encrypt: false,
      trustServerCertificate: true,
      tdsVersion: '7_3_B',
      legacyTls: true,
      poolSize: 8,
      requestTimeoutMs: 60_000,
      connectTimeoutMs: 5_000,
      appName: 'nightly',
    });
  });

  it('defaults: port 1433, encrypt on, certificate checked, TDS 7.4, modern TLS', () => {
    const c = parseMssqlTarget('mssql://sa:pw@localhost/mgc');
    assert.deepEqual(
      pick(c, [
        'port',
        'encrypt',
        'trustServerCertificate',
        'tdsVersion',
        'legacyTls',
        'poolSize',
        'appName',
      ]),
      {
        port: 1433,
        encrypt: true,
        trustServerCertificate: false,
        tdsVersion: '7_4',
        legacyTls: false,
        poolSize: null,
        appName: 'chatload',
      },
    );
  });

  it('takes an IPv6 host, option names in any case, and a named instance without a port', () => {
    assert.equal(parseMssqlTarget('mssql://u:p@[::1]:1500/db').host, '::1');
    assert.equal(parseMssqlTarget('mssql://u:p@h/db?ENCRYPT=no').encrypt, false);
    const named = parseMssqlTarget('mssql://u:p@h/db?instanceName=SQL2008R2');
    assert.deepEqual(pick(named, ['port', 'instanceName']), {
      port: null,
      instanceName: 'SQL2008R2',
    });
  });
});

describe('parseMssqlTarget: ADO.NET form', () => {
  it('reads the keys with their synonyms, quoted values and the tcp: prefix', () => {
    const c = parseMssqlTarget(
      `Data Source=tcp:db1.corp.example,14330; Initial Catalog=mgc_test;UID=loader;PWD="${SECRET.replaceAll('"', '""')}";Encrypt=False;TrustServerCertificate=yes;TDS Version=7_3_A;Legacy TLS=true;Max Pool Size=12;Command Timeout=90;Connect Timeout=7;Application Name=ci`,
    );
    assert.deepEqual(c, {
      host: 'db1.corp.example',
      port: 14330,
      instanceName: null,
      database: 'mgc_test',
      user: 'loader',
      password: SECRET,
      encrypt: false,
      trustServerCertificate: true,
      tdsVersion: '7_3_A',
      legacyTls: true,
      poolSize: 12,
      requestTimeoutMs: 90_000,
      connectTimeoutMs: 7_000,
      appName: 'ci',
    });
  });

  it('reads Server/Database/User Id/Password in any case, single quotes with doubled quotes', () => {
    const c = parseMssqlTarget("server=DB2;DATABASE=mgc;user id=sa;password='it''s;secret';");
    assert.deepEqual(pick(c, ['host', 'port', 'database', 'user', 'password']), {
      host: 'DB2',
      port: 1433,
      database: 'mgc',
      user: 'sa',
      password: "it's;secret",
    });
  });

  it('reads host\\instance (SQL Browser) and host\\instance,port (port wins)', () => {
    const browser = parseMssqlTarget('Server=db\\SQL2008R2;Database=m;User Id=u;Password=p');
    assert.deepEqual(pick(browser, ['host', 'instanceName', 'port']), {
      host: 'db',
      instanceName: 'SQL2008R2',
      port: null,
    });
    const fixed = parseMssqlTarget('Server=db\\SQL2008R2,1500;Database=m;User Id=u;Password=p');
    assert.deepEqual(pick(fixed, ['host', 'instanceName', 'port']), {
      host: 'db',
      instanceName: 'SQL2008R2',
      port: 1500,
    });
    assert.equal(
      parseMssqlTarget('Server=(local);Database=m;User Id=u;Password=p').host,
      'localhost',
    );
    assert.equal(parseMssqlTarget('Server=.;Database=m;User Id=u;Password=p').host, 'localhost');
  });

  it("reads values as node-mssql's own parser does: {braces} quote, a doubled ; is one ;", () => {
    const braces = parseMssqlTarget('Server=h;Database=m;User Id=u;Password={S3cr;et=P@ss}');
    assert.equal(braces.password, 'S3cr;et=P@ss');
    const doubled = parseMssqlTarget('Server=h;Database=m;User Id=u;Password=a;;b');
    assert.equal(doubled.password, 'a;b');
    const spaced = parseMssqlTarget('  Data   Source = h ;Database=m;User Id=u;Password=p;  ');
    assert.equal(spaced.host, 'h');
  });

  it('accepts Integrated Security=false and ignores client-only settings', () => {
    const c = parseMssqlTarget(
      'Server=h;Database=m;User Id=u;Password=p;Integrated Security=False;MultipleActiveResultSets=True;Persist Security Info=False',
    );
    assert.equal(c.user, 'u');
  });
});

describe('parseMssqlTarget: bad input', () => {
  const bad: [string, RegExp][] = [
    ['postgres://u:p@h/db', /not a SQL Server target/],
    ['mssql://u:p@h', /database name is missing/],
    ['mssql://u:p@h/a/b', /exactly one database name/],
    ['mssql://:p@h/db', /user name is missing/],
    ['mssql://u:p@h:99999/db', /malformed|port/],
    ['mssql://u:p@h/db?encrypt=maybe', /encrypt must be true or false \(got "maybe"\)/],
    ['mssql://u:p@h/db?tdsVersion=7_2', /tdsVersion must be one of 7_3_A, 7_3_B, 7_4/],
    ['mssql://u:p@h/db?poolSize=0', /poolSize must be an integer from 1 to 256/],
    ['mssql://u:p@h/db?bogus=1', /unknown URL option "bogus"/],
    ['mssql://u:p@h/db?encrypt=true&encrypt=false', /given twice/],
    ['mssql://u:p@h/db#frag', /fragment/],
    ['Server=h;Database=m;Integrated Security=SSPI', /Integrated Security .* not supported/],
    [
      'Server=h;Database=m;Trusted_Connection=yes;User Id=u',
      /Integrated Security .* not supported/,
    ],
    ['Database=m;User Id=u;Password=p', /Server \(or Data Source\) is missing/],
    ['Server=h;User Id=u;Password=p', /database name is missing/],
    ['Server=h;Database=m;Password=p', /user name is missing/],
    ['Server=np:\\\\h\\pipe;Database=m;User Id=u;Password=p', /protocol "np:" is not supported/],
    ['Server=h,abc;Database=m;User Id=u;Password=p', /port .* must be an integer/],
    ['Server=h\\;Database=m;User Id=u;Password=p', /no instance name/],
    ['Server=h;Data Source=h2;Database=m;User Id=u;Password=p', /repeats/],
    ['Server=h;Database=m;User Id=u;Password="unclosed', /no closing "/],
    [
      'Server=h;Color=blue;Database=m;User Id=u;Password=p',
      /unknown connection-string key "color"/,
    ],
    [
      'Server=h;Database=m;User Id=u;Password=p;Color=blue',
      /after "password=\.\.\." .* must be quoted/,
    ],
    ['Server=h;Database=m;User Id=u;Password=p;Encrypt=Strict', /Strict .* not supported/],
    [
      'Server=h;Database=m;User Id=u;Command Timeout=-1',
      /Command Timeout \(seconds\) must be an integer/,
    ],
    ['Server=h;Database=m;User Id=u;justtext', /not a key=value pair/],
    ['Server=h;Database=m;User Id=u;Password=p;Password=q', /"password" repeats "password"/],
    ['Server=h;Database=m;User Id=u;Password=p;junk;', /after "password=\.\.\." .* must be quoted/],
    ['Server=h;Database=m;User Id=u;Password="p"q', /unexpected text after a quoted value/],
    ['=h;Database=m;User Id=u;Password=p', /does not start with a key=value pair/],
  ];
  for (const [text, message] of bad) {
    it(`refuses ${text.replace(/Password=[^;]*/, 'Password=…')}`, () => {
      assert.throws(
        () => parseMssqlTarget(text),
        (error: unknown) => {
          assert.ok(error instanceof InputError, String(error));
          assert.equal(error.exitCode, 2);
          assert.match(error.message, message);
          for (const form of ACCEPTED_FORMS)
            assert.ok(error.hint?.includes(form), 'hint lists the forms');
          return true;
        },
      );
    });
  }

  it('never echoes the password, not even when a ; inside it breaks the string', () => {
    const texts = [
      `Server=h;Database=m;User Id=u;Password=${SECRET}`,
      `Server=h;Database=m;User Id=u;Password=abc;defSECRET`,
      `Server=h;Database=m;User Id=u;Password=abc;defSECRET;`,
      `Server=h;Database=m;User Id=u;Password="abc"defSECRET;`,
      `Server=h;Database=m;User Id=u;Password='abc;defSECRET`,
      `mssql://u:${encodeURIComponent(SECRET)}@h/db?encrypt=maybe`,
      `mssql://u:%E0%A4%A@h/db`,
    ];
    for (const text of texts) {
      try {
        parseMssqlTarget(text);
        assert.fail(`accepted ${text}`);
      } catch (error) {
        const shown = `${(error as Error).message}\n${(error as InputError).hint ?? ''}`;
        assert.ok(!shown.includes(SECRET), shown);
        assert.ok(!shown.includes('SECRET'), shown);
        assert.ok(!shown.includes('defSECRET'), shown);
      }
    }
  });
});

describe('what may be printed', () => {
  it('redact() names user, host, port and database, never the password', () => {
    const url = parseMssqlTarget(`mssql://loader:${encodeURIComponent(SECRET)}@db1:1500/mgc`);
    assert.equal(redact(url), 'mssql://loader@db1:1500/mgc');
    const ado = parseMssqlTarget(
      `Server=db\\INST;Database=mgc;User Id=loader;Password="${SECRET}"`,
    );
    assert.equal(redact(ado), 'mssql://loader@db\\INST/mgc');
    const target = new MssqlTarget(url, {});
    assert.equal(target.description, 'mssql://loader@db1:1500/mgc');
    assert.ok(!inspect(target, { depth: 10, showHidden: true }).includes(SECRET));
  });

  it('recognises both forms as meant for SQL Server', () => {
    assert.ok(looksLikeMssqlTarget('mssql://x'));
    assert.ok(looksLikeMssqlTarget(' Data Source = h;'));
    assert.ok(!looksLikeMssqlTarget('sqlite:.chatload/mgc.db'));
    assert.ok(!looksLikeMssqlTarget('null:'));
  });
});

describe('driver configuration', () => {
  it('passes TLS, TDS and timeouts through, and lowers TLS only with legacyTls', () => {
    const modern = toPoolConfig(parseMssqlTarget('mssql://u:p@h:1500/db?requestTimeout=1234'), 6);
    assert.equal(modern.port, 1500);
    assert.equal(modern.requestTimeout, 1234);
    assert.equal(modern.pool?.max, 6);
    assert.equal(modern.options?.tdsVersion, '7_4');
    assert.equal(modern.options?.encrypt, true);
    assert.equal(modern.options?.cryptoCredentialsDetails, undefined);
    const legacy = toPoolConfig(
      parseMssqlTarget('mssql://u:p@h/db?legacyTls=true&tdsVersion=7_3_B'),
      1,
    );
    assert.equal(legacy.options?.tdsVersion, '7_3_B');
    assert.deepEqual(legacy.options?.cryptoCredentialsDetails, LEGACY_TLS);
    assert.equal(LEGACY_TLS.minVersion, 'TLSv1');
  });

  it('connects a named instance through SQL Browser (no port) unless a port is given', () => {
    const browser = toPoolConfig(
      parseMssqlTarget('Server=h\\I;Database=m;User Id=u;Password=p'),
      1,
    );
    assert.equal(browser.port, undefined);
    assert.equal(browser.options?.instanceName, 'I');
    const fixed = toPoolConfig(
      parseMssqlTarget('Server=h\\I,1500;Database=m;User Id=u;Password=p'),
      1,
    );
    assert.equal(fixed.port, 1500);
    assert.equal(fixed.options?.instanceName, undefined);
  });

  it('keeps every connection it opens (min = max: no idle reaping) and drops dead ones cheaply', () => {
    const config = toPoolConfig(parseMssqlTarget('mssql://u:p@h/db?poolSize=9'), 3);
    assert.equal(config.pool?.min, 3);
    assert.equal(config.pool?.max, 3, "the run's share, not the target text's poolSize");
    assert.equal(config.validateConnection, 'socket');
  });

  it("sizes a target by the caller's connections, else 4, never by the target text", () => {
    const config = parseMssqlTarget('mssql://u:p@h/db?poolSize=9');
    assert.equal(new MssqlTarget(config, { connections: 2 }).poolSize, 2);
    assert.equal(new MssqlTarget(config).poolSize, 4);
  });
});
