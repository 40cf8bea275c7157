/** The results-file fixtures, and the bad inputs every results-reading command must refuse. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../../../fixtures/results/', import.meta.url));

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
