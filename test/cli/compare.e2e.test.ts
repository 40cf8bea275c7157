import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { badInputs, FIXTURES } from '../report/results-fixtures.js';
import { chatload } from './spawn-cli.js';
import { findAll, parseXml } from '../report/xml.js';
import type { ResultsFile } from '../../src/metrics/results.js';

const BASELINE = `${FIXTURES}compare-baseline.json`;

describe('chatload compare', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chatload-cli-compare-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('exits 99 on a clear regression, with JUnit whose counts match the table', async () => {
    const junit = join(dir, 'junit.xml');
    const markdown = join(dir, 'summary.md');
    const { code, stdout, stderr } = await chatload([
      'compare',
      BASELINE,
      `${FIXTURES}compare-regressed.json`,
      '--junit',
      junit,
      '--markdown',
      markdown,
    ]);
    assert.equal(code, 99, stderr);
    const flagged = stdout.split('\n').filter((line) => / regression$/.test(line));
    assert.ok(flagged.length > 10);
    assert.match(stdout, new RegExp(`^chatload compare: ${flagged.length} regressions: `));
    const root = parseXml(await readFile(junit, 'utf8'));
    const cases = findAll(root, 'testcase');
    const rows = stdout
      .split('\n')
      .filter((line) => /(throughput|latency) /.test(line) && !line.startsWith('operation'));
    assert.equal(cases.length, rows.length);
    assert.equal(findAll(root, 'failure').length, flagged.length);
    assert.equal(Number(root.attributes['failures']), flagged.length);
    assert.equal(Number(root.attributes['tests']), cases.length);
    const md = await readFile(markdown, 'utf8');
    assert.match(md, /^### ❌ chatload compare/);
    assert.equal((md.match(/❌ regression \|/g) ?? []).length, flagged.length);
  });

  it('exits 0 on noise only, and on an improvement', async () => {
    const noise = await chatload(['compare', BASELINE, `${FIXTURES}compare-noise.json`]);
    assert.equal(noise.code, 0, noise.stdout);
    assert.match(noise.stdout, /^chatload compare: no regression beyond 10\.0% and the noise/);
    const improved = await chatload([
      'compare',
      BASELINE,
      `${FIXTURES}compare-improved.json`,
      '--markdown',
    ]);
    assert.equal(improved.code, 0, improved.stdout);
    assert.match(improved.stdout, / improvement\n/);
    assert.match(
      improved.stdout,
      /\n### ✅ chatload compare: no regression/,
      'a bare --markdown prints the summary',
    );
  });

  it('takes the budget from --max-regression', async () => {
    const lenient = await chatload([
      'compare',
      BASELINE,
      `${FIXTURES}compare-regressed.json`,
      '--max-regression',
      '200%',
    ]);
    assert.equal(lenient.code, 0, lenient.stdout);
  });

  it('compares with a saved baseline by name', async () => {
    const saved = await chatload(['baselines', 'save', 'nightly', BASELINE, '--dir', dir]);
    assert.equal(saved.code, 0, saved.stderr);
    const { code, stdout } = await chatload(
      ['compare', 'nightly', `${FIXTURES}compare-regressed.json`],
      { env: { CHATLOAD_BASELINES_DIR: dir } },
    );
    assert.equal(code, 99);
    assert.match(stdout, /^baseline nightly \(saved baseline\) -> current /m);
    assert.doesNotMatch(stdout, /baseline baseline/);
  });

  it('refuses runs of different scenarios unless --force, saying what differs', async () => {
    const { code, stderr } = await chatload(['compare', BASELINE, `${FIXTURES}sample-run.json`]);
    assert.equal(code, 2);
    assert.match(
      stderr,
      /is not a run of the same scenario as .*compare-baseline\.json: scenario\.scale: 0\.5 in the baseline, 0\.25 now; scenario\.compliance: false in the baseline, true now/,
    );
    assert.match(stderr, /hint: .*--force/);
    const forced = await chatload(['compare', BASELINE, `${FIXTURES}sample-run.json`, '--force']);
    assert.notEqual(forced.code, 2);
    assert.match(forced.stderr, /warning: compared with --force although scenario\.scale/);
  });

  it('refuses a hardware class as the baseline', async () => {
    const { code, stderr } = await chatload([
      'compare',
      'lync2013-backend',
      `${FIXTURES}sample-run.json`,
    ]);
    assert.equal(code, 2);
    assert.match(stderr, /is a hardware class; compare needs a measured run/);
  });

  it('refuses bad input with exit 2, naming the file and the problem', async () => {
    const cases = (await badInputs(dir)).flatMap((bad) => [
      { bad, args: ['compare', bad.file, BASELINE] },
      { bad, args: ['compare', BASELINE, bad.file] },
    ]);
    const outcomes = await Promise.all(cases.map(({ args }) => chatload(args)));
    cases.forEach(({ bad, args }, i) => {
      const { code, stderr } = outcomes[i] ?? assert.fail();
      assert.equal(code, 2, `${bad.name}: ${args.join(' ')}`);
      assert.ok(stderr.includes(`chatload: error E_INPUT: ${bad.file}`), `${bad.name}: ${stderr}`);
      assert.match(stderr, bad.problem, bad.name);
    });
    await writeFile(join(dir, 'x'), '');
    const noJunitDir = await chatload([
      'compare',
      BASELINE,
      `${FIXTURES}compare-noise.json`,
      '--junit',
      join(dir, 'x', 'j.xml'),
    ]);
    assert.equal(noJunitDir.code, 2);
    assert.match(noJunitDir.stderr, /cannot write the JUnit XML/);
  });

  it('has a full --help with examples and exit codes', async () => {
    const { code, stdout } = await chatload(['compare', '--help']);
    assert.equal(code, 0);
    assert.match(stdout, /--max-regression <percent>/);
    assert.match(stdout, /--junit <file>/);
    assert.match(stdout, /Exit codes: 0 within budget .* 99 a regression, 2 invalid input/s);
  });

  it('refuses runs that are not whole and completed (exit 2, not 99), and says why', async () => {
    const base = JSON.parse(await readFile(BASELINE, 'utf8')) as ResultsFile;
    const variant = async (name: string, change: (r: ResultsFile) => void): Promise<string> => {
      const copy = structuredClone(base);
      change(copy);
      const file = join(dir, `${name}.json`);
      await writeFile(file, JSON.stringify(copy));
      return file;
    };
    const cases: [string, string, RegExp][] = [
      [
        'interrupted',
        await variant('interrupted', (r) => {
          r.run.status = 'interrupted';
          r.run.interrupted = true;
          r.run.durationS = 12;
          delete r.ops.history;
          delete r.ops.search;
        }),
        /cannot be judged: the current run: it was interrupted after 12 s/,
      ],
      [
        'aborted with no transaction',
        await variant('aborted', (r) => {
          r.run.status = 'aborted';
          for (const op of Object.values(r.ops)) if (op !== undefined) op.count = op.failed = 0;
        }),
        /cannot be judged: the current run: it was aborted after 180 s .*; the current run: it completed no transaction/,
      ],
      [
        'one segment',
        await variant('segment', (r) => {
          r.run.segment = '1/2';
          for (const op of Object.values(r.ops))
            if (op !== undefined) op.count = Math.round(op.count / 2);
        }),
        /cannot be judged: the current run: it is segment 1\/2 of a split run/,
      ],
      [
        'a null: run',
        await variant('null', (r) => {
          r.target.kind = 'null';
        }),
        /is not a run of the same scenario as .*: target\.kind: "sqlite" in the baseline, "null" now/,
      ],
    ];
    for (const [name, file, reason] of cases) {
      const refused = await chatload(['compare', BASELINE, file]);
      assert.equal(refused.code, 2, `${name}: ${refused.stdout}${refused.stderr}`);
      assert.match(refused.stderr, reason, name);
      assert.match(refused.stderr, /hint: .*--force/, name);
      const forced = await chatload(['compare', BASELINE, file, '--force']);
      assert.notEqual(forced.code, 2, name);
      assert.match(forced.stderr, /warning: compared with --force although /, name);
    }
  });

  it('still exits 99 on a regression when the JUnit file cannot be written', async () => {
    await writeFile(join(dir, 'not-a-dir'), '');
    const { code, stdout, stderr } = await chatload([
      'compare',
      BASELINE,
      `${FIXTURES}compare-regressed.json`,
      '--junit',
      join(dir, 'not-a-dir', 'junit.xml'),
    ]);
    assert.equal(code, 99, stderr);
    assert.match(stdout, /^chatload compare: \d+ regressions: /);
    assert.match(stderr, /E_INPUT: .*junit\.xml: cannot write the JUnit XML/);
  });
});
