import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { NullTarget } from '../../src/targets/null.js';
import { openTarget, runsAsynchronously } from '../../src/targets/open.js';
import { SqliteTarget } from '../../src/targets/sqlite/target.js';
import {
  DEFAULT_TARGET,
  describeTarget,
  parseTargetUrl,
  sameDatabase,
  TARGET_FORMS,
} from '../../src/targets/url.js';
import { provisionOptions, smallWorld, testContext, txBatch } from './fixtures.js';

function rejects(text: string, pattern: RegExp, flag = '--target'): InputError {
  let caught: unknown;
  try {
    parseTargetUrl(text, flag);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof InputError, `${text} should be rejected`);
  assert.equal(caught.where, flag);
  assert.equal(caught.exitCode, 2);
  assert.match(caught.message, pattern);
  for (const form of ['sqlite:PATH', 'null:', 'mssql://', 'Server='])
    assert.ok(caught.hint?.includes(form), `hint lists ${form}`);
  return caught;
}

describe('target URLs', () => {
  it('parses sqlite paths, the default path and the durability option', () => {
    assert.deepEqual(parseTargetUrl('sqlite:data/x.db'), {
      kind: 'sqlite',
      config: { path: 'data/x.db', synchronous: 'full' },
    });
    assert.deepEqual(parseTargetUrl(DEFAULT_TARGET), {
      kind: 'sqlite',
      config: { path: '.chatload/mgc.db', synchronous: 'full' },
    });
    assert.deepEqual(parseTargetUrl('sqlite:///tmp/a.db?synchronous=NORMAL'), {
      kind: 'sqlite',
      config: { path: '/tmp/a.db', synchronous: 'normal' },
    });
    assert.deepEqual(parseTargetUrl('null:'), {
      kind: 'null',
      config: { serviceMs: 0, stallAtMs: null, stallForMs: 0, latencyMs: 0, connectMs: 0 },
    });
    assert.deepEqual(parseTargetUrl('null:?serviceMs=0.5&stallAt=2s&stallFor=1s'), {
      kind: 'null',
      config: { serviceMs: 0.5, stallAtMs: 2000, stallForMs: 1000, latencyMs: 0, connectMs: 0 },
    });
    const network = parseTargetUrl('null:?latencyMs=20&connectMs=1500');
    assert.deepEqual(network, {
      kind: 'null',
      config: { serviceMs: 0, stallAtMs: null, stallForMs: 0, latencyMs: 20, connectMs: 1500 },
    });
    assert.equal(describeTarget(network), 'null:?latencyMs=20&connectMs=1500');
    assert.equal(runsAsynchronously(network), true, 'a round trip frees the worker meanwhile');
    assert.equal(runsAsynchronously('null:?serviceMs=5'), false, 'serviceMs blocks the worker');
    assert.equal(runsAsynchronously('sqlite:x.db'), false);
    assert.equal(runsAsynchronously('mssql://u:p@h/db'), true);
  });

  it('rejects malformed values naming the flag and listing every accepted form', () => {
    rejects('sqlite:x.db?synchronous=off', /synchronous must be full or normal/);
    rejects('sqlite:x.db?journal=wal', /unknown sqlite option "journal"/);
    rejects('null:?serviceMs=-1', /null: option "serviceMs=-1"/);
    rejects('null:?stallAt=soon&stallFor=1s', /null: option "stallAt=soon"/);
    rejects('null:?stallAt=1s', /stallAt and stallFor go together/);
    rejects(
      'null:?latency=5',
      /expected one of serviceMs, latencyMs, connectMs, stallAt, stallFor/,
    );
    rejects('null:?latencyMs=', /null: option "latencyMs="/);
    rejects('null:?latencyMs=-3', /expected a number of ms >= 0 and <= 3600000/);
    rejects('null:?latencyMs=2h', /null: option "latencyMs=2h"/);
    rejects('null:?connectMs=5000000', /<= 3600000/);
    rejects('sqlite::memory:', /needs a file path/);
    rejects('sqlite:', /sqlite: needs a path, e\.g\. sqlite:\.chatload\/mgc\.db/);
    rejects('sqlite:?synchronous=normal', /sqlite: needs a path/);
    rejects('sqlite://relative.db', /ambiguous/);
    rejects('postgres://u:secret@h/db', /unknown target kind "postgres:"/, '--compliance-target');
    rejects('just-a-word', /not a target URL/);
    rejects('  ', /empty/);
  });

  it('delegates SQL Server forms and never echoes their password', () => {
    const spec = parseTargetUrl('mssql://sa:S3cret%21@db.example:1444/mgc?encrypt=false');
    assert.equal(spec.kind, 'mssql');
    assert.equal(describeTarget(spec), 'mssql://sa@db.example:1444/mgc');
    const ado = parseTargetUrl('Server=db.example,1433;Database=mgc;User Id=sa;Password=S3cret!;');
    assert.equal(ado.kind, 'mssql');
    assert.ok(!describeTarget(ado).includes('S3cret'));
    const error = rejects('mssql://sa:S3cret@db.example/mgc?encrypt=maybe', /encrypt/);
    assert.ok(!error.message.includes('S3cret') && !(error.hint ?? '').includes('S3cret'));
  });

  it('tells whether two targets are the same database', () => {
    assert.ok(
      sameDatabase(parseTargetUrl('sqlite:a.db'), parseTargetUrl('sqlite:a.db?synchronous=normal')),
    );
    assert.ok(!sameDatabase(parseTargetUrl('sqlite:a.db'), parseTargetUrl('sqlite:b.db')));
    assert.ok(!sameDatabase(parseTargetUrl('sqlite:a.db'), parseTargetUrl('null:')));
  });

  it('documents the durability choice in the accepted forms', () => {
    assert.match(TARGET_FORMS[0] ?? '', /synchronous=full\|normal/);
  });

  it('opens the right target for each URL, unopened, with a password-free description', () => {
    assert.ok(openTarget('sqlite:x.db') instanceof SqliteTarget);
    assert.ok(openTarget('null:') instanceof NullTarget);
    const mssql = openTarget('mssql://sa:pw123@h/db');
    assert.equal(mssql.kind, 'mssql');
    assert.equal(mssql.description, 'mssql://sa@h:1433/db');
  });
});

