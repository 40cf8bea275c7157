/**
 * `chatload run SCENARIO`: load and validate the scenario, apply the flags, run it, and always
 * write what was measured — completed, interrupted by Ctrl-C, aborted by a threshold, or cut
 * short by a failing target — before choosing the exit code.
 */
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Option, type Command } from 'commander';
import { parseDuration } from '../core/duration.js';
import { InputError, messageOf } from '../core/errors.js';
import { wholeNumberArg } from '../core/whole-number.js';
import { writeResults } from '../metrics/results-file.js';
import { compileThreshold } from '../metrics/threshold-parser.js';
import type { ResultsFile } from '../metrics/results.js';
import { DEFAULT_CLASS, findClass } from '../baselines/catalog.js';
import { complianceCondition } from '../baselines/compliance-condition.js';
import { renderRunSummary, type SummaryStyle } from '../report/run-summary.js';
import { writeReport } from '../report/write-report.js';
import { DEFAULT_MAX_CONNECTIONS, planConnections } from '../run/connections.js';
import { startRun } from '../run/run.js';
import { checkWorkerCount, MAX_WORKERS_PER_CORE } from '../run/workers.js';
import { applyRunOverrides, loadScenario } from '../scenario/index.js';
import { SEED_RANGE, WORKERS_RANGE } from '../scenario/run-overrides.js';
import type { ResolvedScenario } from '../scenario/resolved.js';
import { defaultScenarioTarget, parseTargetUrl, TARGET_FORMS } from '../targets/url.js';
import { renderError } from './errors.js';
import { runExit } from './run-exit.js';
import type { Io } from './io.js';
import type { CliContext } from './program.js';
import { ProgressView } from './progress.js';
import { onInterrupt } from './signals.js';
import { chosenTarget, TARGET_SOURCES_HELP } from './target-source.js';

export interface RunFlags {
  target?: string;
  complianceTarget?: string;
  duration?: string;
  scale?: string;
  workers?: number;
  seed?: number;
  segment?: string;
  connections?: number;
  maxOutage?: string;
  out?: string;
  report?: string | false;
  trace?: string;
  quiet?: boolean;
}

function stamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[:.]/g, '-')
    .replace(/-\d{3}Z$/, 'Z');
}

/**
 * Why the embedded store runs on one worker unless asked (issue 10 item 13: on two workers it
 * posted at 0.38 of one; see BENCHMARKS.md).
 */
const SQLITE_WORKERS_NOTE =
  'SQLite runs on 1 worker unless --workers says otherwise: it writes one transaction at a ' +
  "time, and connections that take turns writing re-read their page caches after each other's " +
  'commits, so more workers do not post faster; --workers N spreads reads over N connections';

function maxOutageMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  let ms: number;
  try {
    ms = parseDuration(text);
  } catch (error) {
    throw new InputError('--max-outage', messageOf(error));
  }
  if (ms < 1000) throw new InputError('--max-outage', `must be at least 1s (got "${text}")`);
  return ms;
}

/** The run's shape besides the scenario: workers and connections, validated here. */
function sizeRun(io: Io, scenario: ResolvedScenario, target: string, flags: RunFlags) {
  const cores = availableParallelism();
  const spec = parseTargetUrl(target);
  const workers = scenario.workers ?? (spec.kind === 'sqlite' ? 1 : cores);
  if (scenario.workers === null && spec.kind === 'sqlite' && cores > 1 && flags.quiet !== true) {
    io.err(`chatload: note: ${SQLITE_WORKERS_NOTE}`);
  }
  const warning = checkWorkerCount(
    workers,
    cores,
    flags.workers === undefined ? `${scenario.file}: workers` : '--workers',
  );
  if (warning !== null && flags.quiet !== true) io.err(`chatload: warning: ${warning}`);
  const connections = planConnections(scenario, spec, workers, flags.connections ?? null);
  return { workers, connections };
}

/** The target the run uses, and whether it is chatload's own default store for the scenario. */
function chooseTarget(scenario: ResolvedScenario, flags: RunFlags) {
  const chosen = chosenTarget('target', flags.target);
  const given = chosen?.text ?? scenario.target.url;
  const target = given ?? defaultScenarioTarget(scenario.name);
  parseTargetUrl(target, chosen?.where ?? 'scenario target');
  const chosenCompliance = chosenTarget('complianceTarget', flags.complianceTarget);
  const complianceTarget = chosenCompliance?.text ?? scenario.target.complianceUrl;
  if (complianceTarget !== null) {
    parseTargetUrl(complianceTarget, chosenCompliance?.where ?? 'scenario compliance target');
  }
  return { target, complianceTarget, defaultStore: given === undefined };
}

