import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { badInputs, FIXTURES } from '../report/results-fixtures.js';
import { chatload } from './spawn-cli.js';

describe('chatload report', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chatload-cli-report-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('writes the report next to the first input by default', async () => {
    const input = join(dir, 'run.json');
    await copyFile(`${FIXTURES}sample-run.json`, input);
    const { code, stdout, stderr } = await chatload(['report', input]);
    assert.equal(code, 0, stderr);
    assert.equal(stdout.trim(), `report written to ${join(dir, 'run.html')}`);
    const html = await readFile(join(dir, 'run.html'), 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<h1>chatload report: lync2013-steady<\/h1>/);
  });

  it('takes -o, several files and a baseline class', async () => {
    const out = join(dir, 'out', 'three.html');
    const { code, stderr } = await chatload([
      'report',
      `${FIXTURES}compare-baseline.json`,
      `${FIXTURES}compare-noise.json`,
      `${FIXTURES}compare-improved.json`,
      '-o',
      out,
    ]);
    assert.equal(code, 0, stderr);
    assert.match(await readFile(out, 'utf8'), /<h1>chatload comparison of 3 runs<\/h1>/);
    const se = join(dir, 'se.html');
    const withClass = await chatload([
      'report',
      `${FIXTURES}sample-run.json`,
      '-o',
      se,
      '--baseline',
      'lync2013-standard-edition',
    ]);
    assert.equal(withClass.code, 0, withClass.stderr);
    assert.match(
      await readFile(se, 'utf8'),
      /Derived envelope \(estimate\) of the Lync Server 2013 Standard Edition/,
    );
  });

  it('compares with a measured baseline file given as --baseline', async () => {
    const out = join(dir, 'measured.html');
    const { code, stderr } = await chatload([
      'report',
      `${FIXTURES}compare-regressed.json`,
      '-o',
      out,
      '--baseline',
      `${FIXTURES}compare-baseline.json`,
    ]);
    assert.equal(code, 0, stderr);
    assert.match(await readFile(out, 'utf8'), /Measured baseline: compare-baseline\.json/);
  });

  it('has a full --help with examples', async () => {
    const { code, stdout } = await chatload(['report', '--help']);
    assert.equal(code, 0);
    assert.match(stdout, /Usage: chatload report \[options\] <results\.\.\.>/);
    assert.match(stdout, /--baseline <name\|file>/);
    assert.match(stdout, /Examples:\n {2}chatload report reports\/run\.json/);
  });

  it('refuses bad input with exit 2, naming the file and the problem', async () => {
    const cases = await badInputs(dir);
    const outcomes = await Promise.all(
      cases.map((bad) => chatload(['report', bad.file, '-o', join(dir, 'x.html')])),
    );
    cases.forEach((bad, i) => {
      const { code, stderr } = outcomes[i] ?? assert.fail();
      assert.equal(code, 2, bad.name);
      assert.ok(stderr.includes(`chatload: error E_INPUT: ${bad.file}`), `${bad.name}: ${stderr}`);
      assert.match(stderr, bad.problem, bad.name);
    });
    await assert.rejects(stat(join(dir, 'x.html')));
    const unknownBaseline = await chatload([
      'report',
      `${FIXTURES}sample-run.json`,
      '--baseline',
      'nope',
      '--baselines-dir',
      dir,
    ]);
    assert.equal(unknownBaseline.code, 2);
    assert.match(unknownBaseline.stderr, /--baseline: "nope" is neither a file/);
    const badBudget = await chatload([
      'report',
      `${FIXTURES}sample-run.json`,
      '--max-regression',
      'lots',
    ]);
    assert.equal(badBudget.code, 2);
    assert.match(badBudget.stderr, /--max-regression: "lots" is not a percentage/);
  });
});
