/**
 * `chatload merge`: combines the results of the segments of one run (`--segment I/N`) into one
 * file, exactly where exactness is possible: counts add, HDR histograms merge bucket by bucket
 * and every summary percentile is recomputed from the merged histogram; time series align on
 * `t` and their counts add; thresholds are re-evaluated on the merged data.
 *
 * The one inexact part: per-second percentiles. A file keeps only each second's p50/p95/p99,
 * not its histogram, so a merged second's percentile is the count-weighted mean of the
 * segments' values for that second. The exact value of a percentile of the combined traffic
 * lies between the segments' values, and weighting by count keeps a segment with few
 * transactions in that second from moving it much (the max would overstate it whenever
 * segments differ). The merged file says so in `notes`.
 *
 * Only the segments 0/N .. (N-1)/N of one run merge (numbered as `run --segment` numbers them),
 * every one exactly once: a whole run, a merged file or
 * the same segment twice would count transactions twice, and a missing segment would pass part
 * of a run off as the whole.
 */
import { InputError } from '../core/errors.js';
import { TOOL_VERSION } from '../core/version.js';
import { byCountThenName } from './aggregate.js';
import { decodeHistogram } from './hdr.js';
import {
  RESULTS_SCHEMA,
  type ErrorGroup,
  type ResultsFile,
  type RunStatus,
  type ThresholdResult,
} from './results.js';
import { CellsBuilder, OpsBuilder } from './results-sections.js';
import { resultsView } from './results-view.js';
import { compileThreshold, evaluateThresholds } from './thresholds.js';
import { addAligned, mergeTimeseries } from './timeseries-merge.js';
import { type OpName, ROOM_CLASSES } from '../core/vocabulary.js';

export interface NamedResults {
  /** Where the file came from, for messages. */
  path: string;
  results: ResultsFile;
}

export const MERGED_PERCENTILES_NOTE =
  'Merged file: totals, counts and the summary percentiles are exact (HDR histograms merged); ' +
  'per-second p50/p95/p99 are count-weighted means of the segments\u2019 values for that second.';

export function mergeResults(files: readonly NamedResults[]): ResultsFile {
  const [first] = files;
  if (first === undefined) throw new InputError('merge', 'no results files to merge');
  for (const file of files.slice(1)) refuseDifferentRuns(first, file);
  refuseIncompleteSplit(files);
  const all = files.map((file) => file.results);
  const durationS = Math.max(...all.map((file) => file.run.durationS));
  const t = [...new Set(all.flatMap((file) => file.timeseries.t))].sort((a, b) => a - b);
  const merged: ResultsFile = {
    schema: RESULTS_SCHEMA,
    tool: { name: 'chatload', version: TOOL_VERSION },
    scenario: first.results.scenario,
    target: first.results.target,
    run: mergeRun(all, durationS),
    ops: mergeOps(all, durationS),
    sip: sumRecords(all.map((file) => file.sip)),
    dropped: sum(all.map((file) => file.dropped)),
    retries: sum(all.map((file) => file.retries)),
    timeseries: mergeTimeseries(all, t),
    thresholds: [],
    errors: mergeErrors(all),
    notes: mergeNotes(files),
  };
  if (all.every((file) => file.breakdown !== undefined)) {
    const cells = new CellsBuilder();
    for (const file of all) {
      for (const cell of file.breakdown?.cells ?? []) {
        cells.add({
          ...cell,
          duration: decodeHistogram(cell.hdr),
          service: decodeHistogram(cell.serviceHdr),
        });
      }
    }
    const vus: Record<string, number[]> = {};
    for (const file of all) {
      for (const [scenario, values] of Object.entries(file.breakdown?.vus ?? {})) {
        vus[scenario] = addAligned(
          vus[scenario] ?? new Array<number>(t.length).fill(0),
          values,
          file.timeseries.t,
          t,
        );
      }
    }
    merged.breakdown = {
      cells: cells.build(),
      dropped: sumRecords(all.map((file) => file.breakdown?.dropped ?? {})),
      vus,
    };
  }
  merged.thresholds = mergeThresholds(files, merged);
  return merged;
}

function refuseDifferentRuns(reference: NamedResults, file: NamedResults): void {
  const a = reference.results.scenario;
  const b = file.results.scenario;
  const facts: [string, unknown, unknown][] = [
    ['scenario', a.name, b.name],
    ['seed', a.seed, b.seed],
    ['model', a.model.name, b.model.name],
    ['model size', sizeOf(a.model), sizeOf(b.model)],
    ['scale', a.scale, b.scale],
    ['compliance', a.compliance, b.compliance],
    ['target kind', reference.results.target.kind, file.results.target.kind],
  ];
  for (const [fact, left, right] of facts) {
    if (left !== right) {
      throw new InputError(
        file.path,
        `cannot be merged with ${reference.path}: different ${fact} (${String(right)} vs ` +
          `${String(left)}); merge combines the segments of one run only`,
      );
    }
  }
}

const sizeOf = (model: ResultsFile['scenario']['model']): string =>
  `${model.provisionedUsers} users / ${model.concurrentUsers} concurrent / ${model.rooms} rooms`;

interface Segment {
  index: number;
  count: number;
}

