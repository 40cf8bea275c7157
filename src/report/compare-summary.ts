/**
 * The two human-readable forms of a comparison: a fixed-width table for the terminal and a
 * markdown summary for a pull-request comment. Both return text; the CLI prints or writes it.
 */
import type { CompareResult, MetricComparison, Verdict } from './compare.js';
import { formatChange, formatMs, formatPercent, formatRate } from '../core/format.js';

const VERDICT_MARK: Record<Verdict, string> = {
  regression: '❌ regression',
  improvement: '✅ improvement',
  ok: '✅ ok',
  'within noise': '➖ within noise',
  'no data': '➖ no data',
};

function value(c: MetricComparison, which: 'baseline' | 'current'): string {
  const v = c[which];
  return c.unit === 'ms' ? formatMs(v) : formatRate(v);
}

function noise(c: MetricComparison): string {
  return Number.isNaN(c.noise) ? 'n/a' : `±${formatPercent(c.noise)}`;
}

function metricName(c: MetricComparison): string {
  return c.metric === 'throughput' ? 'throughput' : `${c.metric} latency`;
}

function cells(c: MetricComparison): string[] {
  return [
    c.op,
    metricName(c),
    value(c, 'baseline'),
    value(c, 'current'),
    formatChange(c.change),
    noise(c),
    c.verdict,
  ];
}

const HEADER = ['operation', 'metric', 'baseline', 'current', 'change', 'noise', 'verdict'];

/** Verdict line shared by both forms. */
export function compareHeadline(result: CompareResult): string {
  if (result.regressions === 0) {
    return `no regression beyond ${formatPercent(result.maxRegression)} and the noise`;
  }
  const which = result.comparisons
    .filter((c) => c.verdict === 'regression')
    .map((c) => `${c.op} ${c.metric}`)
    .join(', ');
  return `${result.regressions} regression${result.regressions === 1 ? '' : 's'}: ${which}`;
}

/** A plain-text table, columns padded to width. */
export function compareTable(result: CompareResult): string {
  const rows = [HEADER, ...result.comparisons.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => (r[i] as string).length)));
  const line = (r: string[]): string =>
    r
      .map((cell, i) => cell.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  return [
    line(rows[0] as string[]),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
  ].join('\n');
}

function mdCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export interface MarkdownContext {
  baselineLabel: string;
  currentLabel: string;
}

/** A summary for a pull-request comment: verdict, what was compared, the table. */
export function compareMarkdown(result: CompareResult, context: MarkdownContext): string {
  const mark = result.regressions === 0 ? '✅' : '❌';
  const lines = [
    `### ${mark} chatload compare: ${mdCell(compareHeadline(result))}`,
    '',
    `Baseline \`${mdCell(context.baselineLabel)}\` → current \`${mdCell(context.currentLabel)}\`. ` +
      `Budget ${formatPercent(result.maxRegression)}; a change counts only when it also exceeds the ${mdCell(result.method)}.`,
    '',
  ];
  const doubts = [...result.differences, ...result.unfit];
  if (doubts.length > 0) {
    lines.push('> ⚠️ Compared with `--force` although:');
    for (const d of doubts) lines.push(`> - ${mdCell(d)}`);
    lines.push('');
  }
  lines.push(
    `| ${HEADER.join(' | ')} |`,
    `| ${HEADER.map((_, i) => (i >= 2 && i <= 5 ? '---:' : '---')).join(' | ')} |`,
  );
  for (const c of result.comparisons) {
    const row = cells(c);
    row[6] = VERDICT_MARK[c.verdict];
    lines.push(`| ${row.map(mdCell).join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}
