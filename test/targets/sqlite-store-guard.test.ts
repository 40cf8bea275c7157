/**
 * What the embedded target does before and around writing: databases it did not create stay
 * byte for byte as they were, provisioning runs without a journal and leaves nothing half built
 * when it stops, one process at a time provisions a store, and a store that cannot be written
 * is refused at open.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { ChatloadError } from '../../src/core/errors.js';
import { metaEntries } from '../../src/targets/store-meta.js';
import { SqliteTarget } from '../../src/targets/sqlite/target.js';
import { lockPathOf } from '../../src/targets/sqlite/store-lock.js';
import { META, provisionOptions, smallWorld, tempDir, testContext, txBatch } from './fixtures.js';

const dir = tempDir('sqlite-guard');
after(() => dir.remove());
const world = smallWorld(11);

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function siblings(path: string): string[] {
  const name = path.split('/').pop() as string;
  return readdirSync(join(path, '..')).filter((f) => f.startsWith(name) && f !== name);
}

function target(path: string): SqliteTarget {
  return new SqliteTarget({ path, synchronous: 'normal' });
}

async function opened(path: string): Promise<SqliteTarget> {
  const t = target(path);
  await t.open(testContext(world, null));
  return t;
}

function codeOf(error: unknown): string {
  return error instanceof ChatloadError ? error.code : String(error);
}

/** Everything a command may try on a store it must leave alone; each must refuse. */
async function tryEverything(path: string): Promise<string[]> {
  const codes: string[] = [];
  let t: SqliteTarget;
  try {
    t = await opened(path);
  } catch (error) {
    return [codeOf(error)];
  }
  try {
    await t.inspectStore();
    for (const force of [false, true]) {
      await t.provision(world, provisionOptions({ force })).catch((e) => codes.push(codeOf(e)));
    }
    await t
      .execute(txBatch([{ op: 'signin', method: 'INVITE', user: 0 }]))
      .catch((e) => codes.push(codeOf(e)));
  } finally {
    await t.close();
  }
  return codes;
}

describe('a database chatload did not create', () => {
  it('holding Persistent Chat rows and an empty chatload_meta is refused and left as it was', async () => {
    const path = join(dir.path, 'empty-meta.db');
    const db = new Database(path);
    db.exec('CREATE TABLE "tblChat" ("channelId" int, "chatId" bigint, "content" nvarchar)');
    db.exec(`INSERT INTO "tblChat" VALUES (1, 1, 'a real message')`);
    db.exec('CREATE TABLE "chatload_meta" ("metaKey" varchar PRIMARY KEY, "metaValue" varchar)');
    db.close();
    const before = sha256(path);
    assert.deepEqual(await tryEverything(path), [
      'E_FOREIGN_STORE',
      'E_FOREIGN_STORE',
      'E_FOREIGN_STORE',
    ]);
    assert.equal(sha256(path), before, 'not a byte changed');
    assert.deepEqual(siblings(path), [], 'no -wal, -shm or journal appeared');
  });

  it('with a partial chatload_meta, or with tables of its own, is refused the same way', async () => {
    const partial = join(dir.path, 'partial-meta.db');
    let db = new Database(partial);
    db.exec('CREATE TABLE "tblPrincipal" ("prinID" int)');
    db.exec('CREATE TABLE "chatload_meta" ("metaKey" varchar PRIMARY KEY, "metaValue" varchar)');
    const insert = db.prepare('INSERT INTO "chatload_meta" VALUES (?, ?)');
    for (const [key, value] of metaEntries(META).filter(([key]) => key !== 'fingerprint')) {
      insert.run(key, value);
    }
    db.close();
    const others = join(dir.path, 'orders.db');
    db = new Database(others);
    db.exec('CREATE TABLE orders (id int)');
    db.close();
    for (const path of [partial, others]) {
      const before = sha256(path);
      assert.deepEqual(
        await tryEverything(path),
        ['E_FOREIGN_STORE', 'E_FOREIGN_STORE', 'E_FOREIGN_STORE'],
        path,
      );
      assert.equal(sha256(path), before, path);
      assert.deepEqual(siblings(path), [], path);
    }
    const t = await opened(others);
    assert.deepEqual(await t.inspectStore(), {
      state: 'foreign',
      evidence: 'table orders without chatload_meta',
    });
    await t.close();
  });

  it('that is not a database at all is bad input (exit 2), never a reason to delete it', async () => {
    const path = join(dir.path, 'notes.txt');
    writeFileSync(path, 'shopping list\n'.repeat(400));
    const before = sha256(path);
    await assert.rejects(opened(path), (error: unknown) => {
      assert.ok(error instanceof ChatloadError);
      assert.equal(error.code, 'E_INPUT');
      assert.equal(error.exitCode, 2);
      assert.match(
        error.message,
        /notes\.txt\S*: is not a SQLite database .*leaves the file as it is/,
      );
      assert.doesNotMatch(`${error.message} ${error.hint ?? ''}`, /delete|remove/i);
      return true;
    });
    assert.equal(sha256(path), before);
    assert.deepEqual(siblings(path), []);
  });
});

