/**
 * User baselines: measured runs saved under a name (`chatload baselines save NAME RESULTS.json`)
 * so that later runs and nightly CI compare against them. One JSON file per baseline in the
 * baselines directory: `--dir`, else $CHATLOAD_BASELINES_DIR, else ~/.chatload/baselines. Each
 * keeps the scenario, the target's product, version and hardware, and the full results file.
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { errnoCode, InputError, messageOf } from '../core/errors.js';
import { checkJson, parseJson } from '../core/json-check.js';
import { formatResultsJson, parseResults } from '../metrics/results-file.js';
import type { ResultsFile } from '../metrics/results.js';
import { BASELINE_SCHEMA, SavedBaselineSchema, type SavedBaseline } from './types.js';

export const BASELINES_DIR_ENV = 'CHATLOAD_BASELINES_DIR';

/** The directory baselines live in, by precedence: the flag, the environment, the home default. */
export function baselinesDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (flag !== undefined && flag !== '') return resolve(flag);
  const fromEnv = env[BASELINES_DIR_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  return join(homedir(), '.chatload', 'baselines');
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** A name is a file name in the directory: letters, digits, `_ . -`, no path, no `..`. */
export function validateBaselineName(name: string, where = 'NAME'): string {
  if (!NAME.test(name) || name.includes('..') || name.endsWith('.json')) {
    throw new InputError(
      where,
      `"${name}" is not a valid baseline name (expected 1-64 letters, digits, "_", "." or "-", ` +
        'starting with a letter or digit, without ".json")',
    );
  }
  return name;
}

function fileOf(dir: string, name: string): string {
  return join(dir, `${name}.json`);
}

export function describeBaseline(
  name: string,
  results: ResultsFile,
  source: string,
  savedAt: Date,
): SavedBaseline {
  const { scenario, target } = results;
  return {
    schema: BASELINE_SCHEMA,
    name,
    savedAt: savedAt.toISOString(),
    source,
    scenario: {
      name: scenario.name,
      seed: scenario.seed,
      scale: scenario.scale,
      model: scenario.model.name,
      users: scenario.model.concurrentUsers,
    },
    target: {
      kind: target.kind,
      product: target.product,
      productVersion: target.productVersion,
      edition: target.edition,
      cpus: target.cpus,
      memoryMb: target.memoryMb,
    },
    results,
  };
}

export interface SaveOptions {
  force?: boolean;
  now?: Date;
}

/** Saves atomically; refuses to replace an existing baseline unless `force`. Returns the path. */
export async function saveBaseline(
  dir: string,
  name: string,
  results: ResultsFile,
  source: string,
  options: SaveOptions = {},
): Promise<string> {
  validateBaselineName(name);
  const path = fileOf(dir, name);
  if (options.force !== true && (await exists(path))) {
    throw new InputError(name, `a baseline of this name already exists (${path})`, {
      hint: 'Choose another name, or pass --force to replace it.',
    });
  }
  const saved = describeBaseline(name, results, resolve(source), options.now ?? new Date());
  const temp = join(dir, `.${name}.${process.pid}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temp, `${formatResultsJson(saved)}\n`, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw new InputError(dir, `cannot write the baseline (${messageOf(error)})`, {
      cause: error,
      hint: `Choose another directory with --dir or ${BASELINES_DIR_ENV}.`,
    });
  }
  return path;
}

/** Whether a file is there; a path that cannot be checked (EACCES...) is an error, not "no". */
async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return false;
    throw new InputError(path, `cannot be checked (${messageOf(error)})`, { cause: error });
  }
}

/** Validates a saved baseline document; `where` names the file. */
export function parseSavedBaseline(value: unknown, where: string): SavedBaseline {
  const schema =
    typeof value === 'object' && value !== null
      ? (value as { schema?: unknown }).schema
      : undefined;
  if (schema !== BASELINE_SCHEMA) {
    throw new InputError(
      where,
      `is not a chatload baseline (expected "schema": "${BASELINE_SCHEMA}")`,
    );
  }
  // The results first, so that their own problems (another schema version...) are named as such.
  const results = parseResults((value as { results?: unknown }).results, `${where}: results`);
  const saved = checkJson(SavedBaselineSchema, value, where, {
    what: 'baseline',
    semantic: ({ savedAt }) =>
      Number.isNaN(Date.parse(savedAt))
        ? `field "savedAt" must be an ISO date and time (found ${JSON.stringify(savedAt)})`
        : null,
  });
  // The summary fields are re-derived from the results, so a hand-edited summary cannot lie.
  return describeBaseline(saved.name, results, saved.source, new Date(saved.savedAt));
}

/** Known baseline names in the directory, sorted; none when it does not exist yet. */
export async function baselineNames(dir: string): Promise<string[]> {
  let files: string[];
  try {
    files = await readdir(dir);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return [];
    throw new InputError(dir, `cannot list the baselines directory (${messageOf(error)})`, {
      cause: error,
    });
  }
  return files
    .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
    .map((f) => f.slice(0, -'.json'.length))
    .filter((name) => NAME.test(name))
    .sort();
}

export async function loadBaseline(dir: string, name: string): Promise<SavedBaseline> {
  validateBaselineName(name);
  const path = fileOf(dir, name);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') {
      throw new InputError(path, `cannot be read (${messageOf(error)})`, { cause: error });
    }
    const known = await baselineNames(dir);
    throw new InputError(
      name,
      `no baseline of this name in ${dir} (known: ${known.length === 0 ? 'none' : known.join(', ')})`,
      { cause: error, hint: 'Save one with `chatload baselines save NAME RESULTS.json`.' },
    );
  }
  return parseSavedBaseline(parseJson(text, path), path);
}

export interface BaselineListing {
  name: string;
  baseline?: SavedBaseline;
  /** Why the file could not be read as a baseline. */
  problem?: string;
}

/** Every baseline in the directory; a damaged file is listed with its problem, not fatal. */
export async function listBaselines(dir: string): Promise<BaselineListing[]> {
  const listings: BaselineListing[] = [];
  for (const name of await baselineNames(dir)) {
    try {
      listings.push({ name, baseline: await loadBaseline(dir, name) });
    } catch (error) {
      listings.push({ name, problem: messageOf(error) });
    }
  }
  return listings;
}
