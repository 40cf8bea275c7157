import type { TopLevelSpec } from 'vega-lite';
import type { Dataset } from './datasets.js';

/** One chart of the page: where it goes, what it shows, and the datasets its spec names. */
export interface Chart {
  /** Element id, unique in the page. */
  id: string;
  title: string;
  /** One sentence under the chart saying how to read it. */
  caption: string;
  spec: TopLevelSpec;
}

/** Everything the page script needs: named datasets and the charts that read them. */
export interface ChartBundle {
  datasets: Record<string, Dataset>;
  charts: Chart[];
  /** Charts that were left out and why (e.g. no compliance queue in this run). */
  omitted: { title: string; reason: string }[];
}

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** Percentile ticks for the 1/(1−p) axis and how they are labelled. */
export const PERCENTILE_AXIS = {
  values: [1, 2, 10, 100, 1_000, 10_000, 100_000, 1_000_000],
  labelExpr: "format(100 - 100 / datum.value, '.4~f') + '%'",
} as const;

/** Seconds since the start; not rounded out to a "nice" end, so an hour ends at 3,600. */
export const TIME_AXIS = {
  field: 't',
  type: 'quantitative',
  title: 'time since start (s)',
  scale: { nice: false },
} as const;
