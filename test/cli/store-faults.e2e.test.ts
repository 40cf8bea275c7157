/**
 * Storage faults, as a user meets them on the embedded store: a disk that fills during
 * provisioning, a store on a read-only filesystem, Ctrl-C while provisioning, and two commands
 * using one new store at once. The disk and the read-only filesystem are real (a small tmpfs and
 * a read-only bind mount, each in a private mount namespace); where the machine allows no such
 * namespace, those tests say so and skip.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import {
  chatload,
  inMountNamespace,
  mountNamespaceUnavailable,
  unprivileged,
  type Outcome,
} from './spawn-cli.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatload-store-faults-'));
});
after(() => rm(dir, { recursive: true, force: true }));

const noNamespace = mountNamespaceUnavailable();
if (noNamespace !== null) {
  console.warn(`store-faults: the disk-full and read-only tests are SKIPPED: ${noNamespace}`);
}

/** A small deployment: 180 connected of 300 provisioned users (about 3.4 MB of store). */
const SMALL = ['--users', '180', '--provisioned', '300', '--users-per-room', 'large=90,medium=40'];

/** A two-second scenario of posts on a 2,000-user world with `historyDays` of history. */
async function postsScenario(name: string, historyDays: number): Promise<string> {
  const file = join(dir, `${name}.ts`);
  await writeFile(
    file,
    [
      "import { defineScenario, models } from 'chatload';",
      'export default defineScenario({',
      `  description: '${name}',`,
      '  model: { base: models.lync2013, overrides: { population: { provisionedUsers: 2000, concurrentUsers: 1000 },',
      '    roomClasses: { large: { usersPerRoom: 500, usersWithGroupAccess: 500 } } } },',
      '  seed: 7,',
      `  history: { preloadDays: ${historyDays} },`,
      '  options: {',
      "    scenarios: { posts: { executor: 'constant-arrival-rate', exec: 'post', rate: 20, duration: '2s' } },",
      '  },',
      '});',
    ].join('\n'),
  );
  return file;
}

function filesIn(folder: string): string[] {
  return readdirSync(folder).sort();
}

