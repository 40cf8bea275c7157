/**
 * The report in a real browser: Debian's Chromium, headless, offline, every request other than
 * the report file itself refused. Each chart must render SVG marks of its kind, and the page
 * must log no error. Skipped (with how to install it) when /usr/bin/chromium is missing.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type BrowserContext } from 'playwright-core';
import { readResults } from '../../src/metrics/results-file.js';
import { writeReport } from '../../src/report/write-report.js';
import { FIXTURES } from './results-fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const MISSING = existsSync(CHROMIUM)
  ? false
  : `${CHROMIUM} is missing: install Debian's Chromium with \`sudo apt-get install chromium\` (CI's .ci/run does)`;

/** The SVG mark groups each chart must draw (vega's `g.role-mark.mark-<type>`). */
const EXPECTED_MARKS: Record<string, string[]> = {
  'chart-throughput': ['line'],
  'chart-latency': ['line'],
  'chart-percentiles': ['line', 'symbol'],
  'chart-mix': ['rect'],
  'chart-sip': ['rect'],
  'chart-queue': ['area'],
  'chart-thresholds': ['rect', 'rule'],
};

interface PageReport {
  charts: { id: string; state: string | null; marks: Record<string, number> }[];
  problems: string[];
}

async function openReport(context: BrowserContext, path: string): Promise<PageReport> {
  const url = pathToFileURL(path).href;
  const problems: string[] = [];
  const page = await context.newPage();
  await page.route('**/*', (route) => {
    if (route.request().url() === url) return route.continue();
    problems.push(`request: ${route.request().url()}`);
    return route.abort();
  });
  page.on('request', (request) => {
    if (request.url() !== url) problems.push(`request: ${request.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(url);
  // A string runs in the page (this project compiles without DOM types).
  const rendered =
    "[...document.querySelectorAll('.chart')].every((c) => c.hasAttribute('data-rendered'))";
  await page.waitForFunction(rendered, undefined, { timeout: 20_000 }).catch(() => {
    problems.push('the charts did not finish rendering');
  });
  const charts = await page.$$eval('.chart', (elements) =>
    elements.map((element) => {
      const marks: Record<string, number> = {};
      for (const type of ['line', 'symbol', 'rect', 'area', 'rule']) {
        marks[type] = element.querySelectorAll(
          `svg g.role-mark.mark-${type} > path, svg g.role-mark.mark-${type} > line`,
        ).length;
      }
      return { id: element.id, state: element.getAttribute('data-rendered'), marks };
    }),
  );
  await page.close();
  return { charts, problems };
}

describe('the report in headless Chromium', { skip: MISSING }, () => {
  let dir: string;
  let context: BrowserContext;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chatload-browser-'));
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      offline: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
  });
  after(async () => {
    await context?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('renders every chart of a single-run report with marks, no errors, no requests', async () => {
    const results = await readResults(`${FIXTURES}sample-run.json`);
    const path = await writeReport([results], { out: join(dir, 'single.html') });
    const { charts, problems } = await openReport(context, path);
    assert.deepEqual(problems, []);
    assert.deepEqual(charts.map((c) => c.id).sort(), Object.keys(EXPECTED_MARKS).sort());
    for (const chart of charts) {
      assert.equal(chart.state, 'true', chart.id);
      for (const type of EXPECTED_MARKS[chart.id] ?? [])
        assert.ok((chart.marks[type] ?? 0) > 0, `${chart.id}: no ${type} marks`);
    }
    // One throughput line per operation, one bar per SIP method that was used.
    const ops = Object.keys(results.ops).length;
    assert.equal(charts.find((c) => c.id === 'chart-throughput')?.marks['line'], ops);
    assert.equal(
      charts.find((c) => c.id === 'chart-sip')?.marks['rect'],
      Object.keys(results.sip).length,
    );
  });

  it('would notice a page that tried to reach the network', async () => {
    const results = await readResults(`${FIXTURES}sample-run.json`);
    const path = await writeReport([results], { out: join(dir, 'leaky.html') });
    const html = await readFile(path, 'utf8');
    // The last </body>: the inlined vega-embed bundle holds the text "</body>" in a string.
    const end = html.lastIndexOf('</body>');
    await writeFile(
      path,
      `${html.slice(0, end)}<img src="https://example.invalid/x.png" alt="">${html.slice(end)}`,
    );
    const { problems } = await openReport(context, path);
    assert.ok(
      problems.some((p) => p.includes('example.invalid')),
      `the external image must show up as a problem: ${problems.join('; ')}`,
    );
    assert.ok(!problems.includes('the charts did not finish rendering'));
  });

  it('renders the overlaid charts of a several-run report', async () => {
    const runs = [
      await readResults(`${FIXTURES}compare-baseline.json`),
      await readResults(`${FIXTURES}compare-regressed.json`),
    ];
    const path = await writeReport(runs, {
      out: join(dir, 'several.html'),
      labels: ['baseline', 'regressed'],
    });
    const { charts, problems } = await openReport(context, path);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      charts.map((c) => c.id),
      ['chart-throughput', 'chart-latency', 'chart-percentiles'],
    );
    const ops = Object.keys(runs[0]?.ops ?? {}).length;
    for (const chart of charts) assert.equal(chart.state, 'true', chart.id);
    // A facet per operation, a line per run in each.
    assert.equal(charts.find((c) => c.id === 'chart-throughput')?.marks['line'], ops * 2);
  });
});
