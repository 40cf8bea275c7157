/**
 * Whole-number flags are checked while the command line is parsed (commander's argParser), before
 * anything is loaded or opened, and refused with chatload's own error naming the flag (exit 2).
 * Through the CLI's entry point with a captured Io (no child process).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Io } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';
import { registerProvision } from '../../src/cli/provision.js';
import { registerRun } from '../../src/cli/run.js';

async function cli(args: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const io: Io = {
    out: () => undefined,
    err: (text) => void (err += `${text}\n`),
    interactive: false,
    color: false,
  };
  const code = await runCli(args, io, [registerRun, registerProvision]);
  return { code, err };
}

describe('whole-number flags', () => {
  const cases: [string[], string][] = [
    [
      ['run', 'no-such-scenario.ts', '--workers', 'many'],
      '--workers: must be a whole number from 1 to 1024 (got "many")',
    ],
    [
      ['run', 'no-such-scenario.ts', '--connections', '0'],
      '--connections: must be a whole number of at least 1 (got "0")',
    ],
    [
      ['run', 'no-such-scenario.ts', '--pool-size', '4'],
      '--pool-size: was replaced by --connections N: the connections of the whole run, spread over the workers',
    ],
    [
      ['run', 'no-such-scenario.ts', '--seed', '1.5'],
      '--seed: must be a whole number from 0 to 4294967295 (got "1.5")',
    ],
    [
      ['provision', '--scenario', 'no-such-scenario.ts', '--seed', '4294967296'],
      '--seed: must be a whole number from 0 to 4294967295 (got "4294967296")',
    ],
    [
      ['provision', '--history-days', '3651'],
      '--history-days: must be a whole number from 0 to 3650 (got "3651")',
    ],
  ];
  for (const [args, message] of cases) {
    it(`refuses ${args.slice(-2).join(' ')} before loading anything`, async () => {
      const { code, err } = await cli(args);
      assert.equal(code, 2, err);
      assert.equal(err.split('\n')[0], `chatload: error E_INPUT: ${message}`);
    });
  }
});
