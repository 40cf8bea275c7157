import { resolveBaseline } from '../baselines/resolve.js';
import { baselinesDir } from '../baselines/store.js';
import { parsePercent } from '../core/duration.js';
import { ExitCode, InputError, messageOf } from '../core/errors.js';
import { readResults } from '../metrics/results-file.js';
import { writeReport } from '../report/write-report.js';
import type { Io } from './io.js';
import type { CommandRegistrar } from './program.js';

/** `chatload report`: results files in, one self-contained HTML report out. */

interface ReportOptions {
  output?: string;
  baseline?: string;
  baselinesDir?: string;
  maxRegression: string;
}

/** `runs/a.json` -> `runs/a.html`; any other name gets `.html` appended. */
export function defaultReportPath(firstInput: string): string {
  return firstInput.toLowerCase().endsWith('.json')
    ? `${firstInput.slice(0, -5)}.html`
    : `${firstInput}.html`;
}

/** Parses a `10%` budget flag; `where` names the flag in errors. */
export function parseBudget(text: string, where = '--max-regression'): number {
  let fraction: number;
  try {
    fraction = parsePercent(text);
  } catch (error) {
    throw new InputError(where, messageOf(error), { cause: error });
  }
  if (!(fraction >= 0) || !Number.isFinite(fraction)) {
    throw new InputError(where, `"${text}" must be a percentage of 0% or more (e.g. "10%")`);
  }
  return fraction;
}

export const registerReport: CommandRegistrar = (program, context) => {
  program
    .command('report')
    .summary('write a self-contained HTML report from one or more results files')
    .description(
      'Write one HTML file that opens offline (charts, data and libraries inlined; no network ' +
        'request): the run facts and verdict, a per-operation table readable without JavaScript, ' +
        'charts (throughput, latency over time, the HDR percentile distribution, operation mix, ' +
        'SIP methods, compliance queue depth, thresholds) and the baseline comparison. Several ' +
        'files give a side-by-side comparison with overlaid charts and a delta table.',
    )
    .argument('<results...>', 'results files written by `chatload run --out` (or `chatload merge`)')
    .option(
      '-o, --output <file>',
      'the HTML file to write (default: the first results file with .html)',
    )
    .option(
      '--baseline <name|file>',
      'compare with a hardware class of the catalog (default lync2013-backend), a saved baseline ' +
        'name, or an earlier results file',
    )
    .option(
      '--baselines-dir <dir>',
      'where saved baselines live (default $CHATLOAD_BASELINES_DIR or ~/.chatload/baselines)',
    )
    .option('--max-regression <percent>', 'regression budget against a measured baseline', '10%')
    .addHelpText(
      'after',
      `
A single run is compared with the documented requirement of its model (the model's rates for the
scenario's user count; headroom = measured rate ÷ required rate), with the derived envelope of a
hardware class (an estimate; the arithmetic is shown), and, when --baseline names an earlier run,
with that run (measured). Each figure is labelled documented, derived, assumption or measured.

Examples:
  chatload report reports/run.json                       writes reports/run.html
  chatload report reports/run.json -o review.html --baseline lync2013-standard-edition
  chatload report reports/run.json --baseline nightly    against a saved baseline
  chatload report before.json after.json -o compare.html side by side

Exit codes: 0 written, 2 invalid input (missing file, not a results file, unknown schema
version, unknown baseline).`,
    )
    .action(
      context.action(async (files: string[], options: ReportOptions) =>
        runReport(context.io, files, options),
      ),
    );
};

export async function runReport(
  io: Io,
  files: readonly string[],
  options: ReportOptions,
): Promise<number> {
  const maxRegression = parseBudget(options.maxRegression);
  const results = [];
  for (const file of files) results.push(await readResults(file));
  const baseline =
    options.baseline === undefined
      ? undefined
      : await resolveBaseline(options.baseline, { dir: baselinesDir(options.baselinesDir) });
  if (baseline?.kind === 'class' && files.length > 1) {
    io.err(
      'chatload: warning: a hardware class is compared with single-run reports only; it is left out here',
    );
  }
  const out = options.output ?? defaultReportPath(files[0] as string);
  const written = await writeReport(results, {
    out,
    labels: files.map((file) => file.split(/[\\/]/).pop() ?? file),
    maxRegression,
    ...(baseline === undefined ? {} : { baseline }),
  });
  io.out(`report written to ${written}`);
  for (const r of results) {
    if (r.run.status !== 'completed' || r.run.interrupted) {
      io.err(
        `chatload: warning: ${r.scenario.name} (${r.run.startedAt}) is ${r.run.status}: the report shows partial results`,
      );
    }
  }
  return ExitCode.ok;
}
