/** Worker counts far above the cores are refused and above them warned about, saying why. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { checkWorkerCount, MAX_WORKERS_PER_CORE } from '../../src/run/workers.js';

describe('worker count', () => {
  it('is fine up to the cores', () => {
    assert.equal(checkWorkerCount(1, 2, '--workers'), null);
    assert.equal(checkWorkerCount(2, 2, '--workers'), null);
  });

  it('is warned about above the cores', () => {
    assert.match(
      checkWorkerCount(3, 2, '--workers') ?? '',
      /3 workers on 2 core\(s\).*share the cores/,
    );
    assert.ok(checkWorkerCount(MAX_WORKERS_PER_CORE * 2, 2, '--workers') !== null);
  });

  it('is refused far above the cores, naming where it came from and what to do', () => {
    assert.throws(
      () => checkWorkerCount(1000, 2, 'smoke.ts: workers'),
      (e: unknown) =>
        e instanceof InputError &&
        e.where === 'smoke.ts: workers' &&
        /1000 workers is far more than this machine's 2 core\(s\) \(at most 8/.test(e.message) &&
        /--workers 2/.test(e.hint ?? ''),
    );
  });
});