describe('storage faults on the embedded store', () => {
  it(
    'disk full while provisioning: says so, leaves nothing behind, and the retry works',
    { skip: noNamespace ?? false },
    async () => {
      const disk = join(dir, 'small-disk');
      await rm(disk, { recursive: true, force: true });
      const provision = `chatload provision ${SMALL.join(' ')} --target "sqlite:${disk}/mgc.db" --quiet`;
      const { stdout, stderr } = await inMountNamespace(
        [
          `mkdir -p "${disk}" && mount -t tmpfs -o size=2m tmpfs "${disk}" || exit 90`,
          `${provision} >/dev/null; echo "first=$?"`,
          `echo "left=$(ls -A "${disk}" | tr '\\n' ' ')"`,
          `mount -o remount,size=64m tmpfs "${disk}" || exit 91`,
          `${provision}; echo "second=$?"`,
        ].join('\n'),
      );
      assert.match(stdout, /^first=1$/m, stderr);
      assert.match(stderr, /E_TARGET_UNKNOWN: sqlite:.*mgc\.db: the disk is full \(/);
      assert.match(stderr, /was removed \(chatload had created it\): no half-built store is left/);
      assert.match(stderr, /hint: Free space on the disk holding the database/);
      assert.match(
        stdout,
        /^left=$/m,
        'no store, -wal, -shm, journal or lock left on the full disk',
      );
      assert.match(stdout, /^second=0$/m, stderr);
      assert.match(stdout, /mgc \+ mgccomp in sqlite:.*: provisioned in/);
    },
  );

  it('a store file without write permission is refused when the run opens it (exit 3)', async () => {
    const folder = join(dir, 'no-write');
    const store = join(folder, 'mgc.db');
    const scenario = await postsScenario('no-write', 0);
    const provisioned = await chatload([
      'provision',
      '--scenario',
      scenario,
      '--target',
      `sqlite:${store}`,
      '--quiet',
    ]);
    assert.equal(provisioned.code, 0, provisioned.stderr);
    // Root ignores file modes: the run then goes as 'nobody', for whom they hold.
    chmodSync(store, 0o444);
    if (unprivileged !== undefined) {
      chmodSync(dir, 0o755);
      chmodSync(folder, 0o777);
    }
    const out = join(folder, 'run.json');
    const { code, stderr } = await chatload(
      ['run', scenario, '--target', `sqlite:${store}`, '--out', out, '--no-report', '--quiet'],
      unprivileged === undefined ? {} : { user: unprivileged },
    );
    assert.equal(code, 3, stderr);
    assert.match(
      stderr,
      /E_TARGET_PERMISSION: sqlite:.*mgc\.db: the database cannot be written \(attempt to write a readonly database \(SQLITE_READONLY\)\): .*read-only for this user/,
    );
    assert.equal(existsSync(out), false, 'no results of a run whose every write would fail');
  });

  it(
    'a store on a read-only filesystem is refused when the run opens it (exit 3)',
    { skip: noNamespace ?? false },
    async () => {
      // A WAL store cannot even be read there without its -shm file: the open says why.
      const folder = join(dir, 'read-only');
      const store = join(folder, 'mgc.db');
      const scenario = await postsScenario('read-only', 0);
      const provisioned = await chatload([
        'provision',
        '--scenario',
        scenario,
        '--target',
        `sqlite:${store}`,
        '--quiet',
      ]);
      assert.equal(provisioned.code, 0, provisioned.stderr);
      const out = join(dir, 'read-only.json');
      const { stdout, stderr } = await inMountNamespace(
        [
          `mount --bind "${folder}" "${folder}" && mount -o remount,bind,ro "${folder}" || exit 90`,
          `chatload run "${scenario}" --target "sqlite:${store}" --out "${out}" --no-report --quiet; echo "code=$?"`,
        ].join('\n'),
      );
      assert.match(stdout, /^code=3$/m, stderr);
      assert.match(
        stderr,
        /E_TARGET_PERMISSION: sqlite:.*mgc\.db: the database cannot be written .*read-only for this user/,
      );
      assert.equal(existsSync(out), false, 'no results of a run whose every write would fail');
    },
  );

  it('Ctrl-C while provisioning stops it at once, says so and leaves no half-built store', async () => {
    const folder = join(dir, 'interrupted');
    const store = join(folder, 'mgc.db');
    let interrupted = false;
    const outcome = await chatload(
      ['provision', '--users', '20000', '--target', `sqlite:${store}`],
      {
        onStderr: (stderr, interrupt) => {
          if (!interrupted && stderr.includes('tblPrincipalAffiliations')) {
            interrupted = true;
            interrupt();
          }
        },
      },
    );
    assert.equal(outcome.code, 130, outcome.stderr);
    assert.match(outcome.stderr, /SIGINT: stopping provisioning \(again to quit at once\)/);
    assert.match(
      outcome.stderr,
      /E_INTERRUPTED: provisioning stopped by SIGINT\. sqlite:.*mgc\.db was removed \(chatload had created it\): no half-built store is left\./,
    );
    assert.deepEqual(filesIn(folder), []);
  });

  it('a second run on a new store while the first provisions it is refused; the first is untouched', async () => {
    const store = join(dir, 'shared', 'mgc.db');
    // Three days of history (2 M messages) keep the first run provisioning for several seconds.
    const scenario = await postsScenario('shared', 3);
    const run = (name: string) => [
      'run',
      scenario,
      '--target',
      `sqlite:${store}`,
      '--out',
      join(dir, `${name}.json`),
      '--no-report',
    ];
    let second: Promise<Outcome> | undefined;
    const first = await chatload(run('first'), {
      onStderr: (stderr) => {
        if (second === undefined && /is empty: provisioning mgc/.test(stderr)) {
          second = chatload(run('second'));
        }
      },
    });
    assert.ok(second !== undefined, 'the first run provisioned the new store');
    const refused = await second;
    assert.equal(first.code, 0, first.stderr);
    assert.doesNotMatch(first.stderr, /E_NOT_PROVISIONED/);
    assert.equal(refused.code, 3, refused.stderr);
    assert.match(
      refused.stderr,
      /E_STORE_IN_USE: sqlite:.*mgc\.db is being provisioned by another chatload process \(pid \d+, since .*\)\.\n {2}hint: Wait for it to finish/,
    );
    const db = new Database(store, { readonly: true });
    const complete = db
      .prepare(`SELECT "metaValue" FROM "chatload_meta" WHERE "metaKey" = 'complete'`)
      .pluck()
      .get();
    db.close();
    assert.equal(complete, '1');
  });

  it('a run in which every transaction fails keeps its results but does not exit 0', async () => {
    const store = join(dir, 'refusing', 'mgc.db');
    const scenario = await postsScenario('refusing', 0);
    const provisioned = await chatload([
      'provision',
      '--scenario',
      scenario,
      '--target',
      `sqlite:${store}`,
      '--quiet',
    ]);
    assert.equal(provisioned.code, 0, provisioned.stderr);
    // A store that refuses every message, as a full or misconfigured server would.
    const db = new Database(store);
    db.exec(
      `CREATE TRIGGER refuse BEFORE INSERT ON "tblChat" BEGIN SELECT RAISE(ABORT, 'refused'); END`,
    );
    db.close();
    const out = join(dir, 'refusing.json');
    const { code, stderr } = await chatload([
      'run',
      scenario,
      '--target',
      `sqlite:${store}`,
      '--out',
      out,
      '--no-report',
      '--quiet',
    ]);
    assert.equal(code, 1, stderr);
    assert.match(
      stderr,
      /E_TARGET_CONSTRAINT: every one of the run's \d+ transactions failed \(.*refused.*\): the run measured no work the target did/,
    );
    const results = JSON.parse(readFileSync(out, 'utf8')) as { ops: { post: { failed: number } } };
    assert.ok(results.ops.post.failed > 0, 'the results were written all the same');
  });
});
