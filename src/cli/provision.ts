/**
 * `chatload provision`: create the chat store (and the compliance store) in a target database
 * and fill it with a model's world. The flags are validated here; the provisioning itself is
 * run/provision.ts's, shared with `chatload run`'s first use of a store.
 */
import { performance } from 'node:perf_hooks';
import { formatDuration } from '../core/duration.js';
import { ChatloadError, ExitCode } from '../core/errors.js';
import { wholeNumberArg } from '../core/whole-number.js';
import { provisionStores, type StoreReport, type StoresRequest } from '../run/provision.js';
import { loadScenario } from '../scenario/index.js';
import { SEED_RANGE } from '../scenario/run-overrides.js';
import {
  DEFAULT_TARGET,
  defaultScenarioTarget,
  describeTarget,
  parseTargetUrl,
  TARGET_FORMS,
} from '../targets/url.js';
import type { World } from '../workload/types.js';
import { buildWorld } from '../workload/world.js';
import type { Io } from './io.js';
import { addModelOptions, modelFromOptions, type ModelOptions } from './plan.js';
import type { CommandRegistrar } from './program.js';
import { ProgressView } from './progress.js';
import { renderStoreVersusPlan } from './store-table.js';
import { compareStoreWithPlan } from '../run/store-vs-plan.js';
import { formatGrouped } from '../core/format.js';
import { onInterrupt } from './signals.js';
import { chosenTarget, TARGET_SOURCES_HELP } from './target-source.js';

/** The seed of the documented scenario, used when neither --seed nor a scenario gives one. */
export const DEFAULT_SEED = 2013;

interface ProvisionFlags extends ModelOptions {
  target?: string;
  complianceTarget?: string;
  scenario?: string;
  seed?: number;
  historyDays?: number;
  force?: boolean;
  quiet?: boolean;
}

/** A validated provisioning job: the world's seed and what to provision from it. */
export interface ProvisionJob {
  seed: number;
  stores: StoresRequest;
}

export function renderSummary(world: World, reports: readonly StoreReport[]): string[] {
  const lines: string[] = [];
  for (const { description, stores, report } of reports) {
    const what = `${stores.join(' + ')} in ${description}`;
    if (report === null) {
      lines.push(`${what}: stores nothing; nothing to provision.`);
      continue;
    }
    if (report.status === 'already-provisioned') {
      lines.push(
        `${what}: already provisioned from this world (model ${world.modelName}, seed ` +
          `${world.seed}, fingerprint ${report.fingerprint}); nothing to do.`,
      );
      continue;
    }
    lines.push(`${what}: provisioned in ${formatDuration(report.durationMs)}`);
    const rows = Object.entries(report.tables);
    const total = rows.reduce((sum, [, n]) => sum + n, 0);
    const width = Math.max(...rows.map(([name]) => name.length), 'total'.length);
    const count = (n: number) => formatGrouped(n).padStart(14);
    lines.push(`  ${'table'.padEnd(width)} ${'rows'.padStart(14)}`);
    for (const [name, n] of rows) if (n > 0) lines.push(`  ${name.padEnd(width)} ${count(n)}`);
    lines.push(`  ${'total'.padEnd(width)} ${count(total)}`);
    const empty = rows.filter(([, n]) => n === 0).map(([name]) => name);
    if (empty.length > 0) lines.push(`  created empty: ${empty.join(', ')}`);
  }
  return lines;
}

async function jobFromFlags(flags: ProvisionFlags): Promise<ProvisionJob> {
  const scenario = flags.scenario === undefined ? null : await loadScenario(flags.scenario);
  const chosen = chosenTarget('target', flags.target);
  const targetText =
    chosen?.text ??
    scenario?.target.url ??
    (scenario === null ? DEFAULT_TARGET : defaultScenarioTarget(scenario.name));
  const target = parseTargetUrl(targetText, chosen?.where ?? 'scenario target');
  const chosenCompliance = chosenTarget('complianceTarget', flags.complianceTarget);
  const complianceText = chosenCompliance?.text ?? scenario?.target.complianceUrl ?? null;
  const complianceTarget =
    complianceText === null
      ? null
      : parseTargetUrl(complianceText, chosenCompliance?.where ?? 'scenario compliance target');
  return {
    seed: flags.seed ?? scenario?.seed ?? DEFAULT_SEED,
    stores: {
      model: scenario?.model ?? modelFromOptions(flags),
      target,
      complianceTarget,
      compliance: true,
      historyDays: flags.historyDays ?? scenario?.history.preloadDays ?? 0,
      force: flags.force === true,
      replaceOtherWorld: false,
      census: true,
    },
  };
}

