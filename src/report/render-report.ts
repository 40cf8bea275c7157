/**
 * The report page for one run (full detail, baseline comparison) or for several runs (side by
 * side: overlaid charts and a delta table, then each run's tables).
 */
import type { ClassComparison } from '../baselines/types.js';
import { TOOL_VERSION } from '../core/version.js';
import { buildCharts } from './chart-bundle.js';
import { baselineSection } from './baseline-section.js';
import { escapeHtml as text } from './escape.js';
import { severalRunsHeader, singleRunHeader, statusBanner } from './header.js';
import { section } from './html-elements.js';
import { chartBlocks, renderPage } from './page.js';
import type { RunInput } from './run-input.js';
import { deltaTable, errorsTable, opsTable, thresholdsTable } from './tables.js';
import { verdictOf, type MeasuredBaseline } from './verdict.js';

export interface RenderOptions {
  /** The run compared with a hardware class (single-run reports). */
  classComparison?: ClassComparison;
  /** The run compared with an earlier run (single-run reports). */
  measured?: MeasuredBaseline;
  /** When the report was written (injected for reproducible output). */
  generatedAt: Date;
}

function footer(runs: readonly RunInput[], generatedAt: Date): string {
  const files = runs.map((run) => `<code>${text(run.label)}</code>`).join(', ');
  return `Written by chatload ${text(TOOL_VERSION)} on ${text(generatedAt.toISOString())} from ${files}.`;
}

function singleRunPage(run: RunInput, options: RenderOptions): string {
  const verdict = verdictOf(run.results, options.classComparison, options.measured);
  const bundle = buildCharts([run]);
  const nav: [string, string][] = [
    ['summary', 'Summary'],
    ['operations', 'Operations'],
    ['charts', 'Charts'],
    ['thresholds', 'Thresholds'],
  ];
  const sections = [
    `<header id="summary">${singleRunHeader(run, verdict)}</header>`,
    section('operations', 'Operations', opsTable(run.results)),
    section('charts', 'Charts', chartBlocks(bundle)),
    section('thresholds', 'Thresholds', thresholdsTable(run.results)),
  ];
  const baselines = baselineSection(
    options.classComparison,
    options.measured,
    run.results.scenario.scale,
  );
  if (baselines !== '') {
    nav.push(['baselines', 'Baselines']);
    sections.push(section('baselines', 'Baseline comparison', baselines));
  }
  nav.push(['errors', 'Errors']);
  sections.push(section('errors', 'Errors', errorsTable(run.results)));
  return renderPage({
    title: `chatload: ${run.results.scenario.name} (${verdict.overall})`,
    nav,
    body: sections.join('\n'),
    bundle,
    footer: footer([run], options.generatedAt),
  });
}

function severalRunsPage(runs: readonly RunInput[], options: RenderOptions): string {
  const bundle = buildCharts(runs);
  const nav: [string, string][] = [
    ['summary', 'Runs'],
    ['deltas', 'Deltas'],
    ['charts', 'Charts'],
  ];
  const perRun = runs.map((run, i) => {
    const id = `run-${i + 1}`;
    nav.push([id, run.label]);
    return section(
      id,
      `Run ${i + 1}: ${run.label}`,
      [
        statusBanner(run.results),
        opsTable(run.results),
        '<h3>Thresholds</h3>',
        thresholdsTable(run.results),
        '<h3>Errors</h3>',
        errorsTable(run.results),
      ].join('\n'),
    );
  });
  const first = runs[0]?.label ?? '';
  return renderPage({
    title: `chatload: comparison of ${runs.length} runs`,
    nav,
    body: [
      `<header id="summary">${severalRunsHeader(runs)}</header>`,
      section('deltas', `Per operation, against ${first}`, deltaTable(runs)),
      section('charts', 'Charts', chartBlocks(bundle)),
      ...perRun,
    ].join('\n'),
    bundle,
    footer: footer(runs, options.generatedAt),
  });
}

export function renderReport(runs: readonly RunInput[], options: RenderOptions): string {
  const [first] = runs;
  if (first === undefined) throw new RangeError('a report needs at least one results file');
  return runs.length === 1 ? singleRunPage(first, options) : severalRunsPage(runs, options);
}
