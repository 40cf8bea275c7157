/**
 * The end-of-run summary for the terminal, in the spirit of k6's: per operation the counts,
 * rate, failures and latency percentiles; the thresholds with pass/fail marks; what went wrong.
 * Pure text from a results file, so `chatload run` and tests render the same thing.
 */
import type { ComplianceCondition } from '../baselines/compliance-condition.js';
import type { OpResult, ResultsFile } from '../metrics/results.js';
import { OPS, type OpName } from '../core/vocabulary.js';
import { formatCount, formatMsShort } from '../core/format.js';
import { connectionsText, unavailableText } from './run-conditions.js';
import { serverText } from './server-text.js';

export interface SummaryStyle {
  ok: (text: string) => string;
  bad: (text: string) => string;
  dim: (text: string) => string;
}

export const PLAIN: SummaryStyle = { ok: (t) => t, bad: (t) => t, dim: (t) => t };

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  '),
  );
}

function opRow(op: OpName, result: OpResult): string[] {
  const l = result.latencyMs;
  return [
    op,
    formatCount(result.count),
    `${result.ratePerS.toFixed(result.ratePerS >= 100 ? 0 : 2)}/s`,
    formatCount(result.failed),
    formatMsShort(l.p50),
    formatMsShort(l.p95),
    formatMsShort(l.p99),
    formatMsShort(l.max),
    formatMsShort(result.serviceMs.p95),
  ];
}

function complianceFact(results: ResultsFile): string {
  if (!results.scenario.compliance) return 'off';
  const separate = results.target.compliance;
  return separate === null
    ? 'on (mgccomp in the same database as mgc)'
    : `on (mgccomp in ${separate.description}: ${separate.product} ${separate.productVersion})`;
}

/**
 * `compliance`: the compliance condition of the requirement the report compares the run with
 * (the back-end class's: the model with compliance enabled), shown under the run facts.
 */
export function renderRunSummary(
  results: ResultsFile,
  style: SummaryStyle = PLAIN,
  compliance: ComplianceCondition | null = null,
): string {
  const lines: string[] = [];
  const { run, scenario, target } = results;
  const state =
    run.status === 'completed'
      ? style.ok('completed')
      : style.bad(run.status === 'interrupted' ? 'INTERRUPTED (partial results)' : 'ABORTED');
  lines.push(
    `scenario ${scenario.name} (seed ${scenario.seed}, scale ${scenario.scale}×) — ${state}`,
    `target   ${target.description}: ${serverText(target)}`,
    ...(target.gating === undefined ? [] : [`gating   ${target.gating}`]),
    `run      ${run.durationS.toFixed(1)}s, ${run.workers} worker(s)` +
      (run.segment === null ? '' : `, segment ${run.segment}`),
    `compliance ${complianceFact(results)}`,
  );
  if (compliance !== null) {
    lines.push(
      compliance.enabled ? style.dim(compliance.statement) : style.bad(compliance.statement),
    );
  }
  const connections = connectionsText(run);
  if (connections !== null) lines.push(`conns    ${connections}`);
  const unavailable = unavailableText(run);
  if (unavailable !== null) lines.push(style.bad(`target unavailable ${unavailable}`));
  lines.push('');
  const rows: string[][] = [
    ['op', 'count', 'rate', 'failed', 'p50', 'p95', 'p99', 'max', 'service p95'],
  ];
  for (const op of OPS) {
    const result = results.ops[op];
    if (result !== undefined && result.count > 0) rows.push(opRow(op, result));
  }
  if (rows.length === 1) lines.push(style.dim('  no transaction completed'));
  else
    lines.push(...table(rows).map((line, i) => (i === 0 ? style.dim(`  ${line}`) : `  ${line}`)));
  const sip = Object.entries(results.sip)
    .map(([method, n]) => `${method} ${formatCount(n)}`)
    .join(', ');
  lines.push('', `SIP requests: ${sip === '' ? 'none' : sip}`);
  if (results.dropped > 0) {
    lines.push(
      style.bad(`dropped: ${formatCount(results.dropped)} transactions (in-flight limit reached)`),
    );
  }
  if (results.retries > 0)
    lines.push(`retries: ${formatCount(results.retries)} (deadlocks / lock timeouts)`);
  if (results.thresholds.length > 0) {
    lines.push('', 'thresholds:');
    for (const t of results.thresholds) {
      const mark = t.ok ? style.ok('✓') : style.bad('✗');
      const value = t.value === null ? 'no data' : Number(t.value.toFixed(3)).toString();
      lines.push(`  ${mark} ${t.metric} ${t.expr}  (observed ${value})`);
    }
  }
  if (results.errors.length > 0) {
    lines.push('', 'errors:');
    for (const e of results.errors.slice(0, 10)) {
      lines.push(style.bad(`  ${e.op} ${e.code} ×${formatCount(e.count)}: ${e.message}`));
    }
    if (results.errors.length > 10)
      lines.push(`  … ${results.errors.length - 10} more in the results file`);
  }
  for (const note of results.notes ?? []) lines.push(style.dim(`note: ${note}`));
  return lines.join('\n');
}
