/**
 * No code path in src/ may use node-mssql's PreparedStatement (server-side sp_prepare): the
 * project's ESLint config refuses it in every form a module could reach it, and says why.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd: REPO });
const RULES = new Set(['no-restricted-imports', 'no-restricted-properties']);

async function preparedProblems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(REPO, file) });
  assert.ok(result !== undefined);
  return result.messages.filter((m) => RULES.has(m.ruleId ?? '')).map((m) => m.message);
}

describe('PreparedStatement in lint', () => {
  it('rejects it as a named import, a property and a destructured name, with the reason', async () => {
    const problems = await preparedProblems(
      'src/targets/mssql/probe.ts',
      [
        "import sql, { PreparedStatement } from 'mssql';",
        'export const a = PreparedStatement;',
        'export const b = new sql.PreparedStatement();',
        'const { PreparedStatement: P } = sql;',
        'export const c = P;',
        '',
      ].join('\n'),
    );
    assert.equal(problems.length, 3, problems.join('\n'));
    for (const problem of problems) {
      assert.match(problem, /sp_prepare/);
      assert.match(problem, /request\.query\(\) \(sp_executesql\)/);
    }
  });

  it('accepts the parameterized request.query() the targets use', async () => {
    const problems = await preparedProblems(
      'src/targets/mssql/probe.ts',
      [
        "import sql from 'mssql';",
        'export async function run(pool: sql.ConnectionPool): Promise<unknown> {',
        "  return pool.request().input('id', sql.Int(), 1).query('SELECT @id AS id;');",
        '}',
        '',
      ].join('\n'),
    );
    assert.deepEqual(problems, []);
  });
});
