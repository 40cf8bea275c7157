/**
 * `chatload run` end to end, as a user runs it: the real CLI in a child process, real SQLite,
 * real worker threads. Checks the exit codes of the contract and that the results file is a
 * valid chatload results file in every ending (completed, thresholds crossed, interrupted).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readResults } from '../../src/metrics/results-file.js';
import { chatload } from './spawn-cli.js';

let dir: string;

/** A scenario file outside the repository, on the null: target unless it says otherwise. */
async function scenario(name: string, thresholds: string, duration = '3s'): Promise<string> {
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
      "  target: { url: 'null:' },",
      '  options: {',
      `    scenarios: { posts: { executor: 'constant-arrival-rate', exec: 'post', rate: 50, duration: '${duration}' } },`,
      `    thresholds: ${thresholds},`,
      '  },',
      '});',
    ].join('\n'),
  );
  return file;
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatload-run-'));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('chatload run', () => {
  it('runs the smoke scenario on the embedded database: every operation, no failure, exit 0', async () => {
    const out = join(dir, 'smoke.json');
    const report = join(dir, 'smoke.html');
    const result = await chatload([
      'run',
      'scenarios/smoke.ts',
      '--target',
      `sqlite:${join(dir, 'smoke.db')}`,
      '--out',
      out,
      '--report',
      report,
    ]);
    assert.equal(result.code, 0, result.stderr + result.stdout);
    const results = await readResults(out);
    assert.equal(results.run.status, 'completed');
    assert.equal(results.run.interrupted, false);
    assert.equal(results.target.product, 'SQLite');
    // The embedded store runs on one worker unless asked (issue 10 item 13), and says why.
    assert.equal(results.run.workers, 1);
    assert.deepEqual(results.run.connections, { store: 1, compliance: 0 });
    if (availableParallelism() > 1) {
      assert.match(result.stderr, /note: SQLite runs on 1 worker unless --workers says otherwise/);
    }
    for (const op of [
      'signin',
      'join',
      'post',
      'history',
      'search',
      'invites',
      'part',
      'signout',
      'refresh',
    ] as const) {
      const opResult = results.ops[op];
      assert.ok(opResult !== undefined && opResult.count > 0, `${op} ran`);
      assert.equal(opResult.failed, 0, `${op} failed ${opResult.failed} times`);
    }
    for (const method of ['INVITE', 'INFO', 'UPDATE', 'BYE'] as const) {
      assert.ok((results.sip[method] ?? 0) > 0, `${method} sent`);
    }
    assert.ok(results.thresholds.length > 0 && results.thresholds.every((t) => t.ok));
    assert.match(result.stdout, /results: .*smoke\.json/);
    assert.match(result.stdout, /report: .*smoke\.html/);
  });

  it('exits 99 when a threshold is crossed, and still writes the results', async () => {
    const file = await scenario('crossed', "{ 'tx_duration{op:post}': ['p(95)<0.0001'] }");
    const out = join(dir, 'crossed.json');
    const result = await chatload(['run', file, '--out', out, '--no-report']);
    assert.equal(result.code, 99, result.stderr);
    const results = await readResults(out);
    assert.equal(results.thresholds.length, 1);
    assert.equal(results.thresholds[0]?.ok, false);
    assert.ok((results.ops.post?.count ?? 0) > 100);
    assert.match(result.stdout, /✗ tx_duration\{op:post\} p\(95\)<0\.0001/);
  });

  it('exits 2 naming the expression when a threshold does not parse', async () => {
    const file = await scenario('bad-threshold', "{ tx_duration: ['p95 < 100'] }");
    const result = await chatload(['run', file, '--no-report']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /E_INPUT/);
    assert.match(result.stderr, /p95 < 100/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  });

  it('exits 2 with the accepted forms for a malformed target', async () => {
    const file = await scenario('bad-target', '{}');
    const result = await chatload(['run', file, '--target', 'postgres://x', '--no-report']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--target/);
    assert.match(result.stderr, /sqlite:PATH/);
  });

  it(
    'exits 1 when the trace hits a full disk, and still writes the results and the report',
    {
      skip: existsSync('/dev/full') ? false : 'no /dev/full on this system (Linux only)',
    },
    async () => {
      const file = await scenario('trace-full', '{}', '2s');
      const out = join(dir, 'trace-full.json');
      const report = join(dir, 'trace-full.html');
      const result = await chatload([
        'run',
        file,
        '--out',
        out,
        '--report',
        report,
        '--trace',
        '/dev/full',
      ]);
      assert.equal(result.code, 1, result.stderr);
      assert.match(
        result.stderr,
        /error E_OUTPUT: cannot write the SIP trace \/dev\/full: .*ENOSPC/,
      );
      assert.doesNotMatch(result.stderr, /E_INTERNAL|\n\s+at /);
      const results = await readResults(out);
      assert.equal(results.run.status, 'completed');
      assert.ok((results.ops.post?.count ?? 0) > 0);
      assert.ok(
        results.notes?.some((n) => /SIP trace is incomplete/.test(n)),
        String(results.notes),
      );
      assert.ok(existsSync(report), 'the report is written');
      assert.match(result.stdout, /trace: +\/dev\/full \(incomplete\)/);
    },
  );

  it('on SIGINT stops, writes partial results marked interrupted, and exits 130', async () => {
    const file = await scenario('interrupted', "{ tx_failed: ['rate<0.5'] }", '60s');
    const out = join(dir, 'interrupted.json');
    let signalled = false;
    const result = await chatload(['run', file, '--out', out, '--no-report'], {
      onStderr: (stderr, interrupt) => {
        if (!signalled && /0:0\d \/ 1:00/.test(stderr)) {
          signalled = true;
          interrupt();
        }
      },
    });
    assert.ok(signalled, `never saw progress: ${result.stderr}`);
    assert.equal(result.code, 130, result.stderr);
    const results = await readResults(out);
    assert.equal(results.run.status, 'interrupted');
    assert.equal(results.run.interrupted, true);
    assert.ok(results.run.durationS < 30, `${results.run.durationS}`);
    assert.ok((results.ops.post?.count ?? 0) > 0);
    assert.match(result.stdout, /INTERRUPTED/);
  });
});
