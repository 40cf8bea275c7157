/**
 * Coded errors. Every failure that reaches the user is a {@link ChatloadError}: a stable code,
 * a one-line message that says what and where, a hint that says what to do, the exit code it
 * maps to, and the original error kept as `cause`. Only the CLI prints them.
 */

/** Process exit codes (DESIGN.md "Command line"). */
export const ExitCode = {
  ok: 0,
  unexpected: 1,
  invalidInput: 2,
  targetUnavailable: 3,
  thresholdsCrossed: 99,
  /** Ctrl-C / SIGTERM ended the run; partial results were written (128 + SIGINT). */
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * Stable error codes. `E_TARGET_*` codes classify database failures the same way on every
 * target, so metrics and reports group them without knowing the driver.
 */
export type ErrorCode =
  | 'E_INPUT'
  | 'E_FOREIGN_STORE'
  | 'E_OTHER_WORLD'
  | 'E_NOT_PROVISIONED'
  | 'E_STORE_IN_USE'
  | 'E_TARGET_UNREACHABLE'
  | 'E_TARGET_LOGIN'
  | 'E_TARGET_TLS'
  | 'E_TARGET_PERMISSION'
  | 'E_TARGET_DEADLOCK'
  | 'E_TARGET_TIMEOUT'
  | 'E_TARGET_CONSTRAINT'
  | 'E_TARGET_UNKNOWN'
  | 'E_OUTPUT'
  | 'E_INTERRUPTED'
  | 'E_INTERNAL';

const EXIT_BY_CODE: Record<ErrorCode, ExitCode> = {
  E_INPUT: ExitCode.invalidInput,
  E_FOREIGN_STORE: ExitCode.invalidInput,
  /** The store is chatload's, provisioned from another world (model, seed, history, schema). */
  E_OTHER_WORLD: ExitCode.invalidInput,
  E_NOT_PROVISIONED: ExitCode.invalidInput,
  // Another process is changing the store: unavailable for now, as an unreachable server is.
  E_STORE_IN_USE: ExitCode.targetUnavailable,
  E_TARGET_UNREACHABLE: ExitCode.targetUnavailable,
  E_TARGET_LOGIN: ExitCode.targetUnavailable,
  E_TARGET_TLS: ExitCode.targetUnavailable,
  E_TARGET_PERMISSION: ExitCode.targetUnavailable,
  E_TARGET_DEADLOCK: ExitCode.unexpected,
  E_TARGET_TIMEOUT: ExitCode.unexpected,
  E_TARGET_CONSTRAINT: ExitCode.unexpected,
  E_TARGET_UNKNOWN: ExitCode.unexpected,
  /** An output (results, report, trace) could not be written: an I/O failure, not bad input. */
  E_OUTPUT: ExitCode.unexpected,
  E_INTERRUPTED: ExitCode.interrupted,
  E_INTERNAL: ExitCode.unexpected,
};

export interface ChatloadErrorOptions {
  /** What the user can do about it. */
  hint?: string;
  /** The underlying error (driver error, parse error...). Never printed with secrets. */
  cause?: unknown;
}

export class ChatloadError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: ChatloadErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ChatloadError';
    this.code = code;
    this.hint = options.hint;
  }

  get exitCode(): ExitCode {
    return EXIT_BY_CODE[this.code];
  }
}

/**
 * Invalid input at the edge: a flag, a scenario field, a target URL, a file. `where` names the
 * place (`--scale`, `scenarios/x.ts: options.scenarios.steady.rate`, `results.json`).
 */
export class InputError extends ChatloadError {
  readonly where: string;

  constructor(where: string, problem: string, options: ChatloadErrorOptions = {}) {
    super('E_INPUT', `${where}: ${problem}`, options);
    this.name = 'InputError';
    this.where = where;
  }
}

/** Kinds of database failure, shared by every target (see `TargetErrorKind` codes below). */
export const TargetErrorKind = {
  none: 0,
  unreachable: 1,
  login: 2,
  permission: 3,
  deadlock: 4,
  timeout: 5,
  constraint: 6,
  unknown: 7,
  tls: 8,
} as const;
export type TargetErrorKind = (typeof TargetErrorKind)[keyof typeof TargetErrorKind];
export type TargetErrorKindName = keyof typeof TargetErrorKind;

const CODE_BY_KIND: Record<TargetErrorKindName, ErrorCode> = {
  none: 'E_TARGET_UNKNOWN',
  unreachable: 'E_TARGET_UNREACHABLE',
  login: 'E_TARGET_LOGIN',
  permission: 'E_TARGET_PERMISSION',
  deadlock: 'E_TARGET_DEADLOCK',
  timeout: 'E_TARGET_TIMEOUT',
  constraint: 'E_TARGET_CONSTRAINT',
  unknown: 'E_TARGET_UNKNOWN',
  tls: 'E_TARGET_TLS',
};

/** The error code a failure of this kind carries, for tallies that hold only the kind. */
export function errorCodeOfKind(kind: TargetErrorKindName): ErrorCode {
  return CODE_BY_KIND[kind];
}

/** Names indexed by numeric kind, for the compact per-transaction outcome arrays. */
export const TARGET_ERROR_KIND_NAMES: readonly TargetErrorKindName[] = Object.entries(
  TargetErrorKind,
)
  .sort((a, b) => a[1] - b[1])
  .map(([name]) => name as TargetErrorKindName);

/** A database failure, classified. The driver's own error stays available as `cause`. */
export class TargetError extends ChatloadError {
  readonly kind: TargetErrorKindName;

  constructor(kind: TargetErrorKindName, message: string, options: ChatloadErrorOptions = {}) {
    super(errorCodeOfKind(kind), message, options);
    this.name = 'TargetError';
    this.kind = kind;
  }
}

/** The message of anything thrown (a library may throw a string or a plain object). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The code of a failed system call (`ENOENT`, `EACCES`...), when the error carries one. */
export function errnoCode(error: unknown): string | undefined {
  return typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string'
    ? error.code
    : undefined;
}

/** Turns anything thrown into a ChatloadError without losing the original. */
export function asChatloadError(error: unknown): ChatloadError {
  if (error instanceof ChatloadError) return error;
  return new ChatloadError('E_INTERNAL', messageOf(error), {
    cause: error,
    hint: 'This is a bug in chatload; please report it with the command that triggered it.',
  });
}
