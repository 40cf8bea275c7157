import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';

const IO = new URL('../../src/cli/io.js', import.meta.url).href;

describe('CLI output', () => {
  it('stops quietly when the reader of its output goes away (chatload plan | head -1)', () => {
    // The error a write to a closed pipe raises, raised deterministically in a child that uses the
    // CLI's Io: it must end the process with the exit code decided so far, not a stack trace.
    const script =
      `const { processIo } = await import(${JSON.stringify(IO)});` +
      'processIo(); process.exitCode = 0;' +
      "process.stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));" +
      "setTimeout(() => console.error('still running'), 200);";
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    assert.equal(child.status, 0, child.stderr);
    assert.equal(child.stderr, '');
  });
});
