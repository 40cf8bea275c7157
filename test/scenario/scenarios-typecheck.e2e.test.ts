import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

test('the shipped scenarios type-check against the public API (tsconfig.scenarios.json)', () => {
  const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.scenarios.json'], {
    cwd: REPO,
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, `tsc reported:\n${result.stdout}${result.stderr}`);
});