export async function runProvision(io: Io, flags: ProvisionFlags): Promise<number> {
  const { seed, stores: request } = await jobFromFlags(flags);
  const view = new ProgressView(io, flags.quiet === true);
  const targets = [
    request.target,
    ...(request.complianceTarget === null ? [] : [request.complianceTarget]),
  ];
  if (flags.quiet !== true) {
    io.err(
      `provisioning ${targets.map(describeTarget).join(' and ')} from ${request.model.name}, seed ${seed}`,
    );
  }
  const started = performance.now();
  const world = buildWorld(request.model, { seed });
  const controller = new AbortController();
  const uninstall = onInterrupt(io, 'stopping provisioning', (signal) =>
    controller.abort(new ChatloadError('E_INTERRUPTED', `provisioning stopped by ${signal}.`)),
  );
  let reports;
  try {
    // The header above already says what is provisioned: only the row progress is shown.
    reports = await provisionStores(world, { ...request, signal: controller.signal }, (event) => {
      if (event.kind === 'provision-progress' || event.kind === 'census') view.handle(event);
      else if (event.kind === 'provisioned') view.settle();
    });
  } finally {
    uninstall();
    view.settle();
  }
  io.out(renderSummary(world, reports).join('\n'));
  for (const { census } of reports) {
    if (census === null) continue;
    const table = compareStoreWithPlan(request.model, census, { historyDays: request.historyDays });
    io.out(['', ...renderStoreVersusPlan(table)].join('\n'));
  }
  if (reports.some((r) => r.report?.status === 'created')) {
    io.out(`done in ${formatDuration(performance.now() - started)}`);
  }
  return ExitCode.ok;
}

export const registerProvision: CommandRegistrar = (program, context) => {
  const command = program
    .command('provision')
    .summary('create the mgc / mgccomp stores in a database and fill them with a model’s world')
    .description(
      'Create the Persistent Chat store (mgc) and the compliance store (mgccomp) in a test ' +
        'database and seed the documented population: principals, affiliations, categories and ' +
        'rooms, role grants, scopes, invitations, chat counters, and optionally accumulated ' +
        'history. Re-running on a store provisioned from the same world does nothing; another ' +
        'world needs --force. A database holding Persistent Chat tables chatload did not create ' +
        'is refused, always. Ends with the store against the plan: each figure as published, ' +
        'in `chatload plan` and in the store (counted with SQL after loading), differences marked.',
    )
    .option(
      '--target <url>',
      `database to provision (default $CHATLOAD_TARGET, else ${DEFAULT_TARGET}, or ${defaultScenarioTarget('<scenario>')} with --scenario); @FILE reads it from a file`,
    )
    .option(
      '--compliance-target <url>',
      'put mgccomp in this database instead of the target’s (default $CHATLOAD_COMPLIANCE_TARGET)',
    )
    .option(
      '--scenario <file>',
      'take the model, seed, history days and targets from a scenario script',
    );
  addModelOptions(command)
    .option(
      '--seed <n>',
      `seed of the simulated world (default ${DEFAULT_SEED}, or the scenario's)`,
      wholeNumberArg('--seed', SEED_RANGE),
    )
    .option(
      '--history-days <n>',
      "days of chat history to seed at the model's chat rates (default 0)",
      wholeNumberArg('--history-days', { min: 0, max: 3650 }),
    )
    .option(
      '--force',
      "drop chatload's tables in the target and provision again (never touches others' tables)",
    )
    .option('--quiet', 'no progress on stderr')
    .addHelpText(
      'after',
      `
Target forms:
  ${TARGET_FORMS.join('\n  ')}

${TARGET_SOURCES_HELP}

sqlite durability: synchronous=full (default) flushes every commit to disk, as SQL Server flushes
its log per commit; synchronous=normal does not flush WAL commits (faster, may lose the last
transactions on power loss). Provisioning itself runs with the journal off (no WAL, no rollback
journal) and builds indexes after loading; the setting applies to the runs that follow. If it
fails or is stopped (disk full, Ctrl-C, a crash), the half-built store is emptied, so the next
provision starts clean. One process provisions a store at a time; another one is refused.

Exit codes: 0 provisioned or already provisioned; 2 invalid flag, malformed target URL, a
database chatload did not create, or a store from another world without --force; 3 target
unreachable, login refused, permission missing, or the store in use by another process;
130 stopped by Ctrl-C.

Examples:
  chatload provision                                      the documented population into ${DEFAULT_TARGET}
  chatload provision --users 2000 --users-per-room large=1000 --history-days 5
                                                          a 2,000-user deployment (its large rooms
                                                          shrunk to fit), a working week of history
  chatload provision --scenario scenarios/lync2013-user-model.ts
  chatload provision --target 'mssql://load:***@sql01:1433/mgc' --history-days 1`,
    )
    .action(context.action(async (flags: ProvisionFlags) => runProvision(context.io, flags)));
};
