/** The one module that turns numbers into text for every stage: grouping, precision, "–". */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  formatChange,
  formatCount,
  formatGrouped,
  formatMs,
  formatMsShort,
  formatNumber,
  formatPercent,
  formatRate,
  formatRatio,
  formatSeconds,
} from '../../src/core/format.js';

describe('number formatting', () => {
  it('groups with en-US separators, fixed or up to a number of decimals', () => {
    assert.equal(formatNumber(1066.666), '1,067');
    assert.equal(formatNumber(1066.666, 2), '1,066.67');
    assert.equal(formatNumber(80_000 * (2 / 150) * 0.03 * 1000, 0), '32,000');
    assert.equal(formatNumber(31.999999999999996, 3), '32.000');
    assert.equal(formatGrouped(22_600_000), '22,600,000');
    assert.equal(formatGrouped(1234.56789), '1,234.568');
    assert.equal(formatGrouped(0.5), '0.5');
    assert.equal(formatGrouped(1066.66, 0), '1,067');
    assert.equal(formatCount(1234.5), '1,235');
  });

  it('chooses the precision of latencies and rates by magnitude', () => {
    assert.deepEqual([0.424, 12.34, 1234.4].map(formatMs), ['0.42 ms', '12.3 ms', '1,234 ms']);
    assert.deepEqual([0.424, 12.34, 123.4, 1234].map(formatMsShort), [
      '0.42ms',
      '12.3ms',
      '123ms',
      '1.23s',
    ]);
    assert.deepEqual([0.1534, 24, 1234.4].map(formatRate), ['0.153/s', '24.0/s', '1,234/s']);
  });

  it('writes fractions as percentages, changes with a sign, ratios with ×', () => {
    assert.equal(formatPercent(0.1234), '12.3%');
    assert.equal(formatPercent(0.1234, 0), '12%');
    assert.equal(formatChange(0.052), '+5.2%');
    assert.equal(formatChange(-0.3), '-30.0%');
    assert.equal(formatRatio(1.234), '1.23×');
    assert.equal(formatRatio(250.4), '250×');
    assert.equal(formatSeconds(3725), '1h 2m 5s');
  });

  it('shows a missing or non-finite value as a dash', () => {
    for (const format of [
      formatCount,
      formatMs,
      formatRate,
      formatPercent,
      formatChange,
      formatRatio,
    ]) {
      assert.equal(format(null), '–');
      assert.equal(format(undefined), '–');
      assert.equal(format(Number.NaN), '–');
    }
  });
});
