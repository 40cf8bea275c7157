/**
 * Loads a scenario file (`scenarios/x.ts`, or any path) at run time as TypeScript through tsx's
 * `tsImport`, then validates it. Every failure becomes an InputError naming the file: missing
 * file, syntax error (with line and column), a throw while loading, no default export, a default
 * export that is not a scenario, and every invalid field.
 *
 * `tsImport` evaluates the file (and the `chatload` it imports) in a namespace of its own, so
 * every load is fresh; the scenario reaches us as plain data, recognised by a global-symbol brand.
 */
import { stat } from 'node:fs/promises';
import { register } from 'node:module';
import { resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { InputError, messageOf } from '../core/errors.js';
import { isScenario } from './define.js';
import type { ResolvedScenario } from './resolved.js';
import type { ResolveHookData } from './resolve-hook.js';
import { validateScenario, type ValidateOptions } from './validate.js';

/** `.js` when running compiled from dist/, `.ts` when running the sources under tsx. */
const OWN_EXTENSION = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
let hooksRegistered = false;

function registerHooks(): void {
  if (hooksRegistered) return;
  const data: ResolveHookData = {
    entryUrl: new URL(`../index${OWN_EXTENSION}`, import.meta.url).href,
  };
  register(new URL(`./resolve-hook${OWN_EXTENSION}`, import.meta.url), { data });
  hooksRegistered = true;
}

/**
 * esbuild reports `<path>:<line>:<column>: ERROR: <message>` inside its transform error, with
 * a 1-based line and a 0-based column; editors count columns from 1.
 */
const TRANSFORM_ERROR = /:(\d+):(\d+): ERROR: (.+)/;

function loadFailure(file: string, error: unknown): InputError {
  const message = messageOf(error);
  const syntax = TRANSFORM_ERROR.exec(message);
  if (syntax !== null) {
    return new InputError(
      `${file}:${syntax[1]}:${Number(syntax[2]) + 1}`,
      `syntax error: ${syntax[3]}`,
      { cause: error },
    );
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
    return new InputError(file, `cannot be loaded: ${message}`, {
      cause: error,
      hint: "A scenario may import 'chatload', Node built-ins and packages installed next to it.",
    });
  }
  return new InputError(file, `failed while loading: ${message}`, {
    cause: error,
    hint: 'The scenario file threw an error when it was evaluated; fix the code at the top level of the file.',
  });
}

/** Imports a scenario file and returns its default export, unchecked. */
export async function importScenarioFile(file: string): Promise<unknown> {
  const path = resolvePath(file);
  const found = await stat(path).catch(() => null);
  if (found === null || !found.isFile()) {
    throw new InputError(file, 'no such scenario file', {
      hint: 'Give the path to a scenario script, e.g. scenarios/smoke.ts.',
    });
  }
  registerHooks();
  let namespace: Record<string, unknown>;
  try {
    namespace = (await tsImport(pathToFileURL(path).href, {
      parentURL: import.meta.url,
      tsconfig: false,
    })) as Record<string, unknown>;
  } catch (error) {
    throw loadFailure(file, error);
  }
  if (!('default' in namespace) || namespace['default'] === undefined) {
    throw new InputError(file, 'has no default export', {
      hint: "End the file with `export default defineScenario({ ... })` (import { defineScenario } from 'chatload').",
    });
  }
  return namespace['default'];
}

/** Loads, checks and resolves a scenario file. */
export async function loadScenario(
  file: string,
  options: ValidateOptions = {},
): Promise<ResolvedScenario> {
  const exported = await importScenarioFile(file);
  if (!isScenario(exported)) {
    throw new InputError(file, 'the default export is not a scenario', {
      hint: "Wrap the scenario in defineScenario({ ... }) imported from 'chatload'.",
    });
  }
  return validateScenario(exported, file, options);
}
