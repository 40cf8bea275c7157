import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { chatload } from './spawn-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'chatload-cli-provision-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A small deployment: 180 connected of 300 provisioned users, rooms sized to fit. */
const SMALL = ['--users', '180', '--provisioned', '300', '--users-per-room', 'large=90,medium=40'];

/** A store of its own for one test, provisioned from the SMALL world with `seed`. */
async function provisionedStore(name: string, seed: number): Promise<string> {
  const path = join(dir, name, 'mgc.db');
  const { code, stderr } = await chatload([
    'provision',
    '--target',
    `sqlite:${path}`,
    ...SMALL,
    '--seed',
    String(seed),
    '--quiet',
  ]);
  assert.equal(code, 0, stderr);
  return path;
}

describe('chatload provision', () => {
  it('fills a fresh sqlite store and prints rows per table', async () => {
    const path = join(dir, 'nested', 'mgc.db');
    const { code, stdout, stderr } = await chatload([
      'provision',
      '--target',
      `sqlite:${path}`,
      ...SMALL,
      '--seed',
      '7',
    ]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /mgc \+ mgccomp in sqlite:.*mgc\.db: provisioned in/);
    const principals = /tblPrincipal\s+([\d,]+)/.exec(stdout)?.[1];
    const db = new Database(path, { readonly: true });
    const count = (table: string) =>
      (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
    assert.equal(Number(principals?.replace(/,/g, '')), count('tblPrincipal'));
    assert.ok(
      count('tblPrincipalAffiliations') > 300 * 100,
      'each user has its 100-200 affiliations',
    );
    assert.equal(count('tblChat'), 0, 'no history unless asked');
    assert.match(stdout, /The store against the plan/);
    // 4.5 medium rooms with invitations in the plan, 5 in a store: ≈, not ≠.
    const invitations = /^\s+invitations, total\s+([\d,]+)\s+([\d,]+)\s*(\S*)$/m.exec(stdout);
    assert.equal(invitations?.[3], '≈', 'whole rooms, marked');
    assert.equal(
      Number(invitations?.[2]?.replace(/,/g, '')),
      count('tblPrincipalInvites'),
      'the store column is what the database holds',
    );
    assert.match(stdout, /The store holds the plan’s figures\./);
    db.close();
    assert.match(
      stderr,
      /provisioning mgc\.tblPrincipalAffiliations: [\d,]+ \/ [\d,]+ rows/,
      'plain progress lines off a terminal',
    );
  });

  it('says the store is already provisioned on a re-run and exits 0', async () => {
    const path = await provisionedStore('rerun', 7);
    const { code, stdout } = await chatload([
      'provision',
      '--target',
      `sqlite:${path}`,
      ...SMALL,
      '--seed',
      '7',
      '--quiet',
    ]);
    assert.equal(code, 0);
    assert.match(stdout, /already provisioned from this world .*seed 7.*nothing to do/);
  });

  it('asks for --force when the world differs, and recreates the store with it', async () => {
    const path = await provisionedStore('other-world', 7);
    const refused = await chatload([
      'provision',
      '--target',
      `sqlite:${path}`,
      ...SMALL,
      '--seed',
      '8',
      '--quiet',
    ]);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /E_OTHER_WORLD: .*seed 7.*seed 8/);
    assert.match(refused.stderr, /--force/);
    const forced = await chatload([
      'provision',
      '--target',
      `sqlite:${path}`,
      ...SMALL,
      '--seed',
      '8',
      '--force',
      '--quiet',
    ]);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /provisioned in/);
  });

  it('refuses a database holding Persistent Chat tables it did not create (exit 2)', async () => {
    const foreign = join(dir, 'production-mgc.db');
    const db = new Database(foreign);
    db.exec('CREATE TABLE tblPrincipal (prinID int)');
    db.close();
    for (const extra of [[], ['--force']]) {
      const { code, stderr } = await chatload([
        'provision',
        '--target',
        `sqlite:${foreign}`,
        ...SMALL,
        ...extra,
        '--quiet',
      ]);
      assert.equal(code, 2);
      assert.match(stderr, /E_FOREIGN_STORE: .*tblPrincipal.*production mgc must never be touched/);
    }
    const after = new Database(foreign, { readonly: true });
    const tables = after.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all();
    after.close();
    assert.deepEqual(tables, [{ name: 'tblPrincipal' }], 'nothing was written');
  });

  it('rejects a malformed target URL with exit 2, listing the accepted forms', async () => {
    const { code, stderr } = await chatload([
      'provision',
      '--target',
      'mysql://root:hunter2@db/mgc',
    ]);
    assert.equal(code, 2);
    assert.match(stderr, /E_INPUT: --target: unknown target kind "mysql:"/);
    for (const form of ['sqlite:PATH', 'null:', 'mssql://USER:PASSWORD@HOST', 'Server='])
      assert.ok(stderr.includes(form), form);
    assert.ok(!stderr.includes('hunter2'));
  });

  it('puts mgccomp in its own database with --compliance-target', async () => {
    const chat = join(dir, 'split', 'mgc.db');
    const compliance = join(dir, 'split', 'mgccomp.db');
    const { code, stdout, stderr } = await chatload([
      'provision',
      '--target',
      `sqlite:${chat}`,
      '--compliance-target',
      `sqlite:${compliance}`,
      ...SMALL,
      '--quiet',
    ]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^mgc in sqlite:/m);
    assert.match(stdout, /^mgccomp in sqlite:/m);
    const db = new Database(compliance, { readonly: true });
    const tables = (
      db
        .prepare(
          "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name",
        )
        .all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    db.close();
    assert.deepEqual(tables, [
      'chatload_meta',
      'tblComplianceData',
      'tblComplianceFanout',
      'tblComplianceParticipant',
      'tblComplianceState',
    ]);
  });

  it('refuses a store with Persistent Chat rows and an empty chatload_meta, changing no byte', async () => {
    const path = join(dir, 'hand-made.db');
    const db = new Database(path);
    db.exec('CREATE TABLE "tblChat" ("channelId" int, "chatId" bigint, "content" nvarchar)');
    db.exec(`INSERT INTO "tblChat" VALUES (7, 1, 'a message someone wrote')`);
    db.exec('CREATE TABLE "chatload_meta" ("metaKey" varchar PRIMARY KEY, "metaValue" varchar)');
    db.close();
    const before = sha256(path);
    const { code, stderr } = await chatload([
      'provision',
      '--target',
      `sqlite:${path}`,
      ...SMALL,
      '--quiet',
    ]);
    assert.equal(code, 2, stderr);
    assert.match(
      stderr,
      /E_FOREIGN_STORE: .*hand-made\.db holds a chatload_meta table chatload did not write \(chatload_meta is empty\) and Persistent Chat table tblChat/,
    );
    assert.equal(sha256(path), before, 'not switched to WAL, not written');
    assert.deepEqual(
      readdirSync(dir).filter((name) => name.startsWith('hand-made.db-')),
      [],
      'no -wal or -shm file',
    );
  });

  it('refuses a text file as the store with exit 2, and does not advise deleting it', async () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'not a database\n'.repeat(300));
    const before = sha256(path);
    const { code, stderr } = await chatload(['provision', '--target', `sqlite:${path}`, '--quiet']);
    assert.equal(code, 2, stderr);
    assert.match(
      stderr,
      /E_INPUT: sqlite:.*notes\.txt: is not a SQLite database chatload can read/,
    );
    assert.doesNotMatch(stderr, /delete|remove/i);
    assert.equal(sha256(path), before);
  });

  it('runs the small-deployment example its --help gives', async () => {
    const help = await chatload(['provision', '--help']);
    const example = /^ {2}chatload provision (--users \S.*?)(?: {2,}|$)/m.exec(help.stdout)?.[1];
    assert.ok(example !== undefined, help.stdout);
    const path = join(dir, 'help-example', 'mgc.db');
    const args = example.split(/\s+/);
    const { code, stderr } = await chatload([
      'provision',
      ...args,
      '--target',
      `sqlite:${path}`,
      '--quiet',
    ]);
    assert.equal(code, 0, `chatload provision ${example}: ${stderr}`);
  });

  it('takes the target from CHATLOAD_TARGET or a file, and never prints its password', async () => {
    const path = join(dir, 'from-env', 'mgc.db');
    const fromEnv = await chatload(['provision', ...SMALL, '--quiet'], {
      env: { CHATLOAD_TARGET: `sqlite:${path}` },
    });
    assert.equal(fromEnv.code, 0, fromEnv.stderr);
    assert.match(
      fromEnv.stdout,
      new RegExp(`in sqlite:${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: provisioned`),
    );
    const secret = join(dir, 'mgc-target');
    writeFileSync(secret, 'Server=;Database=mgc;User Id=load;Password=hunter2;\n');
    const bad = await chatload(['provision', '--target', `@${secret}`, '--quiet']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /E_INPUT: --target @.*mgc-target: /);
    const badEnv = await chatload(['provision', '--quiet'], {
      env: { CHATLOAD_TARGET: 'Server=;Database=mgc;User Id=load;Password=hunter2;' },
    });
    assert.equal(badEnv.code, 2);
    assert.match(badEnv.stderr, /E_INPUT: CHATLOAD_TARGET: /);
    for (const output of [bad, badEnv])
      assert.doesNotMatch(output.stdout + output.stderr, /hunter2/);
  });

  it('refuses --target sqlite: without a path instead of choosing a file', async () => {
    const { code, stderr } = await chatload(['provision', '--target', 'sqlite:', '--quiet']);
    assert.equal(code, 2);
    assert.match(
      stderr,
      /E_INPUT: --target: sqlite: needs a path, e\.g\. sqlite:\.chatload\/mgc\.db/,
    );
  });
});
