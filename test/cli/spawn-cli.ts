/** Runs the built CLI in a child process, as a user would, and captures what it printed. */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
/** The built CLI's entry point. */
export const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ChatloadOptions {
  /** Added to this process's environment (which always gets NO_COLOR). */
  env?: NodeJS.ProcessEnv;
  /** Called with all of stderr so far on every chunk; `interrupt` sends SIGINT (Ctrl-C). */
  onStderr?: (stderr: string, interrupt: () => void) => void;
  /** Run as this user and group (see `unprivileged`). */
  user?: { uid: number; gid: number };
}

/**
 * Who to run as so that file permissions apply: root reads any file, so under root the CLI runs
 * as `nobody` (65534); anyone else runs as themselves.
 */
export const unprivileged: { uid: number; gid: number } | undefined =
  process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

/** `chatload ...args` from the repository root; fails the test if the CLI did not run to an exit. */
export function chatload(args: readonly string[], options: ChatloadOptions = {}): Promise<Outcome> {
  return new Promise<Outcome>((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      cwd: REPO,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      ...options.user,
    });
    let stdout = '';
    let stderr = '';
    // Decoded as a stream: a character split across two chunks stays whole.
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (stdout += chunk));
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      options.onStderr?.(stderr, () => child.kill('SIGINT'));
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === null) reject(new Error(`chatload ${args.join(' ')} did not exit: ${signal}`));
      else resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Runs a shell script in a mount namespace of its own (`unshare`, as root or in a user namespace
 * mapped to root), where it may mount a small tmpfs or make a directory read-only without
 * touching the machine's mounts. `chatload` in the script runs the built CLI.
 */
export function inMountNamespace(script: string): Promise<Outcome> {
  return new Promise<Outcome>((resolve, reject) => {
    const child = spawn(
      'unshare',
      [
        '--user',
        '--map-root-user',
        '--mount',
        'sh',
        '-c',
        `set -u\nchatload() { "$CHATLOAD_NODE" "$CHATLOAD_MAIN" "$@"; }\n${script}`,
      ],
      {
        cwd: REPO,
        env: {
          ...process.env,
          NO_COLOR: '1',
          CHATLOAD_NODE: process.execPath,
          CHATLOAD_MAIN: MAIN,
        },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (stdout += chunk));
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === null) reject(new Error(`unshare did not exit: ${signal}`));
      else resolve({ code, stdout, stderr });
    });
  });
}

/** Why `inMountNamespace` cannot work on this machine, or null when it can. */
export function mountNamespaceUnavailable(): string | null {
  const probe = spawnSync(
    'unshare',
    ['--user', '--map-root-user', '--mount', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs /mnt'],
    { encoding: 'utf8' },
  );
  if (probe.error !== undefined) return `unshare cannot run (${probe.error.message})`;
  if (probe.status !== 0) {
    return `no private mount namespace here (unshare: ${probe.stderr.trim() || `exit ${probe.status}`})`;
  }
  return null;
}
