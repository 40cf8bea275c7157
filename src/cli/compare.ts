import { writeFile } from 'node:fs/promises';
import { resolveBaseline } from '../baselines/resolve.js';
import { baselinesDir } from '../baselines/store.js';
import { ExitCode, InputError, messageOf } from '../core/errors.js';
import { readResults } from '../metrics/results-file.js';
import { compareRuns } from '../report/compare.js';
import { compareHeadline, compareMarkdown, compareTable } from '../report/compare-summary.js';
import { compareJunit } from '../report/junit.js';
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
      'compare even when the scenarios or models differ (the differences are printed)',
    )
    .option(
      '--baselines-dir <dir>',
      'where saved baselines live (default $CHATLOAD_BASELINES_DIR or ~/.chatload/baselines)',
    )
    .addHelpText(
      'after',
      `
Runs of different scenarios, scales or deployment models are refused (exit 2) unless --force.
Throughput compares successful transactions per second; latency is tx_duration (from the
intended start). Values are the run totals (HDR histograms); the per-second series size the noise.

Examples:
  chatload compare nightly-baseline.json reports/run.json
  chatload compare nightly reports/run.json --max-regression 5% --junit junit.xml
  chatload compare before.json after.json --markdown summary.md

Exit codes: 0 within budget (or within the noise), 99 a regression, 2 invalid input.`,
    )
    .action(
      context.action(async (baseline: string, current: string, options: CompareOptions) =>
        runCompare(context.io, baseline, current, options),
      ),
    );
};

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
  if (result.differences.length > 0) {
    if (options.force !== true) {
      throw new InputError(
        currentPath,
        `is not a run of the same scenario as ${baselineArg}: ${result.differences.join('; ')}`,
        { hint: 'Compare runs of one scenario, or pass --force to compare anyway.' },
      );
    }
    for (const d of result.differences)
      io.err(`chatload: warning: compared with --force although ${d}`);
  }
  const labels = { baselineLabel: resolved.label, currentLabel: currentPath };
  io.out(`chatload compare: ${compareHeadline(result)}`);
  io.out(`baseline ${resolved.label} -> current ${currentPath}; ${result.method}`);
  io.out(compareTable(result));
  if (options.markdown === true) io.out(`\n${compareMarkdown(result, labels)}`);
  else if (typeof options.markdown === 'string') {
    await writeOutput(options.markdown, compareMarkdown(result, labels), 'markdown summary');
  }
  if (options.junit !== undefined) {
    const xml = compareJunit(result, { ...labels, current, timestamp: new Date().toISOString() });
    await writeOutput(options.junit, xml, 'JUnit XML');
  }
  return result.regressions > 0 ? ExitCode.thresholdsCrossed : ExitCode.ok;
}
