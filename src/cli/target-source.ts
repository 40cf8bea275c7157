/**
 * Where a command's database comes from: its flag, else an environment variable, so that CI can
 * keep passwords off command lines (npm writes those to its debug log, and `ps` shows them).
 * Either may hold the target itself or `@FILE`, naming a file that holds it (a mounted secret).
 * Errors name the flag, the variable or the file, never the text: it may hold a password.
 */
import { readFileSync } from 'node:fs';
import { errnoCode, InputError, messageOf } from '../core/errors.js';

export const TARGET_ENV = {
  target: 'CHATLOAD_TARGET',
  complianceTarget: 'CHATLOAD_COMPLIANCE_TARGET',
} as const;

const FLAG = { target: '--target', complianceTarget: '--compliance-target' } as const;

export type TargetOption = keyof typeof TARGET_ENV;

export interface TargetText {
  text: string;
  /** Where it came from, for messages: `--target`, `CHATLOAD_TARGET`, `--target @FILE`. */
  where: string;
}

function fromFile(path: string, where: string): TargetText {
  const place = `${where} @${path}`;
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(place, `cannot be read (${errnoCode(error) ?? messageOf(error)})`, {
      cause: error,
    });
  }
  const lines = content.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length !== 1) {
    throw new InputError(
      place,
      `must hold exactly one target on one line (it holds ${lines.length} non-empty lines)`,
    );
  }
  return { text: (lines[0] as string).trim(), where: place };
}

function resolveValue(value: string, where: string): TargetText {
  return value.startsWith('@') ? fromFile(value.slice(1), where) : { text: value, where };
}

/**
 * The target given by `--target` / `--compliance-target`, else by its environment variable;
 * null when neither is set (the scenario's target or the default applies).
 */
export function chosenTarget(
  option: TargetOption,
  flagValue: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): TargetText | null {
  if (flagValue !== undefined) return resolveValue(flagValue, FLAG[option]);
  const name = TARGET_ENV[option];
  const value = env[name];
  if (value === undefined) return null;
  if (value.trim() === '') {
    throw new InputError(name, 'is set but empty (a CI secret that is not defined?)', {
      hint: `Set ${name} to a target, or unset it to use the scenario's or the default target.`,
    });
  }
  return resolveValue(value, name);
}

/** For --help: how the options may also be given. */
export const TARGET_SOURCES_HELP = `Targets from the environment (CI): --target and --compliance-target may also come from
${TARGET_ENV.target} and ${TARGET_ENV.complianceTarget} (the flag wins), and each may be @FILE, a
file holding the target on one line. Use these for a target with a password: on the command
line it would show in \`ps\` and in npm's debug log.`;
