/**
 * The report's plain-HTML tables: readable without JavaScript and when printed. Latency columns
 * are tx_duration (from the intended start); service p95 is tx_service (from the actual start).
 */
import type { LatencySummary, OpResult, ResultsFile } from '../metrics/results.js';
import { formatChange, formatCount, formatMs, formatPercent, formatRate } from '../core/format.js';
import { table, text, type Column, type TableRow } from './html-elements.js';
import type { RunInput } from './run-input.js';
import { activeOps } from './run-input.js';
import { OPS, ROOM_CLASSES } from '../core/vocabulary.js';

const OP_COLUMNS: Column[] = [
  { title: 'operation' },
  { title: 'count', numeric: true },
  { title: 'rate', numeric: true },
  { title: 'failed', numeric: true },
  { title: 'p50', numeric: true },
  { title: 'p95', numeric: true },
  { title: 'p99', numeric: true },
  { title: 'max', numeric: true },
  { title: 'service p95', numeric: true },
];

function latencyCells(latency: LatencySummary): string[] {
  return [latency.p50, latency.p95, latency.p99, latency.max].map((v) => text(formatMs(v)));
}

function failedCell(count: number, failed: number): string {
  if (failed === 0) return '0';
  return `${text(formatCount(failed))} (${text(formatPercent(failed / count, 2))})`;
}

function opRow(op: string, result: OpResult): TableRow {
  return {
    cells: [
      text(op),
      text(formatCount(result.count)),
      text(formatRate(result.ratePerS)),
      failedCell(result.count, result.failed),
      ...latencyCells(result.latencyMs),
      text(formatMs(result.serviceMs.p95)),
    ],
    ...(result.failed > 0 ? { className: 'bad' } : {}),
  };
}

/** Per operation, with a sub-row per room class where the op touches rooms. */
export function opsTable(results: ResultsFile): string {
  const rows: TableRow[] = [];
  const duration = results.run.durationS;
  for (const op of OPS) {
    const result = results.ops[op];
    if (result === undefined || result.count === 0) continue;
    rows.push(opRow(op, result));
    for (const roomClass of ROOM_CLASSES) {
      const byClass = result.byRoomClass[roomClass];
      if (byClass === undefined || byClass.count === 0) continue;
      rows.push({
        className: 'sub',
        cells: [
          `<span class="indent">${text(roomClass)} rooms</span>`,
          text(formatCount(byClass.count)),
          text(formatRate(duration > 0 ? byClass.count / duration : null)),
          failedCell(byClass.count, byClass.failed),
          ...latencyCells(byClass.latencyMs),
          '',
        ],
      });
    }
  }
  if (rows.length === 0) return '<p>No transactions were recorded.</p>';
  return table(
    OP_COLUMNS,
    rows,
    'Latency: tx_duration, from the intended start (no coordinated omission).',
  );
}

export function thresholdsTable(results: ResultsFile): string {
  if (results.thresholds.length === 0) return '<p>The scenario defines no thresholds.</p>';
  return table(
    [
      { title: 'metric' },
      { title: 'expression' },
      { title: 'observed', numeric: true },
      { title: 'result' },
    ],
    results.thresholds.map((t) => ({
      cells: [
        `<code>${text(t.metric)}</code>`,
        `<code>${text(t.expr)}</code>`,
        text(t.value === null ? 'no data' : String(Number(t.value.toPrecision(6)))),
        t.ok ? '<span class="ok">pass</span>' : '<span class="fail">FAIL</span>',
      ],
      ...(t.ok ? {} : { className: 'bad' }),
    })),
  );
}

export function errorsTable(results: ResultsFile): string {
  if (results.errors.length === 0) return '<p>No errors.</p>';
  return table(
    [
      { title: 'operation' },
      { title: 'code' },
      { title: 'count', numeric: true },
      { title: 'sample message' },
    ],
    results.errors.map((e) => ({
      cells: [
        text(e.op),
        `<code>${text(e.code)}</code>`,
        text(formatCount(e.count)),
        text(e.message),
      ],
    })),
  );
}

type DeltaMetric = { title: string; value: (r: OpResult) => number; format: (v: number) => string };

const DELTA_METRICS: DeltaMetric[] = [
  { title: 'rate', value: (r) => r.ratePerS, format: formatRate },
  { title: 'p95', value: (r) => r.latencyMs.p95, format: formatMs },
  { title: 'p99', value: (r) => r.latencyMs.p99, format: formatMs },
];

/** Several runs side by side: each metric per run, and its change against the first run. */
export function deltaTable(runs: readonly RunInput[]): string {
  const [first, ...others] = runs;
  if (first === undefined) return '';
  const columns: Column[] = [
    { title: 'operation' },
    { title: 'metric' },
    { title: first.label, numeric: true },
  ];
  for (const run of others) {
    columns.push(
      { title: run.label, numeric: true },
      { title: `Δ vs ${first.label}`, numeric: true },
    );
  }
  const rows: TableRow[] = [];
  for (const op of activeOps(runs)) {
    for (const metric of DELTA_METRICS) {
      const base = first.results.ops[op];
      const baseValue = base === undefined || base.count === 0 ? null : metric.value(base);
      const cells = [
        text(op),
        text(metric.title),
        text(baseValue === null ? '–' : metric.format(baseValue)),
      ];
      for (const run of others) {
        const other = run.results.ops[op];
        const value = other === undefined || other.count === 0 ? null : metric.value(other);
        cells.push(text(value === null ? '–' : metric.format(value)));
        cells.push(
          text(
            value === null || baseValue === null || baseValue === 0
              ? '–'
              : formatChange(value / baseValue - 1),
          ),
        );
      }
      rows.push({ cells });
    }
  }
  return table(columns, rows);
}
