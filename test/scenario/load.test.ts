import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../src/core/errors.js';
import { compileThreshold } from '../../src/metrics/threshold-parser.js';
import { loadScenario } from '../../src/scenario/load.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
let dir: string;

async function scenarioFile(name: string, source: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, source);
  return file;
}

async function rejectsWith(file: string, where: string, problem: RegExp): Promise<void> {
  await assert.rejects(loadScenario(file), (error: unknown) => {
    assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
    assert.equal(error.where, where);
    assert.match(error.message, problem);
    assert.equal(error.exitCode, 2);
    return true;
  });
}

before(async () => {
  // A directory outside the repository, with no package.json: 'chatload' is not installed here.
  dir = await mkdtemp(join(tmpdir(), 'chatload-scenario-'));
  assert.ok(!dir.startsWith(REPO));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadScenario', () => {
  test("loads a TypeScript scenario outside the repository that imports 'chatload'", async () => {
    await scenarioFile(
      'helper.ts',
      'export const steadyRate: number = 12;\nexport type Unused = { a: string };\n',
    );
    const file = await scenarioFile(
      'outside.ts',
      [
        "import { defineScenario, models, type ExecutorConfig } from 'chatload';",
        "import { steadyRate } from './helper.ts';",
        "const steady: ExecutorConfig = { executor: 'constant-arrival-rate', exec: 'post', rate: steadyRate, duration: '30s' };",
        'export default defineScenario({',
        "  description: 'outside the repo',",
        '  model: models.lync2013,',
        '  seed: 9,',
        '  options: { scenarios: { steady } },',
        '});',
      ].join('\n'),
    );
    const resolved = await loadScenario(file);
    assert.equal(resolved.name, 'outside');
    assert.equal(resolved.file, file);
    assert.equal(resolved.seed, 9);
    assert.equal(resolved.model.population.concurrentUsers, 80_000);
    const [steady] = resolved.executors;
    assert.ok(steady?.executor === 'constant-arrival-rate');
    assert.equal(steady.rate, 12);
    assert.equal(steady.durationMs, 30_000);
  });

  test('a missing file', async () => {
    const file = join(dir, 'nope.ts');
    await rejectsWith(file, file, /no such scenario file/);
  });

  test('a syntax error names the line and column', async () => {
    const file = await scenarioFile(
      'syntax.ts',
      "import { defineScenario } from 'chatload';\nconst x: number = ;\n",
    );
    await rejectsWith(file, `${file}:2:19`, /syntax error: Unexpected ";"/);
  });

  test('a throw while loading', async () => {
    const file = await scenarioFile(
      'throws.ts',
      "throw new Error('boom at load');\nexport default 1;\n",
    );
    await rejectsWith(file, file, /failed while loading: boom at load/);
  });

  test('no default export', async () => {
    const file = await scenarioFile('nodefault.ts', 'export const options = {};\n');
    await rejectsWith(file, file, /has no default export/);
  });

  test('a default export that is not a scenario', async () => {
    const file = await scenarioFile(
      'plain.ts',
      "export default { description: 'x', options: {} };\n",
    );
    await rejectsWith(file, file, /the default export is not a scenario/);
  });

  test('an import that cannot be resolved', async () => {
    const file = await scenarioFile(
      'badimport.ts',
      "import 'chatload-helpers-that-do-not-exist';\nexport default 1;\n",
    );
    await rejectsWith(file, file, /cannot be loaded: .*chatload-helpers-that-do-not-exist/);
  });

  test('an invalid field is reported with the file', async () => {
    const file = await scenarioFile(
      'invalid.ts',
      [
        "import { defineScenario, models } from 'chatload';",
        'export default defineScenario({',
        "  description: 'bad rate',",
        '  model: models.lync2013,',
        "  options: { scenarios: { steady: { executor: 'constant-arrival-rate', exec: 'post', rate: -5 as number, duration: '1m' } } },",
        '});',
      ].join('\n'),
    );
    await rejectsWith(
      file,
      `${file}: options.scenarios.steady.rate`,
      /must be a positive number \(got -5\)/,
    );
  });
});

describe('the shipped scenarios', () => {
  test('every file in scenarios/ loads and validates, thresholds included', async () => {
    const files = (await readdir(join(REPO, 'scenarios'))).filter((f) => f.endsWith('.ts'));
    for (const expected of [
      'smoke.ts',
      'lync2013-user-model.ts',
      'morning-peak.ts',
      'history-heavy.ts',
      'compliance.ts',
    ]) {
      assert.ok(files.includes(expected), `scenarios/${expected} exists`);
    }
    for (const file of files) {
      const resolved = await loadScenario(join(REPO, 'scenarios', file), {
        checkThreshold: compileThreshold,
      });
      assert.ok(resolved.description.length > 80, `${file} explains itself`);
      assert.ok(resolved.executors.length > 0);
      assert.ok(resolved.thresholds.length > 0, `${file} has thresholds`);
    }
  });
});