/**
 * Checks before the run that an output can be written, so that no measurement is lost after.
 * Results and reports are written atomically (a temp file in the same directory, then rename),
 * so their directory must be writable; the trace is written in place, so an existing file only
 * needs to be writable itself.
 */
function checkWritable(flag: string, path: string, inPlace = false): void {
  try {
    const existing = statSync(path, { throwIfNoEntry: false });
    if (existing?.isDirectory() === true) throw new Error('it is a directory');
    if (inPlace && existing !== undefined) {
      accessSync(path, constants.W_OK);
      return;
    }
    mkdirSync(dirname(path), { recursive: true });
    accessSync(dirname(path), constants.W_OK);
  } catch (error) {
    throw new InputError(flag, `cannot write ${path}: ${messageOf(error)}`, {
      hint: 'Choose a path in a writable directory.',
    });
  }
}

/**
 * Writes the results; if that fails after all (disk full, directory removed), writes them to the
 * temp directory instead and says so, rather than losing the run.
 */
async function saveResults(io: Io, out: string, results: ResultsFile): Promise<string> {
  try {
    await writeResults(out, results);
    return out;
  } catch (error) {
    renderError(io, error);
    const fallback = join(tmpdir(), basename(out));
    await writeResults(fallback, results);
    io.err(`chatload: the results were written to ${fallback} instead`);
    return fallback;
  }
}

function styleFor(io: Io): SummaryStyle {
  if (!io.color) return { ok: (t) => t, bad: (t) => t, dim: (t) => t };
  return {
    ok: (t) => `\x1b[32m${t}\x1b[0m`,
    bad: (t) => `\x1b[31m${t}\x1b[0m`,
    dim: (t) => `\x1b[2m${t}\x1b[0m`,
  };
}

export async function runCommand(io: Io, file: string, flags: RunFlags): Promise<number> {
  const loaded = await loadScenario(file, { checkThreshold: compileThreshold });
  const scenario = applyRunOverrides(loaded, {
    ...(flags.duration === undefined ? {} : { duration: flags.duration }),
    ...(flags.scale === undefined ? {} : { scale: flags.scale }),
    ...(flags.seed === undefined ? {} : { seed: flags.seed }),
    ...(flags.workers === undefined ? {} : { workers: flags.workers }),
    ...(flags.segment === undefined ? {} : { segment: flags.segment }),
  });
  const { target, complianceTarget, defaultStore } = chooseTarget(scenario, flags);
  const { workers, connections } = sizeRun(io, scenario, target, flags);
  const maxOutage = maxOutageMs(flags.maxOutage);
  const started = new Date();
  const base = `${scenario.name}-${stamp(started)}`;
  const out = flags.out ?? join('reports', `${base}.json`);
  const reportPath =
    flags.report === false ? null : (flags.report ?? out.replace(/\.json$/i, '') + '.html');
  checkWritable('--out', out);
  if (reportPath !== null) checkWritable('--report', reportPath);
  if (flags.trace !== undefined) checkWritable('--trace', flags.trace, true);
  const view = new ProgressView(io, flags.quiet === true);
  const handle = startRun(
    {
      scenario,
      target,
      complianceTarget,
      defaultStore,
      workers,
      connections,
      ...(maxOutage === undefined ? {} : { maxOutageMs: maxOutage }),
      tracePath: flags.trace ?? null,
    },
    (event) => view.handle(event),
  );
  const uninstall = onInterrupt(io, 'stopping; partial results will be written', () =>
    handle.stop('interrupted'),
  );
  let outcome;
  try {
    outcome = await handle.done;
  } finally {
    uninstall();
    view.settle();
  }
  const { results, failure, traceFailure } = outcome;
  const written = await saveResults(io, out, results);
  let reportWritten: string | null = null;
  if (reportPath !== null) {
    try {
      reportWritten = await writeReport([results], { out: reportPath, labels: [scenario.name] });
    } catch (error) {
      renderError(io, error);
    }
  }
  if (flags.quiet !== true) {
    // The report compares a run with the default class; its compliance condition goes here too.
    const cls = findClass(DEFAULT_CLASS);
    const condition = cls === undefined ? null : complianceCondition(cls, results);
    io.out(renderRunSummary(results, styleFor(io), condition));
    io.out('');
    io.out(`results: ${written}`);
    if (reportWritten !== null) io.out(`report:  ${reportWritten}`);
    if (flags.trace !== undefined) {
      io.out(`trace:   ${flags.trace}${traceFailure === null ? '' : ' (incomplete)'}`);
    }
  }
  const { code, errors } = runExit(results, failure, traceFailure);
  for (const error of errors) renderError(io, error);
  return code;
}

