/** The one parser of whole-number flags: what it accepts, and the sentence it refuses with. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { parseWholeNumber, wholeNumberArg } from '../../src/core/whole-number.js';

describe('parseWholeNumber', () => {
  it('accepts digits (around spaces) and numbers within the range', () => {
    assert.equal(parseWholeNumber('--n', '42', { min: 0 }), 42);
    assert.equal(parseWholeNumber('--n', ' 7 ', { min: 1, max: 7 }), 7);
    assert.equal(parseWholeNumber('--n', 0, { min: 0, max: 3 }), 0);
    assert.equal(
      parseWholeNumber('--seed', '4294967295', { min: 0, max: 2 ** 32 - 1 }),
      2 ** 32 - 1,
    );
  });

  it('refuses anything else with one sentence naming the flag and the value', () => {
    const cases: [string | number, { min: number; max?: number }, string][] = [
      ['abc', { min: 1 }, 'must be a whole number of at least 1 (got "abc")'],
      ['1.5', { min: 0, max: 9 }, 'must be a whole number from 0 to 9 (got "1.5")'],
      ['-1', { min: 0 }, 'must be a whole number of at least 0 (got "-1")'],
      ['1e3', { min: 0 }, 'must be a whole number of at least 0 (got "1e3")'],
      ['0x10', { min: 0 }, 'must be a whole number of at least 0 (got "0x10")'],
      ['', { min: 0 }, 'must be a whole number of at least 0 (got "")'],
      ['0', { min: 1, max: 1024 }, 'must be a whole number from 1 to 1024 (got "0")'],
      [
        2 ** 32,
        { min: 0, max: 2 ** 32 - 1 },
        'must be a whole number from 0 to 4294967295 (got 4294967296)',
      ],
      [2.5, { min: 0 }, 'must be a whole number of at least 0 (got 2.5)'],
      [
        '99999999999999999999',
        { min: 0 },
        'must be a whole number of at least 0 (got "99999999999999999999")',
      ],
    ];
    for (const [value, range, message] of cases) {
      assert.throws(
        () => parseWholeNumber('--flag', value, range),
        (error: unknown) => error instanceof InputError && error.message === `--flag: ${message}`,
        String(value),
      );
    }
  });

  it('gives commander an argParser whose error names the flag', () => {
    const parse = wholeNumberArg('--workers', { min: 1, max: 8 });
    assert.equal(parse('3'), 3);
    assert.throws(
      () => parse('9'),
      /^InputError: --workers: must be a whole number from 1 to 8 \(got "9"\)$/,
    );
  });
});
