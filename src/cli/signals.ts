/**
 * Ctrl-C and SIGTERM for long commands: the first signal asks the work to stop cleanly (it
 * finishes what it must, e.g. writing partial results or removing a half-built store) and says
 * so; a second one quits at once.
 */
import { ExitCode } from '../core/errors.js';
import type { Io } from './io.js';

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/**
 * Installs the handlers; returns the uninstaller.
 *
 * @param stopping what the first signal does, e.g. "stopping; partial results will be written"
 */
export function onInterrupt(
  io: Io,
  stopping: string,
  stop: (signal: NodeJS.Signals) => void,
): () => void {
  let count = 0;
  const handler = (signal: NodeJS.Signals) => {
    count++;
    if (count === 1) {
      io.err(`\n${signal}: ${stopping} (again to quit at once)`);
      stop(signal);
      return;
    }
    process.exit(ExitCode.interrupted);
  };
  for (const signal of SIGNALS) process.on(signal, handler);
  return () => {
    for (const signal of SIGNALS) process.off(signal, handler);
  };
}
