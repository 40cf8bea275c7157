/**
 * Chart data as it travels inside the page. Per-second series are sent column-wise (one array
 * per value, tags written once) because a one-hour run has 3,600 points per operation and
 * row objects would repeat every key on every point; the page expands them into the row objects
 * vega-lite wants with {@link expandDataset}, the same function the tests call.
 */

export type Tags = Record<string, string>;
export type Row = Record<string, string | number>;

/** Several series sharing one x axis; `values[name][i]` belongs to `xs[i]` (null: no point). */
export interface SeriesDataset {
  kind: 'series';
  x: string;
  xs: number[];
  series: { tags: Tags; values: Record<string, (number | null)[]> }[];
}

export interface RowsDataset {
  kind: 'rows';
  rows: Row[];
}

export type Dataset = SeriesDataset | RowsDataset;

/**
 * Rows for vega-lite. A point is dropped when any of its values is null (a second without
 * transactions has no latency). Self-contained on purpose: the page inlines its source text.
 */
export function expandDataset(dataset: Dataset): Row[] {
  if (dataset.kind === 'rows') return dataset.rows;
  const rows: Row[] = [];
  for (const one of dataset.series) {
    const names = Object.keys(one.values);
    for (let i = 0; i < dataset.xs.length; i++) {
      const row: Row = { ...one.tags };
      row[dataset.x] = dataset.xs[i] as number;
      let complete = true;
      for (const name of names) {
        const value = (one.values[name] as (number | null)[])[i];
        if (value === null || value === undefined) {
          complete = false;
          break;
        }
        row[name] = value;
      }
      if (complete) rows.push(row);
    }
  }
  return rows;
}