describe('null target', () => {
  it('executes nothing: each transaction starts and ends at one clock reading, without errors', async () => {
    const world = smallWorld(11);
    const target = openTarget('null:');
    await target.open(testContext(world, null));
    const outcome = await target.execute(
      txBatch([
        { op: 'signin', method: 'INVITE', user: 0 },
        { op: 'post', command: 'grpchat', user: 0, room: 1 },
      ]),
    );
    assert.deepEqual(Array.from(outcome.startedAt), [0, 1]);
    assert.deepEqual(Array.from(outcome.endedAt), [0, 1]);
    assert.deepEqual(Array.from(outcome.errorKind), [0, 0]);
    assert.equal((await target.serverInfo()).kind, 'null');
    assert.equal(
      (await target.provision(world, provisionOptions())).fingerprint,
      world.fingerprint,
    );
    await target.close();
  });

  it('stands in for database timing: a service time per transaction, one stall', async () => {
    const world = smallWorld(11);
    const target = openTarget('null:?serviceMs=2&stallAt=1ms&stallFor=30ms');
    assert.equal(target.description, 'null:?serviceMs=2&stallAt=1ms&stallFor=30ms');
    const started = performance.now();
    await target.open({ ...testContext(world, null), runClock: () => performance.now() - started });
    const batch = txBatch([
      { op: 'post', command: 'grpchat', user: 0, room: 1 },
      { op: 'post', command: 'grpchat', user: 0, room: 1 },
      { op: 'post', command: 'grpchat', user: 0, room: 1 },
    ]);
    const outcome = await target.execute(batch);
    const took = (i: number) => (outcome.endedAt[i] as number) - (outcome.startedAt[i] as number);
    assert.ok(took(0) >= 2 && took(0) < 25, `first: service only (${took(0)})`);
    assert.ok(took(1) >= 31, `second: service plus the stall (${took(1)})`);
    assert.ok(took(2) >= 2 && took(2) < 25, `third: the stall happens once (${took(2)})`);
    await target.close();
  });
});
