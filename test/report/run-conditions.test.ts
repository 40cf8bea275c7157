/**
 * The connections a run opened and the time its target was unavailable reach the results file
 * (read back through the validating reader), the terminal summary and the report's header; a
 * file written before chatload reported them reads and shows as it did.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { parseResults } from '../../src/metrics/results-file.js';
import type { ResultsFile } from '../../src/metrics/results.js';
import { runFacts } from '../../src/report/header.js';
import { renderRunSummary } from '../../src/report/run-summary.js';
import { FIXTURES } from './results-fixtures.js';

const old = JSON.parse(await readFile(`${FIXTURES}sample-run.json`, 'utf8')) as ResultsFile;

function throughReader(run: Partial<ResultsFile['run']>): ResultsFile {
  const file = { ...old, run: { ...old.run, ...run } };
  return parseResults(JSON.parse(JSON.stringify(file)), 'run.json');
}

const fact = (results: ResultsFile, label: string) =>
  runFacts(results).find(([l]) => l === label)?.[1];

describe('run conditions in results, summary and report', () => {
  it('show the connections opened and the periods the target was unavailable', () => {
    const results = throughReader({
      status: 'completed',
      connections: { store: 8, compliance: 2 },
      unavailable: {
        totalS: 14.5,
        periods: [
          {
            startS: 31,
            endS: 43.5,
            kinds: ['unreachable', 'login'],
            reconnectAttempts: 9,
            ongoing: false,
          },
          { startS: 58, endS: 60, kinds: ['unreachable'], reconnectAttempts: 1, ongoing: true },
        ],
      },
    });
    const summary = renderRunSummary(results);
    assert.match(summary, /^conns {4}8 to the store, 2 to the compliance store$/m);
    assert.match(
      summary,
      /^target unavailable 14\.5 s in 2 period\(s\): 0:31–0:44 \(unreachable, login; 9 reconnect attempts\); 0:58–end \(unreachable; 1 reconnect attempt\) still unavailable when the run ended$/m,
    );
    assert.equal(fact(results, 'connections'), '8 to the store, 2 to the compliance store');
    assert.match(
      fact(results, 'target unavailable') ?? '',
      /^<strong class="fail">14\.5 s in 2 period/,
    );
  });

  it('refuse a malformed unavailable section when reading a file', () => {
    assert.throws(
      () =>
        throughReader({
          unavailable: { totalS: 1, periods: [{ startS: 1 } as never] },
        }),
      /run\.unavailable\.periods\[0\]\.endS/,
    );
  });

  it('say nothing for files without them', () => {
    const results = throughReader({});
    assert.equal(results.run.connections, undefined);
    assert.doesNotMatch(renderRunSummary(results), /conns|unavailable/);
    assert.equal(fact(results, 'connections'), undefined);
    assert.equal(fact(results, 'target unavailable'), undefined);
  });
});
