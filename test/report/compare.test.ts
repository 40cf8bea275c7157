import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { readResults } from '../../src/metrics/results-file.js';
import type { ResultsFile } from '../../src/metrics/results.js';
import {
  compareRuns,
  scenarioDifferences,
  type MetricComparison,
} from '../../src/report/compare.js';
import {
  compareHeadline,
  compareMarkdown,
  compareTable,
} from '../../src/report/compare-summary.js';
import { FIXTURES } from './results-fixtures.js';

const load = (name: string): Promise<ResultsFile> => readResults(`${FIXTURES}${name}`);

function find(
  result: { comparisons: MetricComparison[] },
  op: string,
  metric: string,
): MetricComparison {
  const found = result.comparisons.find((c) => c.op === op && c.metric === metric);
  assert.ok(found, `${op} ${metric}`);
  return found;
}

/** A copy of `file` whose per-second series of `op` are flat: no noise at all. */
function withoutNoise(file: ResultsFile, op: 'post'): ResultsFile {
  const copy = structuredClone(file);
  const series = copy.timeseries.ops[op];
  assert.ok(series);
  const rate = Math.round(copy.ops[op]?.ratePerS ?? 0);
  series.count = series.count.map(() => rate);
  series.failed = series.failed.map(() => 0);
  series.p95 = series.p95.map(() => copy.ops[op]?.latencyMs.p95 ?? 0);
  series.p99 = series.p99.map(() => copy.ops[op]?.latencyMs.p99 ?? 0);
  return copy;
}

