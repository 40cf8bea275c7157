/**
 * Turns results files into the page's chart bundle: the datasets (compact, see datasets.ts) and
 * the specs that read them. One run gets the full set of charts; several runs get overlays.
 */
import {
  latencyDataset,
  mixRows,
  percentileRows,
  queueDataset,
  thresholdRows,
  throughputDataset,
} from './chart-data.js';
import type { Chart, ChartBundle } from './chart-types.js';
import {
  latencyOverlaySpec,
  percentileOverlaySpec,
  throughputOverlaySpec,
} from './charts-compare.js';
import {
  latencySpec,
  mixSpec,
  percentileSpec,
  queueSpec,
  sipSpec,
  thresholdsSpec,
  throughputSpec,
} from './charts-run.js';
import type { Dataset } from './datasets.js';
import { activeOps, type RunInput } from './run-input.js';
import { METHODS } from '../core/vocabulary.js';

function chart(id: string, title: string, caption: string, spec: Chart['spec']): Chart {
  return { id, title, caption, spec };
}

function singleRun(run: RunInput): ChartBundle {
  const { results } = run;
  const ops = activeOps([run]);
  const datasets: Record<string, Dataset> = {};
  const charts: Chart[] = [];
  const omitted: ChartBundle['omitted'] = [];
  if (ops.length === 0) {
    omitted.push({ title: 'Operation charts', reason: 'the run recorded no transactions' });
  } else {
    datasets['throughput'] = throughputDataset([run], ops);
    datasets['latency'] = latencyDataset([run], ops);
    datasets['percentiles'] = { kind: 'rows', rows: percentileRows([run], ops) };
    datasets['mix'] = { kind: 'rows', rows: mixRows(results, ops) };
    charts.push(
      chart(
        'chart-throughput',
        'Throughput over time',
        'Transactions completed per second, per operation (failed ones included).',
        throughputSpec(ops),
      ),
      chart(
        'chart-latency',
        'Latency over time',
        'p50, p95 and p99 of tx_duration (from the intended start) in each second, one panel per operation.',
        latencySpec(ops),
      ),
      chart(
        'chart-percentiles',
        'Latency distribution',
        'Whole-run percentiles from the HDR histograms; the x axis stretches the tail (90%, 99%, 99.9% are a decade apart).',
        percentileSpec(ops),
      ),
      chart(
        'chart-mix',
        'Operation mix',
        'Share of all transactions, per operation.',
        mixSpec(ops),
      ),
    );
  }
  const methods = METHODS.filter((m) => (results.sip[m] ?? 0) > 0);
  if (methods.length > 0) {
    datasets['sip'] = {
      kind: 'rows',
      rows: methods.map((method) => ({ method, count: results.sip[method] ?? 0 })),
    };
    charts.push(
      chart(
        'chart-sip',
        'SIP requests by method',
        'Requests sent to the chat service, by SIP method.',
        sipSpec(methods),
      ),
    );
  } else {
    omitted.push({ title: 'SIP requests by method', reason: 'no SIP requests were recorded' });
  }
  const depth = results.timeseries.complianceQueueDepth;
  if (results.scenario.compliance || depth.some((d) => d > 0)) {
    datasets['queue'] = queueDataset(run);
    charts.push(
      chart(
        'chart-queue',
        'Compliance queue depth',
        'Compliance events waiting to be written to mgccomp, sampled each second.',
        queueSpec(),
      ),
    );
  } else {
    omitted.push({
      title: 'Compliance queue depth',
      reason: 'compliance was not enabled in this scenario',
    });
  }
  const thresholdData = thresholdRows(results);
  if (thresholdData.length > 0) {
    datasets['thresholds'] = { kind: 'rows', rows: thresholdData };
    charts.push(
      chart(
        'chart-thresholds',
        'Thresholds: observed value against the limit',
        'Observed value ÷ limit for each threshold; the dashed line is the limit.',
        thresholdsSpec(thresholdData.length),
      ),
    );
  } else {
    omitted.push({
      title: 'Thresholds',
      reason:
        results.thresholds.length === 0
          ? 'the scenario defines no thresholds'
          : 'no threshold had a value to plot',
    });
  }
  return { datasets, charts, omitted };
}

function severalRuns(runs: readonly RunInput[]): ChartBundle {
  const ops = activeOps(runs);
  const labels = runs.map((run) => run.label);
  if (ops.length === 0) {
    return {
      datasets: {},
      charts: [],
      omitted: [{ title: 'Comparison charts', reason: 'no run recorded transactions' }],
    };
  }
  return {
    datasets: {
      throughput: throughputDataset(runs, ops),
      latency: latencyDataset(runs, ops),
      percentiles: { kind: 'rows', rows: percentileRows(runs, ops) },
    },
    charts: [
      chart(
        'chart-throughput',
        'Throughput over time, per run',
        'Transactions per second; one panel per operation, one colour per run.',
        throughputOverlaySpec(labels, ops),
      ),
      chart(
        'chart-latency',
        'p95 and p99 latency over time, per run',
        'Solid: p95; dashed: p99, of tx_duration in each second.',
        latencyOverlaySpec(labels, ops),
      ),
      chart(
        'chart-percentiles',
        'Latency distribution, per run',
        'Whole-run percentiles from the HDR histograms on a 1/(1−p) axis.',
        percentileOverlaySpec(labels, ops),
      ),
    ],
    omitted: [],
  };
}

export function buildCharts(runs: readonly RunInput[]): ChartBundle {
  const [first] = runs;
  if (first === undefined) return { datasets: {}, charts: [], omitted: [] };
  return runs.length === 1 ? singleRun(first) : severalRuns(runs);
}
