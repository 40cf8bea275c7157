/**
 * Vega-lite specs for one run. Specs name their data (`{name: 'throughput'}`) and the page
 * attaches the expanded rows, so each dataset travels once however many charts use it.
 */
import type { TopLevelSpec } from 'vega-lite';
import { PERCENTILE_AXIS, TIME_AXIS, VEGA_LITE_SCHEMA } from './chart-types.js';

const FAIL_COLORS = { domain: ['pass', 'fail'], range: ['#2e7d32', '#c62828'] };
const PCT_DOMAIN = ['p50', 'p95', 'p99'];
/**
 * Bar charts get a height from their row count rather than vega-lite's `{step}`: a step height
 * with a container width makes vega-lite warn on every render.
 */
function barHeight(rows: number, perRow: number): number {
  return Math.max(rows, 1) * perRow;
}

function opColor(ops: readonly string[]) {
  return {
    field: 'op',
    type: 'nominal',
    title: 'operation',
    scale: { domain: [...ops], scheme: 'tableau10' },
  } as const;
}

export function throughputSpec(ops: readonly string[]): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    data: { name: 'throughput' },
    width: 'container',
    height: 260,
    mark: { type: 'line', strokeWidth: 1.5 },
    encoding: {
      x: TIME_AXIS,
      y: { field: 'rate', type: 'quantitative', title: 'transactions per second' },
      color: opColor(ops),
      tooltip: [
        { field: 'op', type: 'nominal' },
        { field: 't', type: 'quantitative', title: 't (s)' },
        { field: 'rate', type: 'quantitative', title: 'tx/s' },
        { field: 'failed', type: 'quantitative', title: 'failed/s' },
      ],
    },
  };
}

export function latencySpec(ops: readonly string[]): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    data: { name: 'latency' },
    columns: 2,
    facet: { field: 'op', type: 'nominal', title: null, sort: [...ops] },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 340,
      height: 150,
      mark: { type: 'line', strokeWidth: 1.2 },
      encoding: {
        x: TIME_AXIS,
        y: { field: 'ms', type: 'quantitative', title: 'latency (ms)' },
        color: {
          field: 'pct',
          type: 'nominal',
          title: 'percentile',
          scale: { domain: PCT_DOMAIN, range: ['#4c78a8', '#f58518', '#e45756'] },
        },
        tooltip: [
          { field: 'pct', type: 'nominal' },
          { field: 't', type: 'quantitative', title: 't (s)' },
          { field: 'ms', type: 'quantitative', title: 'ms' },
        ],
      },
    },
  };
}

export function percentileSpec(ops: readonly string[]): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    data: { name: 'percentiles' },
    width: 'container',
    height: 300,
    mark: { type: 'line', point: { size: 12 }, strokeWidth: 1.5 },
    encoding: {
      x: {
        field: 'x',
        type: 'quantitative',
        title: 'percentile',
        scale: { type: 'log' },
        axis: { values: [...PERCENTILE_AXIS.values], labelExpr: PERCENTILE_AXIS.labelExpr },
      },
      y: {
        field: 'ms',
        type: 'quantitative',
        title: 'latency (ms, log scale)',
        scale: { type: 'log' },
      },
      color: opColor(ops),
      tooltip: [
        { field: 'op', type: 'nominal' },
        { field: 'percentile', type: 'quantitative', format: '.4~f' },
        { field: 'ms', type: 'quantitative', title: 'ms' },
      ],
    },
  };
}

export function mixSpec(ops: readonly string[]): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    data: { name: 'mix' },
    width: 'container',
    height: barHeight(ops.length, 22),
    mark: 'bar',
    encoding: {
      y: { field: 'op', type: 'nominal', title: null, sort: [...ops] },
      x: {
        field: 'share',
        type: 'quantitative',
        title: 'share of transactions',
        axis: { format: '%' },
      },
      color: { ...opColor(ops), legend: null },
      tooltip: [
        { field: 'op', type: 'nominal' },
        { field: 'count', type: 'quantitative', format: ',' },
        { field: 'share', type: 'quantitative', format: '.2%' },
      ],
    },
  };
}

export function sipSpec(methods: readonly string[]): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    data: { name: 'sip' },
    width: 'container',
    height: barHeight(methods.length, 26),
    mark: 'bar',
    encoding: {
      y: { field: 'method', type: 'nominal', title: 'SIP method', sort: [...methods] },
      x: { field: 'count', type: 'quantitative', title: 'requests' },
      tooltip: [
        { field: 'method', type: 'nominal' },
        { field: 'count', type: 'quantitative', format: ',' },
      ],
    },
  };
}

export function queueSpec(): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    data: { name: 'queue' },
    width: 'container',
    height: 200,
    mark: { type: 'area', line: true, opacity: 0.3 },
    encoding: {
      x: TIME_AXIS,
      y: { field: 'depth', type: 'quantitative', title: 'events waiting' },
      tooltip: [
        { field: 't', type: 'quantitative', title: 't (s)' },
        { field: 'depth', type: 'quantitative', title: 'depth' },
      ],
    },
  };
}

/** Each threshold's observed value as a share of its limit; the rule at 1 is the limit. */
export function thresholdsSpec(rows: number): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    data: { name: 'thresholds' },
    width: 'container',
    height: barHeight(rows, 24),
    layer: [
      {
        mark: 'bar',
        encoding: {
          y: { field: 'label', type: 'nominal', title: null, sort: null },
          x: { field: 'ratio', type: 'quantitative', title: 'observed ÷ limit' },
          color: { field: 'outcome', type: 'nominal', title: 'result', scale: FAIL_COLORS },
          tooltip: [
            { field: 'label', type: 'nominal', title: 'threshold' },
            { field: 'value', type: 'quantitative', title: 'observed' },
            { field: 'limit', type: 'quantitative' },
            { field: 'outcome', type: 'nominal', title: 'result' },
          ],
        },
      },
      {
        mark: { type: 'rule', strokeDash: [4, 3], color: '#333' },
        encoding: { x: { datum: 1 } },
      },
    ],
  };
}