describe('provisioning a SQLite store', () => {
  it('loads with the journal off: no -wal or -journal file while rows load', async () => {
    const path = join(dir.path, 'journal', 'mgc.db');
    const t = await opened(path);
    const seen = new Set<string>();
    await t.provision(
      world,
      provisionOptions({
        progress: () => {
          for (const file of siblings(path)) seen.add(file);
        },
      }),
    );
    await t.close();
    assert.deepEqual(
      [...seen].filter((f) => !f.endsWith('.chatload-lock')),
      [],
    );
    const db = new Database(path, { readonly: true });
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal', 'runs use WAL afterwards');
    db.close();
  });

  it('stopped part-way (Ctrl-C) leaves no half-built store, and the next one succeeds', async () => {
    const path = join(dir.path, 'interrupted', 'mgc.db');
    const t = await opened(path);
    const controller = new AbortController();
    const stop = new ChatloadError('E_INTERRUPTED', 'interrupted by SIGINT');
    await assert.rejects(
      t.provision(
        world,
        provisionOptions({
          signal: controller.signal,
          progress: ({ table }) => {
            if (table === 'tblPrincipalAffiliations') controller.abort(stop);
          },
        }),
      ),
      (error: unknown) => {
        assert.ok(error instanceof ChatloadError);
        assert.equal(error.code, 'E_INTERRUPTED');
        assert.match(
          error.message,
          /removed \(chatload had created it\): no half-built store is left/,
        );
        return true;
      },
    );
    await t.close();
    assert.equal(existsSync(path), false, 'the file chatload created is gone');
    assert.deepEqual(siblings(path), []);
    const again = await opened(path);
    assert.equal((await again.provision(world, provisionOptions())).status, 'created');
    await again.close();
  });

  it('refuses while another live process provisions the store (exit 3), naming it', async () => {
    const path = join(dir.path, 'locked', 'mgc.db');
    mkdirSync(join(dir.path, 'locked'));
    const holder = { pid: process.ppid, host: hostname(), since: 'now', createdFile: true };
    writeFileSync(lockPathOf(path), JSON.stringify(holder));
    await assert.rejects(opened(path), (error: unknown) => {
      assert.ok(error instanceof ChatloadError);
      assert.equal(error.code, 'E_STORE_IN_USE');
      assert.equal(error.exitCode, 3);
      assert.match(
        error.message,
        new RegExp(`provisioned by another chatload process \\(pid ${process.ppid},`),
      );
      return true;
    });
    assert.equal(existsSync(path), false, 'nothing created while it is locked');
  });

  it('resets a store whose provisioning died, and provisions it again', async () => {
    const path = join(dir.path, 'crashed', 'mgc.db');
    const t = await opened(path);
    await t.provision(world, provisionOptions());
    await t.close();
    // What a crash leaves: the lock of a process that is gone, and a store marked incomplete.
    const db = new Database(path);
    db.prepare(`UPDATE "chatload_meta" SET "metaValue" = '0' WHERE "metaKey" = 'complete'`).run();
    db.close();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const holder = { pid: Number(gone.stdout), host: hostname(), since: 'then', createdFile: true };
    writeFileSync(lockPathOf(path), JSON.stringify(holder));
    const again = await opened(path);
    assert.deepEqual(await again.inspectStore(), { state: 'empty' }, 'reset, not refused');
    assert.equal((await again.provision(world, provisionOptions())).status, 'created');
    await again.close();
    assert.equal(existsSync(lockPathOf(path)), false);
  });
});

describe('a store that cannot be written', () => {
  const root = process.getuid?.() === 0;
  it(
    'is refused when the target opens (exit 3), not in every transaction',
    {
      skip: root
        ? 'running as root, which ignores file modes: test/cli/store-faults.e2e.test.ts covers this by running the CLI as nobody'
        : false,
    },
    async () => {
      const folder = join(dir.path, 'read-only');
      const path = join(folder, 'mgc.db');
      const t = await opened(path);
      await t.provision(world, provisionOptions());
      await t.close();
      chmodSync(path, 0o444);
      chmodSync(folder, 0o555);
      try {
        await assert.rejects(opened(path), (error: unknown) => {
          assert.ok(error instanceof ChatloadError);
          assert.equal(error.code, 'E_TARGET_PERMISSION');
          assert.equal(error.exitCode, 3);
          assert.match(error.message, /cannot be written .*read-only for this user/);
          return true;
        });
      } finally {
        chmodSync(folder, 0o755);
        chmodSync(path, 0o644);
      }
      assert.ok(statSync(path).size > 0);
    },
  );
});