describe('compareRuns', () => {
  let baseline: ResultsFile;
  before(async () => {
    baseline = await load('compare-baseline.json');
  });

  it('finds no regression between two runs of the same scenario (noise only)', async () => {
    const result = compareRuns(baseline, await load('compare-noise.json'), { maxRegression: 0.1 });
    assert.equal(result.regressions, 0, compareTable(result));
    assert.deepEqual(result.differences, []);
    // Every op present in the baseline is judged on throughput, p95 and p99.
    const ops = Object.values(baseline.ops).filter((op) => op.count > 0).length;
    assert.equal(result.comparisons.length, ops * 3);
    assert.ok(result.comparisons.every((c) => !Number.isNaN(c.noise) && c.noise > 0));
  });

  it('flags latency 1.5× slower as regressions, beyond budget and noise', async () => {
    const result = compareRuns(baseline, await load('compare-regressed.json'), {
      maxRegression: 0.1,
    });
    const latency = result.comparisons.filter((c) => c.metric !== 'throughput');
    const flagged = latency.filter((c) => c.verdict === 'regression');
    assert.ok(flagged.length >= latency.length - 2, compareTable(result));
    for (const c of flagged) assert.ok(c.worsening > 0.1 && c.worsening > c.noise);
    assert.equal(
      result.comparisons.filter((c) => c.metric === 'throughput' && c.verdict === 'regression')
        .length,
      0,
    );
    assert.equal(result.regressions, flagged.length);
    assert.match(compareHeadline(result), new RegExp(`^${flagged.length} regressions: `));
  });

  it('calls a faster run an improvement, never a regression', async () => {
    const result = compareRuns(baseline, await load('compare-improved.json'), {
      maxRegression: 0.1,
    });
    assert.equal(result.regressions, 0);
    assert.ok(result.comparisons.filter((c) => c.verdict === 'improvement').length >= 10);
  });

  it('needs both: beyond the budget but inside the noise is not a regression', async () => {
    const current = structuredClone(await load('compare-noise.json'));
    const post = current.ops.post;
    assert.ok(post);
    const noise = find(compareRuns(baseline, current, { maxRegression: 0.1 }), 'post', 'p95').noise;
    assert.ok(noise > 0.12, `the fixture's post p95 noise is ${noise}`);
    post.latencyMs.p95 = (baseline.ops.post?.latencyMs.p95 ?? 0) * (1 + (0.1 + noise) / 2);
    const c = find(compareRuns(baseline, current, { maxRegression: 0.1 }), 'post', 'p95');
    assert.equal(c.verdict, 'within noise');
  });

  it('needs both: beyond the noise but inside the budget is not a regression', () => {
    const quiet = withoutNoise(baseline, 'post');
    const slower = structuredClone(quiet);
    const p95 = slower.ops.post?.latencyMs;
    assert.ok(p95);
    p95.p95 *= 1.05;
    assert.equal(
      find(compareRuns(quiet, slower, { maxRegression: 0.1 }), 'post', 'p95').verdict,
      'ok',
    );
    p95.p95 = (quiet.ops.post?.latencyMs.p95 ?? 0) * 1.15;
    const c = find(compareRuns(quiet, slower, { maxRegression: 0.1 }), 'post', 'p95');
    assert.equal(c.noise, 0);
    assert.equal(c.verdict, 'regression');
  });

  it('treats an operation that vanished as a throughput regression', () => {
    const current = structuredClone(baseline);
    delete current.ops.search;
    delete current.timeseries.ops.search;
    const result = compareRuns(baseline, current, { maxRegression: 0.1 });
    assert.equal(find(result, 'search', 'throughput').verdict, 'regression');
    assert.equal(find(result, 'search', 'p95').verdict, 'no data');
  });

  it('judges a run too short for a noise estimate on the budget alone and says so', () => {
    const cut = (file: ResultsFile): ResultsFile => {
      const copy = structuredClone(file);
      copy.timeseries.t = copy.timeseries.t.slice(0, 10);
      for (const s of Object.values(copy.timeseries.ops)) {
        s.count = s.count.slice(0, 10);
        s.p95 = s.p95.slice(0, 10);
      }
      return copy;
    };
    const result = compareRuns(cut(baseline), cut(baseline), { maxRegression: 0.1 });
    const c = find(result, 'post', 'p95');
    assert.ok(Number.isNaN(c.noise));
    assert.match(c.reason, /noise not estimable/);
  });

  it('names every scenario difference that makes runs incomparable', () => {
    const other = structuredClone(baseline);
    other.scenario.name = 'other';
    other.scenario.scale = 2;
    other.scenario.model.concurrentUsers = 20_000;
    other.scenario.seed = 99; // a different seed is just another run: not a difference
    const differences = scenarioDifferences(baseline, other);
    assert.deepEqual(
      differences.map((d) => d.split(':')[0]),
      ['scenario.name', 'scenario.scale', 'scenario.model.concurrentUsers'],
    );
    assert.match(differences[0] as string, /"lync2013-steady" in the baseline, "other" now/);
  });

  it('writes a markdown table with one row per comparison and escapes pipes', async () => {
    const result = compareRuns(baseline, await load('compare-regressed.json'), {
      maxRegression: 0.1,
    });
    const md = compareMarkdown(result, { baselineLabel: 'a|b.json', currentLabel: 'c.json' });
    const rows = md
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| operation') && !l.startsWith('| ---'));
    assert.equal(rows.length, result.comparisons.length);
    assert.equal(rows.filter((r) => r.includes('❌ regression')).length, result.regressions);
    assert.match(md, /^### ❌ chatload compare/);
    assert.match(md, /a\\\|b\.json/);
  });

  it('says why a run is not whole and completed, for each run, and what a null: run is', async () => {
    assert.deepEqual(compareRuns(baseline, baseline, { maxRegression: 0.1 }).unfit, []);
    const interrupted = structuredClone(baseline);
    interrupted.run.status = 'interrupted';
    interrupted.run.interrupted = true;
    interrupted.run.durationS = 4.5;
    const aborted = structuredClone(baseline);
    aborted.run.status = 'aborted';
    for (const op of Object.values(aborted.ops)) if (op !== undefined) op.count = op.failed = 0;
    const failing = structuredClone(baseline);
    for (const op of Object.values(failing.ops)) if (op !== undefined) op.failed = op.count;
    failing.errors = [{ op: 'post', code: 'E_TARGET_PERMISSION', message: 'readonly', count: 1 }];
    const segment = await load('segmented-1of2.json');
    const cases: [ResultsFile, string[]][] = [
      [interrupted, ['the current run: it was interrupted after 4.5 s']],
      [
        aborted,
        [
          'the current run: it was aborted after 180 s (a threshold with abortOnFail, or a target failure)',
          'the current run: it completed no transaction',
        ],
      ],
      [
        failing,
        [
          'the current run: every one of its 15526 transactions failed (mostly E_TARGET_PERMISSION)',
        ],
      ],
      [
        segment,
        [
          'the current run: it is segment 0/2 of a split run (merge the segments with `chatload merge` first)',
        ],
      ],
    ];
    for (const [current, unfit] of cases) {
      assert.deepEqual(compareRuns(baseline, current, { maxRegression: 0.1 }).unfit, unfit);
      const reversed = compareRuns(current, baseline, { maxRegression: 0.1 }).unfit;
      assert.deepEqual(
        reversed,
        unfit.map((u) => u.replace('the current run:', 'the baseline:')),
      );
    }
    const onNull = structuredClone(baseline);
    onNull.target.kind = 'null';
    assert.deepEqual(compareRuns(baseline, onNull, { maxRegression: 0.1 }).differences, [
      'target.kind: "sqlite" in the baseline, "null" now (null: executes nothing, so the two measure different things)',
    ]);
    const onServer = structuredClone(baseline);
    onServer.target.kind = 'mssql';
    assert.deepEqual(compareRuns(baseline, onServer, { maxRegression: 0.1 }).differences, []);
  });
});
