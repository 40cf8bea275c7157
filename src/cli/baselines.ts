import { findClass, listClasses } from '../baselines/catalog.js';
import { deriveEnvelope } from '../baselines/envelope.js';
import {
  baselinesDir,
  listBaselines,
  loadBaseline,
  saveBaseline,
  validateBaselineName,
} from '../baselines/store.js';
import type { BaselineClass } from '../baselines/types.js';
import { ExitCode, InputError } from '../core/errors.js';
import { readResults } from '../metrics/results-file.js';
import { renderRunSummary } from '../report/run-summary.js';
import { alignColumns } from '../report/terminal.js';
import type { Io } from './io.js';
import type { CommandRegistrar } from './program.js';
import { formatGrouped } from '../core/format.js';

/** `chatload baselines`: the hardware class catalog and the user's saved (measured) baselines. */

interface DirOptions {
  dir?: string;
  json?: boolean;
}

const DIR_HELP =
  'the baselines directory (default $CHATLOAD_BASELINES_DIR, else ~/.chatload/baselines)';

export const registerBaselines: CommandRegistrar = (program, context) => {
  const baselines = program
    .command('baselines')
    .summary('list, show and save baselines (hardware classes and measured runs)')
    .description(
      'Baselines are what a run is compared with. Hardware classes ship with chatload ' +
        '(fixtures/baselines: the documented Lync Server 2013 back-end class and the Standard ' +
        'Edition class, every figure labelled documented, derived or assumption with its source). ' +
        'Measured baselines are earlier runs you save under a name: each keeps the scenario, the ' +
        "target's product, version and hardware, and the full results.",
    )
    .addHelpText(
      'after',
      `
Saved baselines live in one directory, one NAME.json each: --dir, else $CHATLOAD_BASELINES_DIR,
else ~/.chatload/baselines. Names are 1-64 letters, digits, "_", "." or "-".

Examples:
  chatload baselines                                  list classes and saved baselines
  chatload baselines show lync2013-backend            a hardware class, figure by figure
  chatload baselines save nightly reports/run.json    save a run as "nightly"
  chatload compare nightly reports/run.json           compare a later run with it`,
    );
  baselines
    .command('list', { isDefault: true })
    .description('list the hardware classes and the saved baselines')
    .option('--dir <dir>', DIR_HELP)
    .option('--json', 'print as JSON')
    .action(context.action(async (options: DirOptions) => runList(context.io, options)));
  baselines
    .command('show')
    .description('show a hardware class or a saved baseline')
    .argument('<name>', 'a class name or a saved baseline name')
    .option('--dir <dir>', DIR_HELP)
    .option('--json', 'print as JSON')
    .action(
      context.action(async (name: string, options: DirOptions) =>
        runShow(context.io, name, options),
      ),
    );
  baselines
    .command('save')
    .description('save a results file as a named baseline')
    .argument('<name>', 'the name to save it under')
    .argument('<results>', 'the results file')
    .option('--dir <dir>', DIR_HELP)
    .option('--force', 'replace a baseline of the same name')
    .action(
      context.action(
        async (name: string, file: string, options: DirOptions & { force?: boolean }) =>
          runSave(context.io, name, file, options),
      ),
    );
};

export async function runList(io: Io, options: DirOptions): Promise<number> {
  const dir = baselinesDir(options.dir);
  const classes = listClasses();
  const saved = await listBaselines(dir);
  if (options.json === true) {
    io.out(
      JSON.stringify(
        {
          classes: classes.map((c) => ({ name: c.name, title: c.title })),
          dir,
          saved: saved.map((s) =>
            s.baseline === undefined
              ? { name: s.name, problem: s.problem }
              : {
                  name: s.name,
                  savedAt: s.baseline.savedAt,
                  scenario: s.baseline.scenario,
                  target: s.baseline.target,
                },
          ),
        },
        null,
        2,
      ),
    );
    return ExitCode.ok;
  }
  io.out('Hardware classes (documented and derived figures):');
  io.out(
    alignColumns(
      classes.map((c) => [`  ${c.name}`, c.title]),
      'll',
    ),
  );
  io.out(`\nSaved baselines in ${dir}:`);
  if (saved.length === 0)
    io.out('  none (save one with `chatload baselines save NAME RESULTS.json`)');
  else {
    const rows = [['  name', 'scenario', 'scale', 'target', 'saved']];
    for (const s of saved) {
      const b = s.baseline;
      if (b === undefined) rows.push([`  ${s.name}`, `unreadable: ${s.problem ?? ''}`, '', '', '']);
      else
        rows.push([
          `  ${s.name}`,
          b.scenario.name,
          `${b.scenario.scale}×`,
          `${b.target.product} ${b.target.productVersion}`,
          b.savedAt,
        ]);
    }
    io.out(alignColumns(rows, 'llrll'));
  }
  return ExitCode.ok;
}

