/**
 * JUnit XML for CI systems: one test case per operation and metric, a failure for each
 * regression carrying the numbers, a skipped case where one run had no data.
 */
import type { ResultsFile } from '../metrics/results.js';
import type { CompareResult, MetricComparison } from './compare.js';
import { escapeXml } from './escape.js';
import { formatChange, formatPercent } from '../core/format.js';

export interface JunitContext {
  baselineLabel: string;
  currentLabel: string;
  current: ResultsFile;
  /** ISO timestamp of the comparison (injected so output is reproducible in tests). */
  timestamp: string;
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
}

function valueText(c: MetricComparison, which: 'baseline' | 'current'): string {
  const value = c[which];
  if (value === null) return 'no data';
  return c.unit === 'ms' ? `${value.toFixed(3)} ms` : `${value.toFixed(3)} tx/s`;
}

function details(c: MetricComparison, result: CompareResult): string {
  return [
    `operation: ${c.op}`,
    `metric: ${c.metric === 'throughput' ? 'successful throughput' : `${c.metric} latency`}`,
    `baseline: ${valueText(c, 'baseline')}`,
    `current: ${valueText(c, 'current')}`,
    `change: ${formatChange(c.change)}`,
    `budget: ${formatPercent(result.maxRegression)}`,
    `noise: ${Number.isNaN(c.noise) ? 'not estimable' : `±${formatPercent(c.noise)}`}`,
    `verdict: ${c.verdict}`,
  ].join('\n');
}

function testcase(c: MetricComparison, result: CompareResult, suite: string): string {
  const open = `    <testcase${attrs({ classname: `${suite}.${c.op}`, name: `${c.op} ${c.metric}`, time: 0 })}>`;
  const out = `      <system-out>${escapeXml(details(c, result))}</system-out>`;
  if (c.verdict === 'regression') {
    const failure =
      `      <failure${attrs({ type: 'regression', message: `${c.op} ${c.metric}: ${c.reason}` })}>` +
      `${escapeXml(details(c, result))}</failure>`;
    return [open, failure, '    </testcase>'].join('\n');
  }
  if (c.verdict === 'no data') {
    return [open, `      <skipped${attrs({ message: c.reason })}/>`, out, '    </testcase>'].join(
      '\n',
    );
  }
  return [open, out, '    </testcase>'].join('\n');
}

export function compareJunit(result: CompareResult, context: JunitContext): string {
  const suite = `chatload.${context.current.scenario.name}`;
  const tests = result.comparisons.length;
  const failures = result.regressions;
  const skipped = result.comparisons.filter((c) => c.verdict === 'no data').length;
  const counts = { tests, failures, errors: 0, skipped, time: 0 };
  const properties = [
    ['baseline', context.baselineLabel],
    ['current', context.currentLabel],
    ['maxRegression', formatPercent(result.maxRegression)],
    ['noiseMethod', result.method],
    ...result.differences.map((d, i) => [`difference.${i + 1}`, d]),
    ...result.unfit.map((u, i) => [`unfit.${i + 1}`, u]),
  ]
    .map(
      ([name, value]) =>
        `      <property${attrs({ name: name as string, value: value as string })}/>`,
    )
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'chatload compare', ...counts })}>`,
    `  <testsuite${attrs({ name: suite, ...counts, timestamp: context.timestamp })}>`,
    '    <properties>',
    properties,
    '    </properties>',
    ...result.comparisons.map((c) => testcase(c, result, suite)),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
