import { asChatloadError, ExitCode } from '../core/errors.js';
import type { Io } from './io.js';

/**
 * The one place errors are printed: `chatload: error E_INPUT: --scale: ...` then the hint. The
 * cause chain is shown only with CHATLOAD_DEBUG=1, since driver messages can be long.
 */
export function renderError(io: Io, error: unknown): number {
  const coded = asChatloadError(error);
  io.err(`chatload: error ${coded.code}: ${coded.message}`);
  if (coded.hint !== undefined) io.err(`  hint: ${coded.hint}`);
  if (process.env['CHATLOAD_DEBUG'] === '1') {
    let cause: unknown = coded.cause;
    while (cause !== undefined && cause !== null) {
      io.err(`  cause: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`);
      cause = cause instanceof Error ? cause.cause : undefined;
    }
  } else if (coded.code === 'E_INTERNAL' && coded.cause instanceof Error) {
    io.err('  (set CHATLOAD_DEBUG=1 to see the stack trace)');
  }
  return coded.exitCode;
}

export { ExitCode };
