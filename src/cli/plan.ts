import type { Command } from 'commander';
import { ExitCode } from '../core/errors.js';
import { formatNumber } from '../core/format.js';
import {
  buildPlan,
  MODEL_NAMES,
  modelFromFlags,
  PLAN_COLUMNS,
  resolveModel,
  type DeploymentModel,
  type ModelFlagValues,
  type Plan,
  type PlanColumn,
  type PlanRow,
  type PlanTable,
} from '../model/index.js';
import type { Io } from './io.js';
import type { CommandRegistrar } from './program.js';

/** `chatload plan`: the documented capacity tables, recomputed from a model and its overrides. */

export interface ModelOptions extends ModelFlagValues {
  model: string;
}

interface PlanOptions extends ModelOptions {
  json?: boolean;
}

const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];

/**
 * Adds `--model` and the override flags to a command; `provision` and others that take a model
 * share them. Read them back with {@link modelFromOptions}.
 */
export function addModelOptions(command: Command): Command {
  return command
    .option(
      '--model <name>',
      `built-in model to start from (known: ${MODEL_NAMES.join(', ')})`,
      'lync2013',
    )
    .option(
      '--users <n>',
      "concurrent (connected) users; provisioned users scale with them in the model's ratio " +
        '(150,000 : 80,000 for lync2013) unless --provisioned is given, and so do the sign-in ' +
        'and chat rates unless --join-rate / --chat-rate are given',
    )
    .option('--provisioned <n>', 'provisioned users (at least the concurrent users)')
    .option(
      '--rooms-per-user <class=n,...>',
      'rooms of a class each user belongs to, e.g. small=12,medium=2 (repeatable)',
      collect,
    )
    .option(
      '--users-per-room <class=n,...>',
      'users connected to each room of a class, e.g. large=8000 (repeatable); the users who ' +
        'can access a room through groups scale with it',
      collect,
    )
    .option(
      '--chat-rate <class=n,...>',
      'messages per second over all rooms of a class, e.g. small=30 (repeatable)',
      collect,
    )
    .option('--join-rate <n>', 'users signing in per second at peak (the "peak join rate")');
}

/** The model the options describe: a built-in model with the override flags applied. */
export function modelFromOptions(options: ModelOptions): DeploymentModel {
  return modelFromFlags(resolveModel(options.model), options);
}

export const registerPlan: CommandRegistrar = (program, context) => {
  const command = program
    .command('plan')
    .summary('the documented capacity tables, recomputed from a model (and overrides)')
    .description(
      'Recompute the documented capacity tables (pool, rooms, memberships and access control ' +
        'entries, invitations, chat rates, joins, presence, store growth) from a deployment ' +
        'model, beside the published figures, and warn when a documented limit is crossed.',
    );
  addModelOptions(command)
    .option('--json', 'print the plan as one JSON document on stdout (the tables as data)')
    .addHelpText(
      'after',
      `
Every figure is computed from the model's inputs, unrounded, and rounded only for display.
For the unchanged lync2013 model, each figure the Lync Server 2013 planning documents print is
shown beside it (a "published" column, or a "published" line under per-class rows); ≠ marks a
cell whose computed value, rounded as printed, differs, and numbered footnotes explain the
documents' own inconsistencies. Overridden models show computed figures only. The basis column
says where a figure comes from: documented/input, derived, assumption (chatload's assumed
behaviour), estimate, or published (the documents' arithmetic on their own figures).

Limit warnings (ACEs or invitations over 2,000,000; more users, servers or endpoints than one
pool carries) go to stderr and the exit code stays 0. Invalid flags exit 2.

Examples:
  chatload plan                                   the published model, computed vs published
  chatload plan --users 20000                     a 20,000-user deployment (37,500 provisioned)
  chatload plan --rooms-per-user small=40 --users-per-room large=8000
  chatload plan --users 200000 --json > plan.json`,
    )
    .action(context.action(async (options: PlanOptions) => runPlan(context.io, options)));
};

export async function runPlan(io: Io, options: PlanOptions): Promise<number> {
  const plan = buildPlan(modelFromOptions(options));
  if (options.json === true) io.out(JSON.stringify(plan, null, 2));
  else io.out(renderPlan(plan).join('\n'));
  for (const warning of plan.warnings) io.err(`chatload: warning: ${warning.message}`);
  return ExitCode.ok;
}

export function renderPlan(plan: Plan): string[] {
  const lines = [
    `chatload plan: ${plan.model.name}`,
    ...wrap(plan.model.description, 96).map((line) => `  ${line}`),
    plan.published
      ? '  Computed from the model, with the published figures beside them; ≠ where they differ.'
      : '  Computed from the model (published figures exist only for the unchanged lync2013 model).',
  ];
  const noteNumbers = new Map(plan.inconsistencies.map((item, i) => [item.id, i + 1]));
  for (const table of plan.tables) lines.push('', ...renderTable(table, noteNumbers));
  if (plan.inconsistencies.length > 0) {
    lines.push('', 'Inconsistencies in the published tables');
    plan.inconsistencies.forEach((item, i) => {
      lines.push(`  [${i + 1}] ${item.summary} (${item.kind})`);
      lines.push(...wrap(item.explanation, 92).map((line) => `      ${line}`));
    });
  }
  return lines;
}

function renderTable(table: PlanTable, noteNumbers: Map<string, number>): string[] {
  const columns: PlanColumn[] = table.layout === 'perClass' ? [...PLAN_COLUMNS] : ['total'];
  const hasPublished = table.rows.some((row) => row.published !== undefined);
  const sideBySide = table.layout === 'single' && hasPublished;
  const header = [table.title, ...(table.layout === 'perClass' ? columns : ['value'])];
  if (sideBySide) header.push('published');
  header.push('basis', '');
  const body: string[][] = [];
  for (const row of table.rows) {
    const notes = row.notes.map((id) => `[${noteNumbers.get(id) ?? '?'}]`).join('');
    const cells = columns.map((c) => computedCell(row, c));
    if (sideBySide) cells.push(publishedCell(row, 'total'));
    body.push([
      `  ${row.label}${row.unit === 'percent' ? ' (%)' : ''}`,
      ...cells,
      row.basis,
      notes,
    ]);
    if (!sideBySide && row.published !== undefined) {
      body.push(['    published', ...columns.map((c) => publishedCell(row, c)), '', '']);
    }
  }
  return align([header, ...body]);
}

function computedCell(row: PlanRow, column: PlanColumn): string {
  const value = row.computed[column];
  if (value === undefined) return column === 'total' && row.computed.small === undefined ? '–' : '';
  if (row.unit === 'bytes') return formatBytes(value);
  return formatNumber(value, row.decimals);
}

function publishedCell(row: PlanRow, column: PlanColumn): string {
  const value = row.published?.[column];
  if (value === undefined) return '';
  return row.differs.includes(column) ? `≠ ${value.printed}` : value.printed;
}

/** Decimal units, as disk sizes are quoted: 221,552,640 -> "221.6 MB". */
function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${formatNumber(value, unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** First column left-aligned, the values right-aligned, the basis and notes left-aligned. */
function align(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  }
  const last = (rows[0]?.length ?? 0) - 1;
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat((widths[i] ?? 0) - [...cell].length);
        return i === 0 || i >= last - 1 ? cell + pad : pad + cell;
      })
      .join('  ')
      .trimEnd(),
  );
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}
