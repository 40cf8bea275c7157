/**
 * `writeReport`: results files in, one self-contained HTML file out. `chatload report`, `run
 * --report` and `npm start` all come through here. A single run is compared with a hardware class
 * (the documented back-end class unless another is named) and, when given, with a measured
 * baseline; several runs are shown side by side, a measured baseline first among them.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DEFAULT_CLASS, findClass } from '../baselines/catalog.js';
import { compareWithClass } from '../baselines/compare-class.js';
import type { ResolvedBaseline } from '../baselines/resolve.js';
import { InputError, messageOf } from '../core/errors.js';
import type { ResultsFile } from '../metrics/results.js';
import { compareRuns } from './compare.js';
import { renderReport } from './render-report.js';
import type { RunInput } from './run-input.js';

export interface WriteReportOptions {
  /** Where to write the HTML. */
  out: string;
  /** How each results file is named in the page (default: run 1, run 2, ...). */
  labels?: readonly string[];
  baseline?: ResolvedBaseline;
  /** Regression budget against a measured baseline, as a fraction (default 0.1). */
  maxRegression?: number;
  now?: Date;
}

/** Unique labels: a repeated file name gets its position appended. */
export function uniqueLabels(labels: readonly string[]): string[] {
  return labels.map((label, i) =>
    labels.indexOf(label) === i && labels.lastIndexOf(label) === i ? label : `${label} (#${i + 1})`,
  );
}

export function renderReportFor(
  results: readonly ResultsFile[],
  options: Omit<WriteReportOptions, 'out'>,
): string {
  const labels = uniqueLabels(results.map((_, i) => options.labels?.[i] ?? `run ${i + 1}`));
  const runs: RunInput[] = results.map((r, i) => ({ label: labels[i] as string, results: r }));
  const generatedAt = options.now ?? new Date();
  const baseline = options.baseline;
  const [only] = runs;
  if (runs.length === 1 && only !== undefined) {
    const cls = baseline?.kind === 'class' ? baseline.baselineClass : findClass(DEFAULT_CLASS);
    return renderReport(runs, {
      generatedAt,
      ...(cls === undefined ? {} : { classComparison: compareWithClass(cls, only.results) }),
      ...(baseline?.kind === 'measured'
        ? {
            measured: {
              label: baseline.label,
              result: compareRuns(baseline.results, only.results, {
                maxRegression: options.maxRegression ?? 0.1,
              }),
            },
          }
        : {}),
    });
  }
  const withBaseline =
    baseline?.kind === 'measured'
      ? [{ label: baseline.label, results: baseline.results }, ...runs]
      : runs;
  return renderReport(withBaseline, { generatedAt });
}

/** Renders and writes atomically; returns the path written. */
export async function writeReport(
  results: readonly ResultsFile[],
  options: WriteReportOptions,
): Promise<string> {
  if (results.length === 0) throw new InputError('report', 'no results files to report on');
  const html = renderReportFor(results, options);
  const temp = join(dirname(options.out), `.${basename(options.out)}.${process.pid}.tmp`);
  try {
    await mkdir(dirname(options.out), { recursive: true });
    await writeFile(temp, html, 'utf8');
    await rename(temp, options.out);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw new InputError(options.out, `cannot write the report (${messageOf(error)})`, {
      cause: error,
      hint: 'Choose another path with -o, or check that the directory is writable.',
    });
  }
  return options.out;
}
