import { writeFile } from 'node:fs/promises';
import { resolveBaseline } from '../baselines/resolve.js';
import { baselinesDir } from '../baselines/store.js';
import {
  asChatloadError,
  type ChatloadError,
  ExitCode,
  InputError,
  messageOf,
} from '../core/errors.js';
import { readResults } from '../metrics/results-file.js';
import { compareRuns, type CompareResult } from '../report/compare.js';
import { compareHeadline, compareMarkdown, compareTable } from '../report/compare-summary.js';
import { compareJunit } from '../report/junit.js';
import { renderError } from './errors.js';
import type { Io } from './io.js';
import type { CommandRegistrar } from './program.js';
import { parseBudget } from './report.js';

/** `chatload compare`: a run against a baseline run, gated for CI (exit 99 on a regression). */

interface CompareOptions {
  maxRegression: string;
  junit?: string;
  markdown?: string | true;
  force?: boolean;
  baselinesDir?: string;
}

async function writeOutput(path: string, text: string, what: string): Promise<void> {
  try {
    await writeFile(path, text, 'utf8');
  } catch (error) {
    throw new InputError(path, `cannot write the ${what} (${messageOf(error)})`, {
      cause: error,
    });
  }
}

export const registerCompare: CommandRegistrar = (program, context) => {
  program
    .command('compare')
    .summary('compare a run with a baseline run; exit 99 on a regression (CI gate)')
    .description(
      'Compare CURRENT with BASELINE per operation: successful throughput (ratio) and p95 and p99 ' +
        'latency (deltas). A change is a regression only when it is worse than --max-regression ' +
        "AND worse than the runs' noise: 3 combined standard errors of the per-second series, " +
        'estimated by batch means (the seconds cut into √n batches, so that correlated seconds ' +
        'do not make the estimate over-confident).',
    )
    .argument('<baseline>', 'the baseline: a results file, or the name of a saved baseline')
    .argument('<current>', 'the results file to judge')
    .option('--max-regression <percent>', 'how much worse a metric may get before it fails', '10%')
    .option('--junit <file>', 'also write JUnit XML: one test case per operation and metric')
    .option(
      '--markdown [file]',
      'write a markdown summary for a pull-request comment to FILE, or print it after the table',
    )
    .option(
      '--force',
      'compare even runs of different scenarios, or runs that are not whole and completed (each reason is printed as a warning)',
    )
    .option(
      '--baselines-dir <dir>',
      'where saved baselines live (default $CHATLOAD_BASELINES_DIR or ~/.chatload/baselines)',
    )
    .addHelpText(
      'after',
      `
Runs of different scenarios, scales or deployment models are refused (exit 2) unless --force,
and so are runs that are not whole and completed: interrupted or aborted, with no transaction
or with every transaction failed, one segment of a split run, or a null: run against a
database run. Their figures would read as regressions that say nothing about the target.
Throughput compares successful transactions per second; latency is tx_duration (from the
intended start). Values are the run totals (HDR histograms); the per-second series size the noise.

Examples:
  chatload compare nightly-baseline.json reports/run.json
  chatload compare nightly reports/run.json --max-regression 5% --junit junit.xml
  chatload compare before.json after.json --markdown summary.md

Exit codes: 0 within budget (or within the noise), 99 a regression, 2 invalid input or runs
that cannot be compared. A regression exits 99 even when --junit or --markdown cannot be
written (that error is printed too; without a regression it exits 2).`,
    )
    .action(
      context.action(async (baseline: string, current: string, options: CompareOptions) =>
        runCompare(context.io, baseline, current, options),
      ),
    );
};

/**
 * Runs of different scenarios, and runs that are not whole and completed (interrupted, nothing
 * ran, everything failed, one segment), are refused unless --force: their differences would
 * read as regressions (−100 %) that say nothing about the target. With --force, each reason is
 * printed as a warning.
 */
function refuseUnlessForced(
  result: CompareResult,
  baselineArg: string,
  currentPath: string,
  force: boolean,
  io: Io,
): void {
  if (force) {
    for (const d of [...result.differences, ...result.unfit]) {
      io.err(`chatload: warning: compared with --force although ${d}`);
    }
    return;
  }
  if (result.differences.length > 0) {
    throw new InputError(
      currentPath,
      `is not a run of the same scenario as ${baselineArg}: ${result.differences.join('; ')}`,
      { hint: 'Compare runs of one scenario, or pass --force to compare anyway.' },
    );
  }
  if (result.unfit.length > 0) {
    const baselineUnfit = result.unfit.every((reason) => reason.startsWith('the baseline'));
    throw new InputError(
      baselineUnfit ? baselineArg : currentPath,
      `cannot be judged: ${result.unfit.join('; ')}`,
      {
        hint:
          'Compare whole, completed runs (merge the segments of a split run first); --force ' +
          'compares anyway, with these reasons as warnings.',
      },
    );
  }
}

export async function runCompare(
  io: Io,
  baselineArg: string,
  currentPath: string,
  options: CompareOptions,
): Promise<number> {
  const maxRegression = parseBudget(options.maxRegression);
  const resolved = await resolveBaseline(baselineArg, {
    dir: baselinesDir(options.baselinesDir),
    where: 'BASELINE',
  });
  if (resolved.kind !== 'measured') {
    throw new InputError(
      baselineArg,
      'is a hardware class; compare needs a measured run (a results file or a saved baseline)',
      {
        hint: 'Use `chatload report RESULTS.json --baseline CLASS` to compare a run with a class.',
      },
    );
  }
  const current = await readResults(currentPath);
  const result = compareRuns(resolved.results, current, { maxRegression });
  refuseUnlessForced(result, baselineArg, currentPath, options.force === true, io);
  const baselineLabel =
    resolved.savedName === null ? baselineArg : `${resolved.savedName} (saved baseline)`;
  const labels = { baselineLabel, currentLabel: currentPath };
  io.out(`chatload compare: ${compareHeadline(result)}`);
  io.out(`baseline ${baselineLabel} -> current ${currentPath}; ${result.method}`);
  io.out(compareTable(result));
  const verdict = result.regressions > 0 ? ExitCode.thresholdsCrossed : ExitCode.ok;
  // The verdict is printed; a report that cannot be written must not hide a regression.
  const failures: ChatloadError[] = [];
  const write = (path: string, text: string, what: string) =>
    writeOutput(path, text, what).catch((error: unknown) => {
      failures.push(asChatloadError(error));
    });
  if (options.markdown === true) io.out(`\n${compareMarkdown(result, labels)}`);
  else if (typeof options.markdown === 'string') {
    await write(options.markdown, compareMarkdown(result, labels), 'markdown summary');
  }
  if (options.junit !== undefined) {
    const xml = compareJunit(result, { ...labels, current, timestamp: new Date().toISOString() });
    await write(options.junit, xml, 'JUnit XML');
  }
  for (const failure of failures) renderError(io, failure);
  if (verdict === ExitCode.thresholdsCrossed) return verdict;
  return failures[0]?.exitCode ?? ExitCode.ok;
}
