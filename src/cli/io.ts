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

export function processIo(): Io {
  const interactive = Boolean(process.stderr.isTTY);
  return {
    out: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    interactive,
    color: interactive && process.env['NO_COLOR'] === undefined,
  };
}
