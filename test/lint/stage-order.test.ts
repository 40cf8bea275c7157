/**
 * The stage order is enforced by `npm run lint`, not remembered: the project's own ESLint config,
 * given a module that imports a later stage, reports it; imports that follow the order pass.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd: REPO });

/** The stage-order messages ESLint reports for `code` written at `file` (repository-relative). */
async function stageProblems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(REPO, file) });
  assert.ok(result !== undefined);
  return result.messages.filter((m) => m.ruleId === 'chatload/stage-order').map((m) => m.message);
}

describe('stage order in lint', () => {
  it('rejects a back-edge: metrics importing the report', async () => {
    const problems = await stageProblems(
      'src/metrics/probe.ts',
      "import { renderReport } from '../report/render-report.js';\nexport const x = renderReport;\n",
    );
    assert.equal(problems.length, 1);
    assert.match(
      problems[0] ?? '',
      /src\/metrics\/probe\.ts may not import src\/report\/render-report\.js/,
    );
    assert.match(problems[0] ?? '', /metrics may import only core, workload\/types/);
  });

  it('rejects the old scenario → workload cycle and a stage reaching past "workload types"', async () => {
    const cycle = await stageProblems(
      'src/scenario/probe.ts',
      "import { ACTIONS } from '../workload/types.js';\nexport const x = ACTIONS;\n",
    );
    assert.equal(cycle.length, 1);
    const pastTypes = await stageProblems(
      'src/targets/sqlite/probe.ts',
      "import { buildWorld } from '../../workload/world.js';\nexport const x = buildWorld;\n",
    );
    assert.equal(pastTypes.length, 1);
    assert.match(pastTypes[0] ?? '', /targets may import only core, model, workload\/types/);
  });

  it('rejects re-exports and dynamic imports of a later stage too', async () => {
    const problems = await stageProblems(
      'src/model/probe.ts',
      "export { startRun } from '../run/run.js';\nexport const later = () => import('../cli/main.js');\n",
    );
    assert.equal(problems.length, 2);
  });

  it('accepts imports that follow the order, within a stage and from core', async () => {
    const problems = await stageProblems(
      'src/targets/sqlite/probe.ts',
      [
        "import { OPS } from '../../core/vocabulary.js';",
        "import type { World } from '../../workload/types.js';",
        "import type { DeploymentModel } from '../../model/types.js';",
        "import { emptyOutcome } from '../outcome.js';",
        'export const x = [OPS, emptyOutcome] as const;',
        'export type Y = World | DeploymentModel;',
        '',
      ].join('\n'),
    );
    assert.deepEqual(problems, []);
  });

  it('names a stage folder missing from the table', async () => {
    const problems = await stageProblems(
      'src/newstage/probe.ts',
      "import { OPS } from '../core/vocabulary.js';\nexport const x = OPS;\n",
    );
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /src\/newstage.*not in the stage table/);
  });

  it('keeps benchmarks independent of test code', async () => {
    const problems = await stageProblems(
      'bench/probe.ts',
      "import { chatload } from '../test/cli/spawn-cli.js';\nexport const x = chatload;\n",
    );
    assert.equal(problems.length, 1);
  });
});
