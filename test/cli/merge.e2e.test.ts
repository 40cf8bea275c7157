import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readResults } from '../../src/metrics/results-file.js';
import type { ResultsFile, RoomClassResult } from '../../src/metrics/results.js';
import { badInputs, FIXTURES } from '../report/results-fixtures.js';
import { chatload } from './spawn-cli.js';
import type { RoomClass } from '../../src/core/vocabulary.js';

const SEGMENTS = [`${FIXTURES}segmented-1of2.json`, `${FIXTURES}segmented-2of2.json`];

describe('chatload merge', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chatload-cli-merge-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('merges two segments into the totals of the same run done as one', async () => {
    const out = join(dir, 'merged.json');
    const { code, stdout, stderr } = await chatload(['merge', ...SEGMENTS, '-o', out]);
    assert.equal(code, 0, stderr);
    const merged = await readResults(out);
    const whole = await readResults(`${FIXTURES}segmented-whole.json`);
    const total = Object.values(whole.ops).reduce((sum, op) => sum + op.count, 0);
    assert.match(
      stdout,
      new RegExp(`merged 2 files into .*: ${total.toLocaleString('en-US')} transactions over 1m,`),
    );

    assert.deepEqual(Object.keys(merged.ops).sort(), Object.keys(whole.ops).sort());
    for (const [op, expected] of Object.entries(whole.ops)) {
      const actual = merged.ops[op as keyof typeof merged.ops];
      assert.ok(actual, op);
      assert.equal(actual.count, expected.count, op);
      assert.equal(actual.failed, expected.failed, op);
      assert.equal(actual.ratePerS, expected.ratePerS, op);
      // Histograms merge exactly, so every percentile of the merged file is the whole run's.
      assert.deepEqual(actual.latencyMs, expected.latencyMs, op);
      assert.deepEqual(actual.serviceMs, expected.serviceMs, op);
      for (const [roomClass, byClass] of Object.entries(expected.byRoomClass)) {
        const mergedClass: RoomClassResult | undefined = actual.byRoomClass[roomClass as RoomClass];
        assert.equal(mergedClass?.count, byClass.count, `${op} ${roomClass}`);
        assert.deepEqual(mergedClass?.latencyMs, byClass.latencyMs, `${op} ${roomClass}`);
      }
    }
    assert.deepEqual(merged.sip, whole.sip);
    assert.equal(merged.dropped, whole.dropped);
    assert.deepEqual(merged.errors, whole.errors);
    assert.deepEqual(merged.thresholds, whole.thresholds);
    assert.equal(merged.run.durationS, whole.run.durationS);
    assert.equal(merged.run.workers, whole.run.workers);
    assert.equal(merged.run.segment, null);
    // Per-second counts add up to the whole run's, second by second.
    assert.deepEqual(merged.timeseries.t, whole.timeseries.t);
    for (const [op, series] of Object.entries(whole.timeseries.ops)) {
      const mergedSeries = merged.timeseries.ops[op as keyof typeof merged.timeseries.ops];
      assert.deepEqual(mergedSeries?.count, series.count, op);
      assert.deepEqual(mergedSeries?.failed, series.failed, op);
    }
    assert.deepEqual(merged.timeseries.complianceQueueDepth, whole.timeseries.complianceQueueDepth);
  });

  it('refuses files of different runs, and the same segment twice', async () => {
    const different = await chatload([
      'merge',
      SEGMENTS[0] as string,
      `${FIXTURES}sample-run.json`,
      '-o',
      join(dir, 'x.json'),
    ]);
    assert.equal(different.code, 2);
    assert.match(
      different.stderr,
      /sample-run\.json: cannot be merged with .*segmented-1of2\.json: different seed/,
    );
    const twice = await chatload([
      'merge',
      SEGMENTS[0] as string,
      SEGMENTS[0] as string,
      '-o',
      join(dir, 'x.json'),
    ]);
    assert.equal(twice.code, 2);
    assert.match(
      twice.stderr,
      /is segment 0\/2, like .*: the same segment twice would count it twice/,
    );
  });

  it('needs two files and -o', async () => {
    const one = await chatload(['merge', SEGMENTS[0] as string, '-o', join(dir, 'x.json')]);
    assert.equal(one.code, 2);
    assert.match(one.stderr, /merge needs two or more results files \(got 1\)/);
    const noOutput = await chatload(['merge', ...SEGMENTS]);
    assert.equal(noOutput.code, 2);
    assert.match(noOutput.stderr, /required option '-o, --output <file>' not specified/);
  });

  it('refuses bad input with exit 2, naming the file and the problem', async () => {
    const cases = await badInputs(dir);
    const outcomes = await Promise.all(
      cases.map((bad) =>
        chatload(['merge', SEGMENTS[0] as string, bad.file, '-o', join(dir, 'x.json')]),
      ),
    );
    cases.forEach((bad, i) => {
      const { code, stderr } = outcomes[i] ?? assert.fail();
      assert.equal(code, 2, bad.name);
      assert.ok(stderr.includes(`chatload: error E_INPUT: ${bad.file}`), `${bad.name}: ${stderr}`);
      assert.match(stderr, bad.problem, bad.name);
    });
  });

  it('has a full --help with examples', async () => {
    const { code, stdout } = await chatload(['merge', '--help']);
    assert.equal(code, 0);
    assert.match(stdout, /Usage: chatload merge \[options\] <results\.\.\.>/);
    assert.match(stdout, /Examples:\n {2}chatload merge seg1\.json seg2\.json -o merged\.json/);
  });

  it('refuses anything but the segments of one run, each once: nothing counted twice', async () => {
    const merged = join(dir, 'merged-once.json');
    assert.equal((await chatload(['merge', ...SEGMENTS, '-o', merged])).code, 0);
    const whole = `${FIXTURES}segmented-whole.json`;
    const [one, two] = SEGMENTS as [string, string];
    const cases: [string, string[], RegExp][] = [
      ['two whole runs', [whole, whole], /segmented-whole\.json: is a whole run, not a segment/],
      [
        'a segment and a whole run',
        [one, whole],
        /segmented-whole\.json: is a whole run, not a segment/,
      ],
      [
        'a merged file and one of its segments',
        [merged, one],
        /merged-once\.json: is a merged file, not a segment/,
      ],
    ];
    for (const [name, files, reason] of cases) {
      const { code, stderr } = await chatload(['merge', ...files, '-o', join(dir, 'x.json')]);
      assert.equal(code, 2, `${name}: ${stderr}`);
      assert.match(stderr, reason, name);
    }
    const third = JSON.parse(await readFile(two, 'utf8')) as ResultsFile;
    third.run.segment = '1/3';
    const partOfThree = join(dir, 'seg-2of3.json');
    await writeFile(partOfThree, JSON.stringify(third));
    const firstOfThree = JSON.parse(await readFile(one, 'utf8')) as ResultsFile;
    firstOfThree.run.segment = '0/3';
    const oneOfThree = join(dir, 'seg-1of3.json');
    await writeFile(oneOfThree, JSON.stringify(firstOfThree));
    const missing = await chatload(['merge', oneOfThree, partOfThree, '-o', join(dir, 'x.json')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /the run was split into 3 segments, and 2\/3 is missing/);
    const otherTarget = JSON.parse(await readFile(two, 'utf8')) as ResultsFile;
    otherTarget.target.kind = 'null';
    const onNull = join(dir, 'seg-2of2-null.json');
    await writeFile(onNull, JSON.stringify(otherTarget));
    const mixed = await chatload(['merge', one, onNull, '-o', join(dir, 'x.json')]);
    assert.equal(mixed.code, 2);
    assert.match(mixed.stderr, /different target kind \(null vs sqlite\)/);
  });

  it('refuses -o naming one of its inputs, which stays as it was', async () => {
    const copy = join(dir, 'seg1-copy.json');
    await writeFile(copy, await readFile(SEGMENTS[0] as string));
    const before = await readFile(copy, 'utf8');
    const { code, stderr } = await chatload([
      'merge',
      copy,
      SEGMENTS[1] as string,
      '-o',
      join(dir, '.', 'seg1-copy.json'),
    ]);
    assert.equal(code, 2);
    assert.match(stderr, /E_INPUT: -o: .*seg1-copy\.json is the input .*seg1-copy\.json/);
    assert.equal(await readFile(copy, 'utf8'), before);
  });

  it('prints the duration readably, and names -o when the output cannot be written', async () => {
    const odd = await Promise.all(
      SEGMENTS.map(async (file, i) => {
        const results = JSON.parse(await readFile(file, 'utf8')) as ResultsFile;
        results.run.durationS = 4.833952392578125;
        const path = join(dir, `odd-${i + 1}.json`);
        await writeFile(path, JSON.stringify(results));
        return path;
      }),
    );
    const { code, stdout } = await chatload(['merge', ...odd, '-o', join(dir, 'odd.json')]);
    assert.equal(code, 0);
    assert.match(stdout, / transactions over 4\.8s, status /);
    await writeFile(join(dir, 'a-file'), '');
    const blocked = await chatload(['merge', ...odd, '-o', join(dir, 'a-file', 'merged.json')]);
    assert.equal(blocked.code, 2);
    assert.match(blocked.stderr, /hint: Choose another -o path/);
    assert.doesNotMatch(blocked.stderr, /--out/);
  });
});
