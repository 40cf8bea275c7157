/**
 * What a run does when an output fails: a SIP trace that cannot be written (a full disk, a path
 * that turns out unwritable once the run has started) costs the trace, never the measurements;
 * a trace path that cannot even be created fails the run before any worker thread starts, and
 * leaves none behind. On `null:` and simulated time.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ChatloadError } from '../../src/core/errors.js';
import { models } from '../../src/model/index.js';
import { startRun, type RunOutcome } from '../../src/run/run.js';
import { defineScenario } from '../../src/scenario/define.js';
import { validateScenario } from '../../src/scenario/validate.js';

let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatload-outputs-'));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const POSTS_PER_S = 50;
const SECONDS = 3;

function run(tracePath: string): Promise<RunOutcome> {
  const scenario = validateScenario(
    defineScenario({
      description: 'outputs test',
      model: {
        base: models.lync2013,
        overrides: {
          population: { provisionedUsers: 2_000, concurrentUsers: 1_000 },
          roomClasses: { large: { usersPerRoom: 500, usersWithGroupAccess: 500 } },
        },
      },
      seed: 3,
      options: {
        scenarios: {
          posts: {
            executor: 'constant-arrival-rate',
            exec: 'post',
            rate: POSTS_PER_S,
            duration: `${SECONDS}s`,
          },
        },
      },
    }),
    'outputs.test.ts',
    {},
  );
  return startRun(
    {
      scenario,
      target: 'null:',
      complianceTarget: null,
      defaultStore: false,
      workers: 3,
      tracePath,
      virtualStepMs: 100,
    },
    () => undefined,
  ).done;
}

/** The measurements are all there, the trace failure is reported and noted in the results. */
function assertTraceLostOnly(outcome: RunOutcome, tracePath: string, cause: RegExp): void {
  const { results, failure, traceFailure } = outcome;
  assert.equal(failure, null);
  assert.equal(results.run.status, 'completed');
  assert.equal(results.ops.post?.count, POSTS_PER_S * SECONDS);
  assert.ok(traceFailure !== null, 'the trace failure is reported');
  assert.equal(traceFailure.code, 'E_OUTPUT');
  assert.equal(traceFailure.exitCode, 1);
  assert.ok(traceFailure.message.includes(tracePath), traceFailure.message);
  assert.match(traceFailure.message, cause);
  const note = (results.notes ?? []).find((n) => n.includes('SIP trace'));
  assert.ok(note !== undefined, `a note about the trace in ${JSON.stringify(results.notes)}`);
  assert.match(note, /incomplete/);
  assert.match(note, cause);
}

/** OS threads of this process (worker threads included); Linux only. */
function threadCount(): number {
  return readdirSync('/proc/self/task').length;
}

describe('run outputs', () => {
  it(
    'keeps every measurement when the trace hits a full disk (/dev/full)',
    {
      skip: existsSync('/dev/full') ? false : 'no /dev/full on this system (Linux only)',
    },
    async () => {
      assertTraceLostOnly(await run('/dev/full'), '/dev/full', /ENOSPC|no space/i);
    },
  );

  it('keeps every measurement when the trace cannot be opened once the run has started', async () => {
    const taken = join(dir, 'a-directory');
    await mkdir(taken);
    assertTraceLostOnly(await run(taken), taken, /EISDIR/);
  });

  it(
    'fails before starting threads when the trace path cannot be created, and leaves none',
    {
      skip: existsSync('/proc/self/task')
        ? false
        : 'no /proc/self/task to count threads (Linux only)',
    },
    async () => {
      const ok = await run(join(dir, 'warm-up.sip'));
      assert.equal(ok.traceFailure, null);
      const before = threadCount();
      const file = join(dir, 'a-file');
      await writeFile(file, 'not a directory');
      await assert.rejects(run(join(file, 'trace.sip')), (error: unknown) => {
        assert.ok(error instanceof ChatloadError, String(error));
        assert.equal(error.code, 'E_OUTPUT');
        assert.match(error.message, /a-file/);
        return true;
      });
      assert.ok(threadCount() <= before, `threads before ${before}, after ${threadCount()}`);
    },
  );
});
