import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readResults } from '../../src/metrics/results-file.js';
import type { RoomClassResult } from '../../src/metrics/results.js';
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
      new RegExp(`merged 2 files into .*: ${total.toLocaleString('en-US')} transactions over 60 s`),
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
      /is segment 1\/2, like .*: the same segment twice would count it twice/,
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
});
