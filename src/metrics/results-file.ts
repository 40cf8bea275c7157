/**
 * The results file: built from the aggregate and the run's facts, written atomically, read back
 * with validation (every problem an InputError naming the file), and merged across segments
 * (results-merge.ts). The contract is `ResultsFile` in results.ts.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { errnoCode, InputError, messageOf } from '../core/errors.js';
import { parseJson } from '../core/json-check.js';
import { TOOL_VERSION } from '../core/version.js';
import type { Aggregate } from './aggregate.js';
import { redactSecrets } from './redact.js';
import { RESULTS_SCHEMA, type ResultsFile } from './results.js';
import { checkResults } from './results-check.js';
import { encodeCell, OpsBuilder } from './results-sections.js';
import { resultsView } from './results-view.js';
import { evaluateThresholds, type Threshold } from './thresholds.js';

export { mergeResults, MERGED_PERCENTILES_NOTE, type NamedResults } from './results-merge.js';
export { redactSecrets } from './redact.js';

/** Schema versions this chatload reads. */
export const KNOWN_RESULTS_SCHEMAS: readonly string[] = [RESULTS_SCHEMA];

/** What the run knows besides the measurements. */
export interface RunFacts {
  scenario: ResultsFile['scenario'];
  /** Server facts and the target's (printable) description; redacted again here regardless. */
  target: ResultsFile['target'];
  run: ResultsFile['run'];
  /** Evaluated on the finished file's data (see results-view.ts). */
  thresholds: readonly Threshold[];
  baseline?: unknown;
}

/**
 * The results file of a finished (or interrupted) run. Completes the aggregate's last seconds
 * first, so it is safe to call once every recorder has sent its final snapshot.
 */
export function buildResults(aggregate: Aggregate, facts: RunFacts): ResultsFile {
  aggregate.finish();
  const cells = aggregate.cells();
  const ops = new OpsBuilder();
  for (const cell of cells) {
    ops.addOp(cell.op, cell.count, cell.failed, cell.duration, cell.service);
    if (cell.roomClass !== null) {
      ops.addRoomClass(cell.op, cell.roomClass, cell.count, cell.failed, cell.duration);
    }
  }
  const { series, vusByScenario } = aggregate.timeseries();
  const notes: string[] = [];
  if (aggregate.clampedLatencies > 0) {
    notes.push(
      `${aggregate.clampedLatencies} latency values fell outside 1 µs .. 1 h and were clamped ` +
        'into that range (or, when not a number, left out of the histograms).',
    );
  }
  const file: ResultsFile = {
    schema: RESULTS_SCHEMA,
    tool: { name: 'chatload', version: TOOL_VERSION },
    scenario: facts.scenario,
    target: redactTarget(facts.target),
    run: facts.run,
    ops: ops.build(facts.run.durationS),
    sip: aggregate.sipCounts(),
    dropped: aggregate.totals().dropped,
    retries: aggregate.retries,
    timeseries: series,
    thresholds: [],
    errors: aggregate
      .errorGroups()
      .map((group) => ({ ...group, message: redactSecrets(group.message) })),
    breakdown: {
      cells: cells.map(encodeCell),
      dropped: aggregate.droppedPerScenario(),
      vus: vusByScenario,
    },
    notes,
  };
  if (facts.baseline !== undefined) file.baseline = facts.baseline;
  const view = resultsView(file);
  if (view !== null) file.thresholds = evaluateThresholds(facts.thresholds, view);
  return file;
}

function redactTarget(target: ResultsFile['target']): ResultsFile['target'] {
  return {
    ...target,
    description: redactSecrets(target.description),
    unknown: target.unknown.map((fact) => ({ ...fact, reason: redactSecrets(fact.reason) })),
    compliance:
      target.compliance === null
        ? null
        : { ...target.compliance, description: redactSecrets(target.compliance.description) },
  };
}

/**
 * JSON with two-space indentation, except that arrays of numbers (the per-second series) stay
 * on one line: an hour-long run stays small on disk and still reads well.
 */
export function formatResultsJson(value: unknown, indent = ''): string {
  if (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object')) {
    return JSON.stringify(value);
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = `${indent}  `;
  const parts = Array.isArray(value)
    ? value.map((item) => `${inner}${formatResultsJson(item, inner)}`)
    : Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => `${inner}${JSON.stringify(key)}: ${formatResultsJson(item, inner)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return parts.length === 0
    ? `${open}${close}`
    : `${open}\n${parts.join(',\n')}\n${indent}${close}`;
}

let tempCounter = 0;

/**
 * Writes atomically (a temp file in the same directory, then rename); creates directories.
 * `flag` names the option that chose the path, for the hint when writing fails.
 */
export async function writeResults(
  path: string,
  results: ResultsFile,
  flag = '--out',
): Promise<void> {
  const directory = dirname(path);
  const temp = join(directory, `.${basename(path)}.${process.pid}.${tempCounter++}.tmp`);
  try {
    await mkdir(directory, { recursive: true });
    await writeFile(temp, `${formatResultsJson(results)}\n`, 'utf8');
    await rename(temp, path);
  } catch (error) {
    // Cleanup must not hide the write's own error (rm throws ENOTDIR when the parent is a file).
    await rm(temp, { force: true }).catch(() => undefined);
    throw new InputError(path, `cannot write the results file (${messageOf(error)})`, {
      cause: error,
      hint: `Choose another ${flag} path, or check that the directory exists, is writable and has space.`,
    });
  }
}

/** Reads and validates a results file; every problem is an InputError naming the file. */
export async function readResults(path: string): Promise<ResultsFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = errnoCode(error);
    throw new InputError(
      path,
      code === 'ENOENT'
        ? 'no such file (expected a results file written by `chatload run --out`)'
        : `cannot be read (${messageOf(error)})`,
      { cause: error },
    );
  }
  return parseResults(parseJson(text, path), path);
}

/** Validates an already parsed document as a results file; `where` names its origin. */
export function parseResults(value: unknown, where: string): ResultsFile {
  const schema =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)['schema']
      : undefined;
  if (typeof schema !== 'string' || !schema.startsWith('chatload/results@')) {
    throw new InputError(
      where,
      `is not a chatload results file (expected a JSON object with "schema": "${RESULTS_SCHEMA}"` +
        `${schema === undefined ? '' : `; found schema ${JSON.stringify(schema)}`})`,
    );
  }
  if (!KNOWN_RESULTS_SCHEMAS.includes(schema)) {
    throw new InputError(
      where,
      `has schema version "${schema}", which chatload ${TOOL_VERSION} does not know ` +
        `(known: ${KNOWN_RESULTS_SCHEMAS.join(', ')})`,
      { hint: 'Read it with the chatload version that wrote it, or upgrade chatload.' },
    );
  }
  return checkResults(value, where);
}
