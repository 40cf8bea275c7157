/**
 * What `--baseline NAME|FILE` names: a file (a results file, a saved baseline or a catalog
 * class), else a class of the catalog, else a saved user baseline. An argument that names
 * nothing is an input error listing what exists.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { errnoCode, InputError, messageOf } from '../core/errors.js';
import { parseJson } from '../core/json-check.js';
import { parseResults } from '../metrics/results-file.js';
import type { ResultsFile } from '../metrics/results.js';
import { CATALOG_DIR, findClass, listClasses, parseBaselineClass } from './catalog.js';
import { baselineNames, loadBaseline, parseSavedBaseline } from './store.js';
import { BASELINE_CLASS_SCHEMA, BASELINE_SCHEMA, type BaselineClass } from './types.js';

export type ResolvedBaseline =
  | { kind: 'class'; baselineClass: BaselineClass }
  | {
      kind: 'measured';
      label: string;
      results: ResultsFile;
      /** The saved baseline's name; null when the argument was a results file. */
      savedName: string | null;
    };

/** Errors that say "no such file here": the argument may still name a class or a baseline. */
const NOT_A_FILE = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'ENAMETOOLONG']);

async function readJson(path: string): Promise<unknown | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (NOT_A_FILE.has(errnoCode(error) ?? '')) return undefined;
    // A file that is there but unreadable (EACCES...) is reported as it is, not as missing.
    throw new InputError(path, `cannot be read (${messageOf(error)})`, { cause: error });
  }
  return parseJson(text, path);
}

function schemaOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null
    ? (value as { schema?: unknown }).schema
    : undefined;
}

export interface ResolveOptions {
  /** The user baselines directory (see `baselinesDir`). */
  dir: string;
  catalogDir?: string;
  where?: string;
}

export async function resolveBaseline(
  arg: string,
  options: ResolveOptions,
): Promise<ResolvedBaseline> {
  const where = options.where ?? '--baseline';
  const catalogDir = options.catalogDir ?? CATALOG_DIR;
  const fromFile = await readJson(arg);
  if (fromFile !== undefined) {
    const schema = schemaOf(fromFile);
    if (schema === BASELINE_CLASS_SCHEMA) {
      return { kind: 'class', baselineClass: parseBaselineClass(arg, fromFile) };
    }
    if (schema === BASELINE_SCHEMA) {
      const saved = parseSavedBaseline(fromFile, arg);
      return {
        kind: 'measured',
        label: `baseline ${saved.name}`,
        results: saved.results,
        savedName: saved.name,
      };
    }
    return {
      kind: 'measured',
      label: basename(arg),
      results: parseResults(fromFile, arg),
      savedName: null,
    };
  }
  if (/[\\/]/.test(arg) || arg.toLowerCase().endsWith('.json')) {
    throw new InputError(
      arg,
      'no such file (expected a results file, a saved baseline or a class file)',
    );
  }
  const cls = findClass(arg, catalogDir);
  if (cls !== undefined) return { kind: 'class', baselineClass: cls };
  const saved = await baselineNames(options.dir);
  if (saved.includes(arg)) {
    const baseline = await loadBaseline(options.dir, arg);
    return {
      kind: 'measured',
      label: `baseline ${arg}`,
      results: baseline.results,
      savedName: arg,
    };
  }
  const classes = listClasses(catalogDir).map((c) => c.name);
  throw new InputError(
    where,
    `"${arg}" is neither a file, a hardware class (${classes.join(', ')}) nor a saved baseline in ` +
      `${options.dir} (${saved.length === 0 ? 'none saved' : saved.join(', ')})`,
    {
      hint: 'Give a results file, a class name, or save a baseline with `chatload baselines save`.',
    },
  );
}
