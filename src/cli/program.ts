import { Command, CommanderError } from 'commander';
import { ExitCode } from '../core/errors.js';
import { TOOL_VERSION } from '../core/version.js';
import { renderError } from './errors.js';
import type { Io } from './io.js';

/** What a command module contributes: it adds its subcommand to the program. */
export type CommandRegistrar = (program: Command, context: CliContext) => void;

export interface CliContext {
  io: Io;
  /** Wraps a command's implementation: its resolved number becomes the exit code. */
  action<A extends unknown[]>(run: (...args: A) => Promise<number>): (...args: A) => Promise<void>;
}

export async function runCli(
  argv: readonly string[],
  io: Io,
  registrars: readonly CommandRegistrar[],
): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = new Command('chatload');
  program
    .description(
      'Load and capacity simulator for Persistent Chat (the Lync Server 2013 model) and its SQL ' +
        'stores: replays SIP-shaped chat traffic against a real database (embedded SQLite by ' +
        'default, or SQL Server) and reports what it sustains.',
    )
    .version(TOOL_VERSION, '-V, --version', 'print the chatload version')
    .helpOption('-h, --help', 'show help for chatload or a command')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text.replace(/\n$/, '')),
      writeErr: (text) => io.err(text.replace(/\n$/, '')),
    })
    .addHelpText(
      'after',
      '\nExit codes: 0 success, 1 unexpected failure, 2 invalid input, 3 target unreachable or\n' +
        'login refused, 99 thresholds crossed or regression found, 130 interrupted (partial\n' +
        'results written).',
    );

  const context: CliContext = {
    io,
    action:
      (run) =>
      async (...args) => {
        exitCode = await run(...args);
      },
  };
  for (const register of registrars) register(program, context);
  for (const command of program.commands) command.exitOverride().showHelpAfterError();

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      ) {
        return ExitCode.ok;
      }
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.invalidInput;
    }
    return renderError(io, error);
  }
}