export function registerRun(program: Command, context: CliContext): void {
  program
    .command('run')
    .summary('run a scenario script against a database and measure it')
    .description(
      'Run a scenario script against a database and measure it: SIP-shaped transactions from the ' +
        "scenario's model, driven through a worker pool, latency measured from each transaction's " +
        'intended start. Writes a results file (and an HTML report) even when interrupted.',
    )
    .argument('<scenario>', 'scenario script, e.g. scenarios/smoke.ts')
    .option(
      '--target <url>',
      `database to run against (default: $CHATLOAD_TARGET, else the scenario's, else ${defaultScenarioTarget('<scenario>')}, provisioned on first use); @FILE reads it from a file. Forms: ${TARGET_FORMS.join(' | ')}`,
    )
    .option(
      '--compliance-target <url>',
      'separate database for the mgccomp compliance store (default: $CHATLOAD_COMPLIANCE_TARGET)',
    )
    .option('--duration <d>', 'rescale the scenario timeline to this length, e.g. 30s, 5m')
    .option('--scale <f>', "multiply every arrival rate (the model's mix too), e.g. 50")
    .option(
      '--workers <n>',
      `worker threads, each with its own connections (default: cores, 1 for SQLite; more than the cores only share them, over ${MAX_WORKERS_PER_CORE} per core is refused)`,
      wholeNumberArg('--workers', WORKERS_RANGE),
    )
    .option(
      '--connections <n>',
      `SQL Server: connections of the whole run, spread over the workers (default: the target's poolSize / Max Pool Size, else the scenario's in-flight limit up to ${DEFAULT_MAX_CONNECTIONS}; all opened before the run clock starts)`,
      wholeNumberArg('--connections', { min: 1 }),
    )
    .option(
      '--max-outage <d>',
      'SQL Server: end the run (exit 3, partial results written) when the target stays unavailable this long; until then failures are counted and the workers reconnect with backoff (default 60s)',
    )
    .addOption(
      new Option('--pool-size <n>').hideHelp().argParser((text) => {
        throw new InputError(
          '--pool-size',
          'was replaced by --connections N: the connections of the whole run, spread over the workers',
          { hint: `For the old meaning (${text} per worker), multiply by --workers.` },
        );
      }),
    )
    .option(
      '--seed <s>',
      'seed of the simulated world and transaction stream',
      wholeNumberArg('--seed', SEED_RANGE),
    )
    .option(
      '--segment <i/n>',
      'run segment i of n of the scenario (merge the results with `chatload merge`)',
    )
    .option('--out <file.json>', 'results file (default: reports/<scenario>-<time>.json)')
    .option('--report <file.html>', 'HTML report (default: next to the results file)')
    .option('--no-report', 'do not write the HTML report')
    .option('--trace <file>', 'write the SIP text of every transaction to this file')
    .option('--quiet', 'print nothing but errors')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  chatload run scenarios/smoke.ts\n' +
        '  chatload run scenarios/lync2013-user-model.ts --duration 5m --scale 2\n' +
        "  chatload run scenarios/morning-peak.ts --target 'mssql://load:***@sql01:1433/mgc'\n" +
        '  CHATLOAD_TARGET=@/run/secrets/mgc-target chatload run scenarios/smoke.ts\n' +
        `\n${TARGET_SOURCES_HELP}\n` +
        '\nExit codes: 0 ok, 1 unexpected failure or an output (e.g. the --trace file) that could\n' +
        'not be written (the results still are), 2 invalid input, 3 target unreachable or login\n' +
        'refused, 99 thresholds crossed, 130 interrupted (partial results written).',
    )
    .action(context.action((file: string, flags: RunFlags) => runCommand(context.io, file, flags)));
}
