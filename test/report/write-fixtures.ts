/**
 * Regenerates fixtures/results/*.json from fixture-specs.ts through the real metrics pipeline.
 * Run after a change of the results format:
 *   npx tsc -p . && node dist/test/report/write-fixtures.js --write
 * Without --write it only says what it would do (test runners that pick up every file under
 * test/ must not rewrite fixtures).
 */
import { fileURLToPath } from 'node:url';
import { writeResults } from '../../src/metrics/results-file.js';
import { FIXTURES } from './fixture-specs.js';
import { simulateRun } from '../../bench/simulated-run.js';

const DIR = fileURLToPath(new URL('../../../fixtures/results/', import.meta.url));

if (process.argv.includes('--write')) {
  for (const [name, options] of Object.entries(FIXTURES)) {
    await writeResults(`${DIR}${name}`, simulateRun(options));
    console.log(`wrote fixtures/results/${name}`);
  }
} else {
  console.log(`would write ${Object.keys(FIXTURES).join(', ')} to ${DIR}; pass --write to do it`);
}
