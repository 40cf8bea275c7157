import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { readResults } from '../../src/metrics/results-file.js';
import type { ResultsFile } from '../../src/metrics/results.js';
import { buildCharts } from '../../src/report/chart-bundle.js';
import { renderReportFor, uniqueLabels, writeReport } from '../../src/report/write-report.js';
import { FIXTURES } from './results-fixtures.js';

const NOW = new Date('2025-01-06T12:00:00.000Z');

function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] as string);
}

/** The page without its scripts: the markup a browser would fetch resources for. */
function markup(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');
}

function payload(html: string): { datasets: unknown; charts: { id: string }[] } {
  const match = /<script type="application\/json" id="chatload-data">([\s\S]*?)<\/script>/.exec(
    html,
  );
  assert.ok(match);
  return JSON.parse(match[1] as string);
}

describe('the HTML report', () => {
  let sample: ResultsFile;
  let html: string;
  let dir: string;
  before(async () => {
    sample = await readResults(`${FIXTURES}sample-run.json`);
    html = renderReportFor([sample], { labels: ['sample-run.json'], now: NOW });
    dir = await mkdtemp(join(tmpdir(), 'chatload-report-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('inlines everything: no element loads a URL, and the CSP allows exactly the inline scripts', () => {
    const page = markup(html);
    assert.ok(
      !/<(script|link|img|iframe|object|embed|source|audio|video)\b[^>]*\b(src|href|data)\s*=/i.test(
        page,
      ),
    );
    assert.ok(!/@import|url\(/i.test(page), 'no stylesheet fetches anything');
    assert.ok(!/https?:\/\//.test(page), 'no absolute URL in the markup');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/
      .exec(html)?.[1]
      ?.replace(/&#39;/g, "'");
    assert.ok(csp);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /connect-src 'none'/);
    const scripts = inlineScripts(html);
    assert.equal(scripts.length, 4, 'vega, vega-lite, vega-embed and the boot script');
    for (const script of scripts) {
      const hash = createHash('sha256').update(script, 'utf8').digest('base64');
      assert.ok(csp.includes(`'sha256-${hash}'`), 'every inline script is allowed by its hash');
    }
    assert.ok(scripts.some((s) => s.includes('vegaEmbed')));
  });

  it('carries the chart specs and data the bundle builds, as JSON in the page', () => {
    const page = payload(html);
    const bundle = buildCharts([{ label: 'sample-run.json', results: sample }]);
    assert.deepEqual(
      page,
      JSON.parse(JSON.stringify({ datasets: bundle.datasets, charts: bundle.charts })),
    );
    for (const chart of page.charts)
      assert.match(html, new RegExp(`<div class="chart" id="${chart.id}"`));
  });

  it('has the per-operation table in plain HTML, with room classes and the header facts', () => {
    const post = sample.ops.post;
    assert.ok(post);
    const row = new RegExp(
      `<td>post</td><td class="num">${post.count.toLocaleString('en-US')}</td>`,
    );
    assert.match(html, row);
    assert.match(html, /<span class="indent">small rooms<\/span>/);
    assert.match(html, /<dt>seed<\/dt><dd>2013<\/dd>/);
    assert.match(html, /<dt>server memory<\/dt><dd>unknown \(SQLite does not report/);
    assert.match(html, /<dt>server CPUs<\/dt><dd>2 logical CPUs<\/dd>/);
    assert.match(
      html,
      /Verdict: <strong>FAIL<\/strong>/,
      'the sample crosses its search p99 threshold',
    );
    assert.match(html, /@media print/);
  });

  it('labels each baseline figure with its kind and shows the arithmetic', () => {
    assert.match(
      html,
      /<span class="kind kind-documented">documented<\/span> Documented requirement for 80,000 users/,
    );
    assert.match(
      html,
      /<span class="kind kind-derived">derived<\/span> Derived envelope \(estimate\)/,
    );
    assert.match(html, /6 drives × 140 IOPS = 840 random reads\/s/);
    assert.match(html, /840 reads\/s ÷ 2 \(write penalty\) = 420 random writes\/s/);
    assert.ok(!markup(html).includes('class="kind kind-measured"'));
  });

  it('says the requirement applies with compliance on, and flags a run without it', () => {
    assert.match(
      html,
      /Documented requirement for 80,000 users \(the scenario&#39;s model\) with compliance enabled<\/h3>\n<p>Compliance was on, as this requirement needs \(it is for the model with compliance enabled: Lync Server 2013 back-end class .*\); mgccomp was in the same database as mgc\.<\/p>/,
    );
    const off = structuredClone(sample);
    off.scenario.compliance = false;
    const page = renderReportFor([off], { now: NOW });
    assert.match(
      page,
      /<p class="fail">This run had compliance off, but this requirement is for the model with compliance enabled \(Lync Server 2013 back-end class .*\): the run does not show it\./,
    );
  });

  it('shows a measured baseline when one is given', async () => {
    const baseline = await readResults(`${FIXTURES}compare-baseline.json`);
    const withMeasured = renderReportFor([await readResults(`${FIXTURES}compare-regressed.json`)], {
      now: NOW,
      baseline: { kind: 'measured', label: 'nightly', results: baseline, savedName: 'nightly' },
    });
    assert.match(
      withMeasured,
      /<span class="kind kind-measured">measured<\/span> Measured baseline: nightly/,
    );
    assert.match(withMeasured, /against measured baseline nightly: \d+ regressions/);
    assert.match(withMeasured, /Verdict: <strong>FAIL<\/strong>/);
  });

  it('escapes hostile text from a results file everywhere it appears', () => {
    const hostile = structuredClone(sample);
    hostile.scenario.name = '</script><script>alert(1)</script>';
    hostile.scenario.description = '<img src=x onerror=alert(2)>';
    hostile.errors = [
      { op: 'post', code: 'E_TARGET_TIMEOUT', message: '"><svg onload=alert(3)>', count: 1 },
    ];
    const page = renderReportFor([hostile], { now: NOW });
    assert.equal(inlineScripts(page).length, 4);
    assert.equal((page.match(/<script/g) ?? []).length, 5);
    assert.ok(!/<img src=x|<svg onload/.test(markup(page)));
    assert.match(page, /&lt;img src=x onerror=alert\(2\)&gt;/);
    assert.equal(JSON.parse(JSON.stringify(payload(page))).charts.length, 7);
  });

  it('flags an interrupted run loudly', () => {
    const interrupted = structuredClone(sample);
    interrupted.run.status = 'interrupted';
    interrupted.run.interrupted = true;
    const page = renderReportFor([interrupted], { now: NOW });
    assert.match(
      page,
      /<div class="banner" role="alert"><strong>INTERRUPTED: the run was stopped before its end\.<\/strong>/,
    );
    assert.match(page, /Verdict: <strong>INCOMPLETE<\/strong>/);
  });

  it('puts several runs side by side with a delta table against the first', async () => {
    const a = await readResults(`${FIXTURES}compare-baseline.json`);
    const b = await readResults(`${FIXTURES}compare-regressed.json`);
    const page = renderReportFor([a, b], { labels: ['a.json', 'b.json'], now: NOW });
    assert.match(page, /<h1>chatload comparison of 2 runs<\/h1>/);
    const p95a = a.ops.post?.latencyMs.p95 ?? 0;
    const p95b = b.ops.post?.latencyMs.p95 ?? 0;
    const change = ((p95b / p95a - 1) * 100).toFixed(1);
    assert.match(
      page,
      new RegExp(
        `<td>post</td><td>p95</td>.*?<td class="num">\\+${change.replace('.', '\\.')}%</td>`,
      ),
    );
    assert.deepEqual(
      payload(page).charts.map((c) => c.id),
      ['chart-throughput', 'chart-latency', 'chart-percentiles'],
    );
  });

  it('gives repeated file names distinct labels', () => {
    assert.deepEqual(uniqueLabels(['a.json', 'b.json', 'a.json']), [
      'a.json (#1)',
      'b.json',
      'a.json (#3)',
    ]);
  });

  it('writeReport writes the file atomically and returns its path', async () => {
    const out = join(dir, 'nested', 'report.html');
    assert.equal(await writeReport([sample], { out, now: NOW }), out);
    assert.equal(
      await readFile(out, 'utf8'),
      renderReportFor([sample], { labels: ['run 1'], now: NOW }),
    );
    assert.deepEqual(await readdir(join(dir, 'nested')), ['report.html']);
    await assert.rejects(
      writeReport([sample], { out: join(out, 'inside-a-file.html') }),
      (error: unknown) =>
        error instanceof InputError && error.message.includes('cannot write the report'),
    );
  });
});
