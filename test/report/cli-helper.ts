/** Runs the built CLI in a child process, as a user would, and captures what it printed. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const run = promisify(execFile);

export const FIXTURES = fileURLToPath(new URL('../../../fixtures/results/', import.meta.url));

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

export async function chatload(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [MAIN, ...args], {
      env: { ...process.env, NO_COLOR: '1', ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    assert.equal(typeof failed.code, 'number', `chatload ${args.join(' ')} did not run`);
    return {
      code: failed.code as number,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? '',
    };
  }
}

/** Bad inputs every results-reading command must refuse with exit 2, naming file and problem. */
export async function badInputs(
  dir: string,
): Promise<{ name: string; file: string; problem: RegExp }[]> {
  const notResults = join(dir, 'package.json');
  await writeFile(notResults, JSON.stringify({ name: 'something-else', version: '1.0.0' }));
  const future = join(dir, 'future.json');
  const sample = JSON.parse(await readFile(`${FIXTURES}sample-run.json`, 'utf8'));
  await writeFile(future, JSON.stringify({ ...sample, schema: 'chatload/results@9' }));
  const garbage = join(dir, 'garbage.json');
  await writeFile(garbage, '{"schema": "chatload/results@1", ');
  return [
    { name: 'a missing file', file: join(dir, 'missing.json'), problem: /no such file/ },
    {
      name: 'a file that is not a results file',
      file: notResults,
      problem: /is not a chatload results file/,
    },
    {
      name: 'an unknown schema version',
      file: future,
      problem: /schema version "chatload\/results@9"/,
    },
    { name: 'a file that is not JSON', file: garbage, problem: /is not JSON/ },
  ];
}
