import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readResults } from '../../src/metrics/results-file.js';
import { compareRuns } from '../../src/report/compare.js';
import { compareJunit } from '../../src/report/junit.js';
import { FIXTURES } from './results-fixtures.js';
import { findAll, parseXml } from './xml.js';

describe('compareJunit', () => {
  it('writes one test case per operation and metric, a failure per regression with the numbers', async () => {
    const baseline = await readResults(`${FIXTURES}compare-baseline.json`);
    const current = await readResults(`${FIXTURES}compare-regressed.json`);
    const result = compareRuns(baseline, current, { maxRegression: 0.1 });
    const xml = compareJunit(result, {
      baselineLabel: 'compare-baseline.json',
      currentLabel: 'compare-regressed.json',
      current,
      timestamp: '2025-01-06T10:00:00.000Z',
    });
    const root = parseXml(xml);
    assert.equal(root.name, 'testsuites');
    const [suite] = findAll(root, 'testsuite');
    assert.ok(suite);
    const cases = findAll(root, 'testcase');
    const failures = findAll(root, 'failure');
    assert.equal(cases.length, result.comparisons.length);
    assert.equal(Number(suite.attributes['tests']), cases.length);
    assert.equal(Number(root.attributes['tests']), cases.length);
    assert.equal(failures.length, result.regressions);
    assert.equal(Number(suite.attributes['failures']), failures.length);
    assert.ok(result.regressions > 0);
    const names = new Set(cases.map((c) => c.attributes['name']));
    assert.equal(names.size, cases.length);
    const failed = cases.find((c) => c.children.some((child) => child.name === 'failure'));
    const failure = failed?.children.find((child) => child.name === 'failure');
    const comparison = result.comparisons.find(
      (c) => `${c.op} ${c.metric}` === failed?.attributes['name'],
    );
    assert.ok(failure && comparison);
    assert.match(failure.text, new RegExp(`baseline: ${comparison.baseline?.toFixed(3)} ms`));
    assert.match(failure.text, new RegExp(`current: ${comparison.current?.toFixed(3)} ms`));
    assert.match(failure.attributes['message'] ?? '', /worse \(budget 10\.0%, noise ±/);
  });

  it('stays well-formed with markup, quotes and control characters in names', async () => {
    const baseline = await readResults(`${FIXTURES}compare-baseline.json`);
    const current = structuredClone(baseline);
    current.scenario.name = `<nightly "&" 'run'>\u0001]]>`;
    const result = compareRuns(baseline, current, { maxRegression: 0.1 });
    const xml = compareJunit(result, {
      baselineLabel: '</testsuite>',
      currentLabel: 'a&b',
      current,
      timestamp: '2025-01-06T10:00:00.000Z',
    });
    const root = parseXml(xml);
    const [suite] = findAll(root, 'testsuite');
    assert.equal(suite?.attributes['name'], `chatload.<nightly "&" 'run'>\ufffd]]>`);
    const properties = findAll(root, 'property');
    assert.equal(
      properties.find((p) => p.attributes['name'] === 'baseline')?.attributes['value'],
      '</testsuite>',
    );
    assert.ok(properties.some((p) => p.attributes['name']?.startsWith('difference.')));
  });
});
