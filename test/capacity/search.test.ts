/**
 * The capacity search on oracles: a database that carries exactly `c`× (every step up to c
 * passes, every step beyond fails), a boundary that flips, a failure at `from`, a pass at
 * `max`, a generator-bound step. No step runs anything: the search is a state machine.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { InputError } from '../../src/core/errors.js';
import {
  bracketOf,
  recordStep,
  runSearch,
  startSearch,
  stepBound,
  type SearchSettings,
  type SearchState,
  type StepVerdict,
} from '../../src/capacity/search.js';

/** Runs the state machine to its end against an oracle; returns the multiples it tried. */
function search(
  settings: SearchSettings,
  oracle: (m: number, i: number) => StepVerdict,
): { state: SearchState; multiples: number[] } {
  let state = startSearch(settings);
  const multiples: number[] = [];
  while (state.next !== null) {
    multiples.push(state.next);
    state = recordStep(state, oracle(state.next, multiples.length - 1));
    assert.ok(multiples.length < 200, 'the search ends');
  }
  return { state, multiples };
}

const carries =
  (c: number) =>
  (m: number): StepVerdict =>
    m <= c ? 'pass' : 'fail';
const SETTINGS: SearchSettings = { from: 1, max: 64, precision: 0.05, repeats: 0 };

describe('capacity search: a database that carries exactly c×', () => {
  it('ramps ×2, then bisects at geometric means until the bracket is within the precision', () => {
    const { state, multiples } = search(SETTINGS, carries(37));
    assert.deepEqual(multiples.slice(0, 7), [1, 2, 4, 8, 16, 32, 64]);
    assert.equal(multiples[7], Math.sqrt(32 * 64));
    const b = bracketOf(state);
    assert.ok(b.maxMultiple !== null && b.firstFailingMultiple !== null);
    assert.ok(
      b.maxMultiple <= 37 && 37 < b.firstFailingMultiple,
      `${b.maxMultiple}..${b.firstFailingMultiple}`,
    );
    assert.ok((b.firstFailingMultiple - b.maxMultiple) / b.maxMultiple < 0.05);
    assert.equal(b.noisy, false);
    assert.equal(state.stop, 'precision');
    assert.deepEqual(
      state.runs.map((r) => r.phase),
      [...Array<string>(7).fill('ramp'), ...Array<string>(multiples.length - 7).fill('bisect')],
    );
  });

  it('brackets any capacity within the precision, within the step bound (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        fc.double({ min: 1, max: 1000, noNaN: true }),
        fc.double({ min: 0.01, max: 0.3, noNaN: true }),
        fc.integer({ min: 0, max: 4 }),
        fc.double({ min: 0.001, max: 2, noNaN: true }),
        (from, ratio, precision, repeats, where) => {
          const settings = { from, max: from * ratio, precision, repeats };
          const c = where * settings.max;
          const { state, multiples } = search(settings, carries(c));
          const b = bracketOf(state);
          assert.ok(
            multiples.length <= stepBound(settings),
            `${multiples.length} > ${stepBound(settings)}`,
          );
          assert.ok(
            stepBound(settings) < Math.log2(ratio) + Math.log2(1 / precision) + repeats + 3,
            'fewer than log2(max/from) + log2(1/precision) + repeats + 3',
          );
          assert.equal(b.noisy, false);
          if (c < from) {
            assert.deepEqual(
              [b.maxMultiple, b.firstFailingMultiple, state.stop],
              [null, from, 'below-from'],
            );
          } else if (c >= settings.max) {
            assert.deepEqual(
              [b.maxMultiple, b.firstFailingMultiple, state.stop],
              [settings.max, null, 'max'],
            );
          } else {
            const lower = b.maxMultiple as number;
            const upper = b.firstFailingMultiple as number;
            assert.ok(lower <= c && c < upper);
            assert.ok((upper - lower) / lower < precision);
            assert.equal(state.stop, 'precision');
          }
        },
      ),
      { seed: 2013, numRuns: 500 },
    );
  });

  it('reaches its step bound in the worst case (the bound is tight)', () => {
    const settings = { ...SETTINGS, repeats: 2 };
    const { multiples } = search(settings, carries(63.9));
    assert.equal(stepBound(settings), 13);
    assert.equal(multiples.length, 13);
  });

  it('stops at once when even `from` fails (and confirms that failure)', () => {
    const { state, multiples } = search({ ...SETTINGS, repeats: 2 }, carries(0.5));
    assert.deepEqual(multiples, [1, 1, 1]);
    assert.deepEqual(bracketOf(state), {
      maxMultiple: null,
      firstFailingMultiple: 1,
      noisy: false,
      generatorBoundAt: null,
    });
    assert.equal(state.stop, 'below-from');
  });

  it('stops at `max` when it passes, capping the last ramp step', () => {
    const { state, multiples } = search({ ...SETTINGS, max: 50 }, carries(1000));
    assert.deepEqual(multiples, [1, 2, 4, 8, 16, 32, 50]);
    assert.equal(bracketOf(state).maxMultiple, 50);
    assert.equal(bracketOf(state).firstFailingMultiple, null);
    assert.equal(state.stop, 'max');
  });
});

