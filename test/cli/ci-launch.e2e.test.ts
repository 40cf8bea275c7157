/**
 * How CI should start chatload so that signals reach it: `node_modules/.bin/chatload`, the link
 * npm makes for a dependency, not `npx` / `npm exec` (npm does not pass SIGTERM or SIGINT on;
 * README "Reports and CI"). The README's recipe says so, and the recipe works: started that way,
 * a run stopped by SIGTERM writes its partial results and exits 130.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readResults } from '../../src/metrics/results-file.js';
import { REPO } from './spawn-cli.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatload-ci-launch-'));
});
after(() => rm(dir, { recursive: true, force: true }));

/** The README's nightly-job recipe: the shell block after "A nightly job". */
function nightlyRecipe(): string[] {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const block = /A nightly job[^\n]*\n+```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(block !== undefined, 'README has a nightly-job recipe');
  return block.split('\n').filter((line) => line.trim() !== '');
}

describe('starting chatload in CI', () => {
  it('the README recipe starts chatload directly and keeps the password off the command line', () => {
    const lines = nightlyRecipe();
    const commands = lines.filter(
      (line) => /\bchatload\b/.test(line) && !line.startsWith('export'),
    );
    assert.ok(commands.length >= 2, lines.join('\n'));
    for (const line of commands) {
      assert.match(line, /^node_modules\/\.bin\/chatload /, line);
      assert.doesNotMatch(line, /\bnpx\b|npm exec|--target/, line);
    }
    assert.ok(
      lines.some((line) => /^export CHATLOAD_TARGET=@/.test(line)),
      'the target comes from CHATLOAD_TARGET, read from a file',
    );
  });

  it('started as node_modules/.bin/chatload, a run stopped by SIGTERM keeps its results (130)', async () => {
    // The layout `npm install chatload` makes in a CI project.
    const project = join(dir, 'ci-project');
    mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
    symlinkSync(REPO, join(project, 'node_modules', 'chatload'));
    symlinkSync(
      '../chatload/dist/src/cli/main.js',
      join(project, 'node_modules', '.bin', 'chatload'),
    );
    const scenario = join(project, 'steady.ts');
    await writeFile(
      scenario,
      [
        "import { defineScenario, models } from 'chatload';",
        'export default defineScenario({',
        "  description: 'posts for a minute on null:',",
        '  model: models.lync2013,',
        "  target: { url: 'null:' },",
        '  options: {',
        "    scenarios: { posts: { executor: 'constant-arrival-rate', exec: 'post', rate: 100, duration: '60s' } },",
        '  },',
        '});',
      ].join('\n'),
    );
    const out = join(project, 'run.json');
    const child = spawn(
      'node_modules/.bin/chatload',
      ['run', scenario, '--out', out, '--no-report'],
      {
        cwd: project,
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    let stderr = '';
    let stopped = false;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      if (!stopped && /running for /.test(stderr)) stopped = child.kill('SIGTERM');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 130, stderr);
    assert.match(stderr, /SIGTERM: stopping; partial results will be written/);
    const results = await readResults(out);
    assert.equal(results.run.status, 'interrupted');
    assert.ok(results.run.durationS < 60);
  });
});