function parseSegment({ path, results }: NamedResults): Segment {
  const text = results.run.segment;
  if (text === null) {
    const merged = (results.notes ?? []).some((note) => note.startsWith('Merged from:'));
    throw new InputError(
      path,
      `is ${merged ? 'a merged file' : 'a whole run'}, not a segment (run.segment is null): ` +
        'merging it with other files would count its transactions twice',
      { hint: 'merge takes the segments of one run, each once: `chatload run --segment I/N`.' },
    );
  }
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || index >= count) {
    throw new InputError(path, `has run.segment "${text}", which is not I/N with 0 <= I < N`);
  }
  return { index, count };
}

/** Every segment I/N of one split, each exactly once: nothing counted twice, nothing missing. */
function refuseIncompleteSplit(files: readonly NamedResults[]): void {
  const seen = new Map<number, string>();
  let split: { count: number; path: string } | undefined;
  for (const file of files) {
    const { index, count } = parseSegment(file);
    if (split !== undefined && count !== split.count) {
      throw new InputError(
        file.path,
        `is segment ${index}/${count}, but ${split.path} splits the run into ${split.count}`,
      );
    }
    split ??= { count, path: file.path };
    const other = seen.get(index);
    if (other !== undefined) {
      throw new InputError(
        file.path,
        `is segment ${index}/${count}, like ${other}: the same segment twice would count it twice`,
      );
    }
    seen.set(index, file.path);
  }
  const count = split?.count ?? 0;
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0) {
    throw new InputError(
      'merge',
      `the run was split into ${count} segments, and ${missing.map((i) => `${i}/${count}`).join(', ')} ` +
        `${missing.length === 1 ? 'is' : 'are'} missing: a merge of part of a run would read as the whole run`,
      { hint: 'Give every segment results file of the run, each once.' },
    );
  }
}

function mergeRun(all: readonly ResultsFile[], durationS: number): ResultsFile['run'] {
  const statuses = all.map((file) => file.run.status);
  const status: RunStatus = statuses.includes('aborted')
    ? 'aborted'
    : statuses.includes('interrupted')
      ? 'interrupted'
      : 'completed';
  return {
    startedAt: all.map((file) => file.run.startedAt).sort()[0] as string,
    durationS,
    workers: sum(all.map((file) => file.run.workers)),
    segment: null,
    interrupted: all.some((file) => file.run.interrupted),
    status,
  };
}

function mergeOps(all: readonly ResultsFile[], durationS: number): ResultsFile['ops'] {
  const ops = new OpsBuilder();
  for (const file of all) {
    for (const [op, result] of Object.entries(file.ops) as [
      OpName,
      NonNullable<ResultsFile['ops'][OpName]>,
    ][]) {
      ops.addOp(
        op,
        result.count,
        result.failed,
        decodeHistogram(result.hdr),
        decodeHistogram(result.serviceHdr),
      );
      for (const roomClass of ROOM_CLASSES) {
        const entry = result.byRoomClass[roomClass];
        if (entry !== undefined)
          ops.addRoomClass(op, roomClass, entry.count, entry.failed, decodeHistogram(entry.hdr));
      }
    }
  }
  return ops.build(durationS);
}

function mergeErrors(all: readonly ResultsFile[]): ErrorGroup[] {
  const groups = new Map<string, ErrorGroup>();
  for (const group of all.flatMap((file) => file.errors)) {
    const id = `${group.op}\u0000${group.code}`;
    const existing = groups.get(id);
    if (existing === undefined) groups.set(id, { ...group });
    else existing.count += group.count;
  }
  return [...groups.values()].sort(byCountThenName);
}

function mergeNotes(files: readonly NamedResults[]): string[] {
  const segments = files.map(
    ({ path, results }) => `${results.run.segment ?? 'whole run'} (${path})`,
  );
  return [
    MERGED_PERCENTILES_NOTE,
    `Merged from: ${segments.join(', ')}.`,
    ...new Set(files.flatMap(({ results }) => results.notes ?? [])),
  ];
}

/**
 * Re-evaluated on the merged data when every file carries its breakdown. Otherwise (files from
 * another producer) a threshold holds only if it held in every file, and its value is unknown.
 */
function mergeThresholds(files: readonly NamedResults[], merged: ResultsFile): ThresholdResult[] {
  const definitions = new Map<string, ThresholdResult & { path: string }>();
  for (const { path, results } of files) {
    for (const result of results.thresholds) {
      const id = `${result.metric}\u0000${result.expr}`;
      const existing = definitions.get(id);
      if (existing === undefined) definitions.set(id, { ...result, path });
      else existing.ok &&= result.ok;
    }
  }
  const view = resultsView(merged);
  if (view === null) {
    merged.notes?.push(
      'Thresholds could not be re-evaluated (a file lacks its breakdown): each holds only if it held in every file.',
    );
    return [...definitions.values()].map(({ metric, expr, ok, abortOnFail }) => ({
      metric,
      expr,
      value: null,
      ok,
      abortOnFail,
    }));
  }
  const thresholds = [...definitions.values()].map((result) =>
    compileThreshold(
      { ...result, delayAbortEvalMs: 0 },
      `${result.path}: thresholds["${result.metric}"]`,
    ),
  );
  return evaluateThresholds(thresholds, view);
}

const sum = (values: readonly number[]): number =>
  values.reduce((total, value) => total + value, 0);

/** Adds count records (`sip`, dropped per scenario) key by key. */
function sumRecords<R extends Partial<Record<string, number>>>(records: readonly R[]): R {
  const total: Record<string, number> = {};
  for (const record of records) {
    for (const [key, value] of Object.entries(record))
      total[key] = (total[key] ?? 0) + (value ?? 0);
  }
  return total as R;
}
