/**
 * The CLI's only way to print. Commands write through an Io so tests can capture output, and so
 * that printing stays in src/cli.
 */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is an interactive terminal (live progress, colours). */
  readonly interactive: boolean;
  readonly color: boolean;
}

/**
 * A reader that goes away (`chatload plan | head`) is not an error of chatload's: stop quietly
 * with the exit code decided so far instead of a stack trace.
 */
function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

export function processIo(): Io {
  exitQuietlyOnClosedPipe(process.stdout);
  exitQuietlyOnClosedPipe(process.stderr);
  const interactive = Boolean(process.stderr.isTTY);
  return {
    out: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    interactive,
    color: interactive && process.env['NO_COLOR'] === undefined,
  };
}
