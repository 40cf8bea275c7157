/** How a finished run ends for the shell, from its results alone (no process needed). */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { runExit } from '../../src/cli/run-exit.js';
import type { ErrorGroup, ResultsFile } from '../../src/metrics/results.js';
import { FIXTURES } from '../report/results-fixtures.js';

async function sample(): Promise<ResultsFile> {
  return JSON.parse(await readFile(`${FIXTURES}sample-run.json`, 'utf8')) as ResultsFile;
}

/** The sample run with every transaction of every operation failed, with these errors. */
async function allFailed(errors: ErrorGroup[]): Promise<ResultsFile> {
  const results = await sample();
  for (const op of Object.values(results.ops)) if (op !== undefined) op.failed = op.count;
  results.errors = errors;
  return results;
}

describe('the exit code of a finished run', () => {
  it('is never 0 when every transaction failed, even without thresholds', async () => {
    const results = await allFailed([
      {
        op: 'post',
        code: 'E_TARGET_PERMISSION',
        message: 'attempt to write a readonly database',
        count: 700,
      },
      { op: 'join', code: 'E_TARGET_TIMEOUT', message: 'database is locked', count: 9 },
    ]);
    results.thresholds = [];
    const { code, errors } = runExit(results, null);
    const [error] = errors;
    assert.equal(code, 3, 'the commonest error decides: a permission problem is exit 3');
    assert.equal(error?.code, 'E_TARGET_PERMISSION');
    assert.match(
      error?.message ?? '',
      /^every one of the run's 5,798 transactions failed \(attempt to write a readonly database\)/,
    );
    const unknown = runExit(await allFailed([]), null);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.errors[0]?.code, 'E_TARGET_UNKNOWN');
  });

  it('is 0 for a completed run with some successes, 99 past a threshold, 130 when interrupted', async () => {
    const results = await sample();
    const post = results.ops.post;
    assert.ok(post !== undefined);
    post.failed = post.count;
    results.thresholds = [];
    assert.deepEqual(runExit(results, null), { code: 0, errors: [] });
    results.thresholds = [
      { metric: 'tx_failed', expr: 'rate<0.01', value: 0.12, ok: false, abortOnFail: false },
    ];
    assert.equal(runExit(results, null).code, 99);
    const stopped = await allFailed([]);
    stopped.run.status = 'interrupted';
    assert.equal(runExit(stopped, null).code, 130);
  });
});
