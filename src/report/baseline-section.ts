/**
 * The baseline comparison, each part labelled with its kind so a reader knows how far to trust
 * it: the documented requirement, the derived envelope (an estimate, arithmetic shown), and a
 * measured baseline (an earlier run) when one was given.
 */
import type { ClassComparison, Figure } from '../baselines/types.js';
import type { MetricComparison } from './compare.js';
import {
  formatChange,
  formatCount,
  formatGrouped,
  formatMs,
  formatPercent,
  formatRate,
  formatRatio,
} from '../core/format.js';
import { kindBadge, table, text } from './html-elements.js';
import type { MeasuredBaseline } from './verdict.js';

function figureValue(figure: Figure): string {
  if (figure.value === null) return 'not documented';
  const value = typeof figure.value === 'number' ? formatGrouped(figure.value) : figure.value;
  return figure.unit === '' ? value : `${value} ${figure.unit}`;
}

function figuresTable(figures: readonly Figure[], withFormula: boolean): string {
  return table(
    [
      { title: 'figure' },
      { title: 'value' },
      { title: 'kind' },
      { title: withFormula ? 'arithmetic' : 'source' },
    ],
    figures.map((f) => ({
      cells: [
        text(f.label),
        text(figureValue(f)),
        kindBadge(f.kind),
        withFormula && f.formula !== undefined
          ? `${text(f.formula)}<br><span class="muted">${text(f.source)}</span>`
          : text(f.source),
      ],
    })),
  );
}

function requirementPart(comparison: ClassComparison, scale: number): string {
  const r = comparison.requirement;
  const usersNote =
    r.users === r.modelUsers
      ? `${formatCount(r.users)} users (the scenario's model)`
      : `${formatCount(r.users)} users (the model's rates × ${formatCount(r.users)} ÷ ${formatCount(r.modelUsers)})`;
  const rows = r.rows.map((row) => ({
    cells: [
      text(row.op),
      text(formatRate(row.requiredPerS)),
      text(formatRate(row.measuredPerS)),
      text(formatRatio(row.headroom)),
      row.meets ? '<span class="ok">carried</span>' : '<span class="fail">not shown</span>',
      kindBadge(row.kind),
    ],
    ...(row.meets ? {} : { className: 'bad' }),
  }));
  const condition = comparison.compliance;
  const compliance =
    condition === null
      ? ''
      : `<p${condition.enabled ? '' : ' class="fail"'}>${text(condition.statement)}</p>`;
  const sustained = r.sustained
    ? '<p>The run completed without dropped transactions or crossed thresholds, so its rates were sustained.</p>'
    : `<p class="fail">The measured rates may not be sustainable: ${text(r.reasons.join('; '))}.</p>`;
  return [
    `<h3>${kindBadge('documented')} Documented requirement for ${text(usersNote)}${condition === null ? '' : ' with compliance enabled'}</h3>`,
    compliance,
    `<p>Headroom = measured successful rate ÷ required rate. This run offered ${text(String(scale))}× the model's rates, so it can show at most about ${text(formatRatio(scale))} headroom; to find the ceiling, run at a higher <code>--scale</code>. Source: ${text(r.source)}.</p>`,
    r.rows.length === 0
      ? '<p>The model demands no rates.</p>'
      : table(
          [
            { title: 'operation' },
            { title: 'required', numeric: true },
            { title: 'measured', numeric: true },
            { title: 'headroom', numeric: true },
            { title: 'result' },
            { title: 'rate basis' },
          ],
          rows,
        ),
    sustained,
  ].join('\n');
}

function envelopePart(comparison: ClassComparison): string {
  const e = comparison.envelope;
  const checks = table(
    [
      { title: 'check' },
      { title: 'needed', numeric: true },
      { title: 'capacity', numeric: true },
      { title: 'use', numeric: true },
      { title: 'arithmetic' },
    ],
    e.checks.map((c) => ({
      cells: [
        text(c.label),
        text(`${formatGrouped(Number(c.needed.toPrecision(4)))} ${c.unit}`),
        text(`${formatGrouped(Number(c.capacity.toPrecision(4)))} ${c.unit}`),
        text(formatPercent(c.utilisation)),
        text(c.formula),
      ],
      ...(c.utilisation > 1 ? { className: 'bad' } : {}),
    })),
  );
  return [
    `<h3>${kindBadge('derived')} Derived envelope (estimate) of the ${text(comparison.title)}</h3>`,
    `<p>${text(comparison.summary)}</p>`,
    '<h4>The class</h4>',
    figuresTable(comparison.hardware, false),
    '<h4>What its hardware gives (rules of thumb)</h4>',
    figuresTable(e.figures, true),
    '<h4>Checks</h4>',
    e.checks.length === 0 ? '<p>No check applies to this run.</p>' : checks,
    comparison.notes.length === 0
      ? ''
      : `<ul class="notes">${comparison.notes.map((n) => `<li>${text(n)}</li>`).join('')}</ul>`,
  ].join('\n');
}

function measuredValue(c: MetricComparison, which: 'baseline' | 'current'): string {
  const value = c[which];
  return c.unit === 'ms' ? formatMs(value) : formatRate(value);
}

export function measuredPart(measured: MeasuredBaseline): string {
  const { result } = measured;
  const rows = result.comparisons.map((c) => ({
    cells: [
      text(c.op),
      text(c.metric),
      text(measuredValue(c, 'baseline')),
      text(measuredValue(c, 'current')),
      text(formatChange(c.change)),
      text(Number.isNaN(c.noise) ? 'n/a' : `±${formatPercent(c.noise)}`),
      c.verdict === 'regression' ? '<span class="fail">regression</span>' : text(c.verdict),
    ],
    ...(c.verdict === 'regression' ? { className: 'bad' } : {}),
  }));
  const differences =
    result.differences.length === 0
      ? ''
      : `<p class="fail">The runs' scenarios differ: ${text(result.differences.join('; '))}.</p>`;
  const unfit =
    result.unfit.length === 0
      ? ''
      : `<p class="fail">Not a fair comparison: ${text(result.unfit.join('; '))}.</p>`;
  return [
    `<h3>${kindBadge('measured')} Measured baseline: ${text(measured.label)}</h3>`,
    `<p>Budget ${text(formatPercent(result.maxRegression))}; a change is a regression only when it also exceeds the ${text(result.method)}.</p>`,
    differences,
    unfit,
    table(
      [
        { title: 'operation' },
        { title: 'metric' },
        { title: 'baseline', numeric: true },
        { title: 'this run', numeric: true },
        { title: 'change', numeric: true },
        { title: 'noise', numeric: true },
        { title: 'verdict' },
      ],
      rows,
    ),
  ].join('\n');
}

export function baselineSection(
  comparison: ClassComparison | undefined,
  measured: MeasuredBaseline | undefined,
  scale: number,
): string {
  const parts: string[] = [];
  if (comparison !== undefined)
    parts.push(requirementPart(comparison, scale), envelopePart(comparison));
  if (measured !== undefined) parts.push(measuredPart(measured));
  return parts.join('\n');
}