describe('capacity search: repeats near the boundary', () => {
  it('confirms the boundary, alternating last pass and first failure', () => {
    const { state, multiples } = search({ ...SETTINGS, repeats: 3 }, carries(37));
    const b = bracketOf(state);
    assert.deepEqual(multiples.slice(-3), [b.maxMultiple, b.firstFailingMultiple, b.maxMultiple]);
    assert.deepEqual(
      state.runs.slice(-3).map((r) => r.phase),
      ['confirm', 'confirm', 'confirm'],
    );
    assert.equal(b.noisy, false);
  });

  it('marks a boundary that flips as noisy and claims only multiples that always passed', () => {
    const seen = new Map<number, number>();
    // Carries 37×, but near the boundary every second run at the same multiple fails.
    const flaky = (m: number): StepVerdict => {
      const n = (seen.get(m) ?? 0) + 1;
      seen.set(m, n);
      if (m > 37) return 'fail';
      return m > 33 && n % 2 === 0 ? 'fail' : 'pass';
    };
    const { state } = search({ ...SETTINGS, repeats: 2 }, flaky);
    const b = bracketOf(state);
    assert.equal(b.noisy, true);
    const lastBisectPass = Math.max(
      ...state.runs
        .filter((r) => r.phase === 'bisect' && r.verdict === 'pass')
        .map((r) => r.multiple),
    );
    assert.equal(
      b.firstFailingMultiple,
      lastBisectPass,
      'the flipped multiple is no longer claimed',
    );
    assert.ok(b.maxMultiple !== null && b.maxMultiple < lastBisectPass);
    for (const run of state.runs.filter((r) => r.multiple === b.maxMultiple))
      assert.equal(run.verdict, 'pass');
  });
});

describe('capacity search: the generator is never the database\u2019s capacity', () => {
  it('stops at the first generator-bound step, with the bracket below it', () => {
    const oracle = (m: number): StepVerdict => (m >= 8 ? 'generator-bound' : 'pass');
    const { state, multiples } = search({ ...SETTINGS, repeats: 3 }, oracle);
    assert.deepEqual(multiples, [1, 2, 4, 8]);
    assert.equal(state.stop, 'generator');
    assert.deepEqual(bracketOf(state), {
      maxMultiple: 4,
      firstFailingMultiple: null,
      noisy: false,
      generatorBoundAt: 8,
    });
  });
});

describe('capacity search driver', () => {
  it('runs steps through the injected runner and reports each new state', async () => {
    const progress: (number | null)[] = [];
    const result = await runSearch(SETTINGS, {
      runStep: async (m) => ({ verdict: carries(10)(m), multiple: m }),
      onStep: (state) => progress.push(bracketOf(state).maxMultiple),
    });
    assert.equal(result.interrupted, false);
    assert.deepEqual(result.outcomes.map((o) => o.multiple).slice(0, 5), [1, 2, 4, 8, 16]);
    assert.deepEqual(progress.slice(0, 5), [1, 2, 4, 8, 8]);
    assert.equal(result.outcomes.length, result.state.runs.length);
  });

  it('stops on abort, discarding the step it interrupted, with the bracket so far', async () => {
    const controller = new AbortController();
    const result = await runSearch(SETTINGS, {
      signal: controller.signal,
      runStep: async (m) => {
        if (m === 4) controller.abort();
        return { verdict: 'pass' as const };
      },
    });
    assert.equal(result.interrupted, true);
    assert.deepEqual(
      result.state.runs.map((r) => r.multiple),
      [1, 2],
    );
    assert.equal(bracketOf(result.state).maxMultiple, 2);
    assert.equal(result.state.next, 4);
  });
});

describe('capacity search settings', () => {
  it('refuses nonsense with the flag named', () => {
    const bad: [Partial<SearchSettings>, RegExp][] = [
      [{ from: 0 }, /^--from: must be a positive number/],
      [{ max: 0.5 }, /^--max: must be a number at least --from/],
      [{ precision: 1 }, /^--precision: must be between 0 and 1/],
      [{ repeats: 1.5 }, /^--repeats: must be a whole number/],
    ];
    for (const [change, message] of bad) {
      assert.throws(
        () => startSearch({ ...SETTINGS, ...change }),
        (e: unknown) => e instanceof InputError && message.test(e.message),
      );
    }
  });

  it('takes no verdict after it ended', () => {
    const { state } = search(SETTINGS, () => 'generator-bound');
    assert.throws(() => recordStep(state, 'pass'), /after the search ended/);
  });
});