function classText(cls: BaselineClass): string {
  const figures = Object.values(cls.figures).flatMap((f) => {
    const value =
      f.value === null
        ? 'not documented'
        : `${typeof f.value === 'number' ? formatGrouped(f.value) : f.value}${f.unit === '' ? '' : ` ${f.unit}`}`;
    const lines = [`  ${f.label}: ${value} [${f.kind}]`];
    if (f.formula !== undefined) lines.push(`      ${f.formula}`);
    lines.push(`      source: ${f.source}`);
    return lines;
  });
  const envelope = deriveEnvelope(cls).figures.map(
    (f) => `  ${f.label}: ~${formatGrouped(Number(f.value))} ${f.unit} (${f.formula ?? ''})`,
  );
  return [
    `${cls.name}: ${cls.title}`,
    `  ${cls.summary}`,
    '',
    ...figures,
    '',
    'Derived envelope (estimates):',
    ...envelope,
    '',
    ...cls.notes.map((n) => `  - ${n}`),
  ].join('\n');
}

export async function runShow(io: Io, name: string, options: DirOptions): Promise<number> {
  const cls = findClass(name);
  if (cls !== undefined) {
    io.out(options.json === true ? JSON.stringify(cls, null, 2) : classText(cls));
    return ExitCode.ok;
  }
  const baseline = await loadBaseline(baselinesDir(options.dir), name);
  if (options.json === true) {
    // The summary only: the full results are in the file, and `report --baseline NAME` reads them.
    io.out(JSON.stringify({ ...baseline, results: undefined }, null, 2));
    return ExitCode.ok;
  }
  const { scenario, target, results } = baseline;
  const cpus = target.cpus === null ? 'CPUs unknown' : `${target.cpus} CPUs`;
  const memory =
    target.memoryMb === null ? 'memory unknown' : `${Math.round(target.memoryMb / 1024)} GB`;
  io.out(
    [
      `${baseline.name}: saved ${baseline.savedAt} from ${baseline.source}`,
      `  scenario ${scenario.name}, seed ${scenario.seed}, ${scenario.scale}× model ${scenario.model} (${formatGrouped(scenario.users)} users)`,
      `  target ${target.kind}: ${target.product} ${target.productVersion}${target.edition === null ? '' : ` ${target.edition}`}, ${cpus}, ${memory}`,
      '',
      renderRunSummary(results),
    ].join('\n'),
  );
  return ExitCode.ok;
}

export async function runSave(
  io: Io,
  name: string,
  file: string,
  options: DirOptions & { force?: boolean },
): Promise<number> {
  validateBaselineName(name);
  if (findClass(name) !== undefined) {
    throw new InputError('NAME', `"${name}" is the name of a hardware class; choose another name`);
  }
  const results = await readResults(file);
  const path = await saveBaseline(baselinesDir(options.dir), name, results, file, {
    ...(options.force === true ? { force: true } : {}),
  });
  io.out(
    `saved baseline ${name} (${results.scenario.name}, ${results.target.product} ${results.target.productVersion}) to ${path}`,
  );
  if (results.run.status !== 'completed') {
    io.err(
      `chatload: warning: ${file} is ${results.run.status}: a partial run makes a weak baseline`,
    );
  }
  return ExitCode.ok;
}
