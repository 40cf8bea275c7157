/**
 * Vega-lite specs that overlay several runs: one panel per operation, one colour per run, so a
 * reader compares the same operation across runs without matching colours across charts.
 */
import type { TopLevelSpec } from 'vega-lite';
import { PERCENTILE_AXIS, TIME_AXIS, VEGA_LITE_SCHEMA } from './chart-types.js';

function runColor(runs: readonly string[]) {
  return {
    field: 'run',
    type: 'nominal',
    title: 'run',
    scale: { domain: [...runs], scheme: 'category10' },
  } as const;
}

function opFacet(ops: readonly string[]) {
  return { field: 'op', type: 'nominal', title: null, sort: [...ops] } as {
    field: 'op';
    type: 'nominal';
    title: null;
    sort: string[];
  };
}

export function throughputOverlaySpec(
  runs: readonly string[],
  ops: readonly string[],
): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    data: { name: 'throughput' },
    columns: 2,
    facet: opFacet(ops),
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 340,
      height: 150,
      mark: { type: 'line', strokeWidth: 1.2 },
      encoding: {
        x: TIME_AXIS,
        y: { field: 'rate', type: 'quantitative', title: 'tx/s' },
        color: runColor(runs),
        tooltip: [
          { field: 'run', type: 'nominal' },
          { field: 't', type: 'quantitative', title: 't (s)' },
          { field: 'rate', type: 'quantitative', title: 'tx/s' },
        ],
      },
    },
  };
}

/** p95 solid, p99 dashed, per run. */
export function latencyOverlaySpec(runs: readonly string[], ops: readonly string[]): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    data: { name: 'latency' },
    transform: [{ filter: { field: 'pct', oneOf: ['p95', 'p99'] } }],
    columns: 2,
    facet: opFacet(ops),
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 340,
      height: 150,
      mark: { type: 'line', strokeWidth: 1.2 },
      encoding: {
        x: TIME_AXIS,
        y: { field: 'ms', type: 'quantitative', title: 'latency (ms)' },
        color: runColor(runs),
        strokeDash: {
          field: 'pct',
          type: 'nominal',
          title: 'percentile',
          scale: {
            domain: ['p95', 'p99'],
            range: [
              [1, 0],
              [4, 3],
            ],
          },
        },
        tooltip: [
          { field: 'run', type: 'nominal' },
          { field: 'pct', type: 'nominal' },
          { field: 't', type: 'quantitative', title: 't (s)' },
          { field: 'ms', type: 'quantitative', title: 'ms' },
        ],
      },
    },
  };
}

export function percentileOverlaySpec(
  runs: readonly string[],
  ops: readonly string[],
): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    data: { name: 'percentiles' },
    columns: 2,
    facet: opFacet(ops),
    spec: {
      width: 340,
      height: 170,
      mark: { type: 'line', point: { size: 10 }, strokeWidth: 1.2 },
      encoding: {
        x: {
          field: 'x',
          type: 'quantitative',
          title: 'percentile',
          scale: { type: 'log' },
          axis: { values: [...PERCENTILE_AXIS.values], labelExpr: PERCENTILE_AXIS.labelExpr },
        },
        y: { field: 'ms', type: 'quantitative', title: 'latency (ms)', scale: { type: 'log' } },
        color: runColor(runs),
        tooltip: [
          { field: 'run', type: 'nominal' },
          { field: 'percentile', type: 'quantitative', format: '.4~f' },
          { field: 'ms', type: 'quantitative', title: 'ms' },
        ],
      },
    },
  };
}
