import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { before, describe, it } from 'node:test';
import Ajv from 'ajv';
import type { TopLevelSpec } from 'vega-lite';
import { readResults } from '../../src/metrics/results-file.js';
import type { ResultsFile } from '../../src/metrics/results.js';
import { buildCharts } from '../../src/report/chart-bundle.js';
import type { ChartBundle } from '../../src/report/chart-types.js';
import { expandDataset } from '../../src/report/datasets.js';
import { FIXTURES } from './results-fixtures.js';

const require = createRequire(import.meta.url);
const vegaLite = require('vega-lite') as {
  compile(spec: TopLevelSpec, options: { logger: unknown }): unknown;
};
const schema = JSON.parse(
  readFileSync(require.resolve('vega-lite/build/vega-lite-schema.json'), 'utf8'),
) as object;

/** The spec as the page hands it to vega-embed: its dataset attached as rows. */
function withData(bundle: ChartBundle, spec: TopLevelSpec): TopLevelSpec {
  const name = (spec as { data?: { name?: string } }).data?.name;
  assert.ok(name !== undefined && bundle.datasets[name] !== undefined, `dataset ${name}`);
  return { ...spec, datasets: { [name]: expandDataset(bundle.datasets[name]) } } as TopLevelSpec;
}

describe('vega-lite specs', () => {
  let single: ChartBundle;
  let several: ChartBundle;
  let results: ResultsFile;
  before(async () => {
    results = await readResults(`${FIXTURES}sample-run.json`);
    single = buildCharts([{ label: 'sample-run.json', results }]);
    several = buildCharts([
      { label: 'a', results: await readResults(`${FIXTURES}compare-baseline.json`) },
      { label: 'b', results: await readResults(`${FIXTURES}compare-regressed.json`) },
    ]);
  });

  it('a single run gets every chart the issue lists', () => {
    assert.deepEqual(
      single.charts.map((c) => c.id),
      [
        'chart-throughput',
        'chart-latency',
        'chart-percentiles',
        'chart-mix',
        'chart-sip',
        'chart-queue',
        'chart-thresholds',
      ],
    );
    assert.deepEqual(
      several.charts.map((c) => c.id),
      ['chart-throughput', 'chart-latency', 'chart-percentiles'],
    );
  });

  it('validate against the vega-lite JSON schema, with their data attached', () => {
    // Formats (uri, color-hex) are not what this test is about; ajv would only warn about them.
    const ajv = new Ajv.default({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(schema);
    // The validator must be able to say no: a misspelt mark type is not vega-lite.
    assert.equal(validate({ ...(single.charts[0]?.spec as object), mark: 'lines' }), false);
    for (const bundle of [single, several]) {
      for (const chart of bundle.charts) {
        const ok = validate(withData(bundle, chart.spec));
        assert.ok(ok, `${chart.id}: ${ajv.errorsText(validate.errors)}`);
      }
    }
  });

  it('compile with vega-lite without a warning', () => {
    for (const bundle of [single, several]) {
      for (const chart of bundle.charts) {
        const warnings: unknown[] = [];
        const logger = {
          level: () => logger,
          warn: (...args: unknown[]) => void warnings.push(args),
          info: () => logger,
          debug: () => logger,
          error: (...args: unknown[]) => void warnings.push(args),
        };
        vegaLite.compile(withData(bundle, chart.spec), { logger });
        assert.deepEqual(warnings, [], chart.id);
      }
    }
  });

  it('the throughput data holds every second of every op, rates from the per-second counts', () => {
    const rows = expandDataset(single.datasets['throughput'] ?? { kind: 'rows', rows: [] });
    const ops = Object.keys(results.timeseries.ops);
    assert.equal(rows.length, ops.length * results.timeseries.t.length);
    const post = results.timeseries.ops.post;
    const at = rows.find((r) => r['op'] === 'post' && r['t'] === results.timeseries.t[5]);
    assert.equal(at?.['rate'], (post?.count[5] ?? NaN) / results.timeseries.intervalS);
  });

  it('the percentile curves come from each op histogram and end at its max', () => {
    const rows = expandDataset(single.datasets['percentiles'] ?? { kind: 'rows', rows: [] });
    for (const [op, result] of Object.entries(results.ops)) {
      const curve = rows.filter((r) => r['op'] === op);
      const last = curve[curve.length - 1];
      assert.equal(last?.['percentile'], 100, op);
      assert.ok(
        Math.abs((last?.['ms'] as number) - result.latencyMs.max) <= result.latencyMs.max * 1e-3,
        op,
      );
      const p50 = curve.find((r) => r['percentile'] === 50);
      assert.ok(
        Math.abs((p50?.['ms'] as number) - result.latencyMs.p50) <= result.latencyMs.p50 * 1e-3,
        op,
      );
    }
  });

  it('the thresholds chart scales each value by its limit', () => {
    const rows = expandDataset(single.datasets['thresholds'] ?? { kind: 'rows', rows: [] });
    const search = rows.find((r) => String(r['label']).startsWith('tx_duration{op:search}'));
    const threshold = results.thresholds.find((t) => t.metric === 'tx_duration{op:search}');
    assert.equal(search?.['ratio'], (threshold?.value ?? NaN) / 60);
    assert.equal(search?.['outcome'], threshold?.ok === true ? 'pass' : 'fail');
  });
});
