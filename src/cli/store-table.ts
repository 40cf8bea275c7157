/**
 * The store-versus-plan table `chatload provision` ends with: figure, published, plan, store,
 * and a mark where the store is not the plan's figure (≈ whole rooms, ≠ a difference).
 */
import { formatNumber } from '../core/format.js';
import type { Figure, StoreVersusPlan, Verdict } from '../run/store-vs-plan.js';

const MARK: Record<Verdict, string> = { match: '', 'whole-rooms': '≈', differs: '≠', info: '' };

function show(value: Figure | null): string {
  if (value === null) return '–';
  if (typeof value === 'number') return formatNumber(value);
  return value.min === value.max
    ? formatNumber(value.min)
    : `${formatNumber(value.min)}–${formatNumber(value.max)}`;
}

export function renderStoreVersusPlan(table: StoreVersusPlan): string[] {
  const footnote = new Map(table.inconsistencies.map((inc, i) => [inc.id, i + 1]));
  const cells = table.rows.map((row) => [
    row.figure,
    row.published ?? '',
    show(row.plan ?? row.wholeRooms),
    show(row.store),
    [MARK[row.verdict], ...row.notes.map((id) => `[${footnote.get(id) ?? '?'}]`)]
      .filter((text) => text !== '')
      .join(' '),
  ]);
  const header = ['figure', 'published', 'plan', 'store', ''];
  const widths = header.map((h, c) =>
    Math.max(h.length, ...cells.map((row) => row[c]?.length ?? 0)),
  );
  const line = (row: string[]): string =>
    row
      .map((cell, c) =>
        c === 0 || c === 4 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const count = (verdict: Verdict): number =>
    table.rows.filter((r) => r.verdict === verdict).length;
  const lines = [
    'The store against the plan (plan: chatload plan’s figure, or the model’s where plan shows',
    'none; store: counted with SQL after loading)',
    `  ${line(header)}`,
    ...cells.map((row) => `  ${line(row)}`),
  ];
  const whole = count('whole-rooms');
  const differs = count('differs');
  if (whole > 0) {
    lines.push(
      `  ≈ ${whole} figure(s): the plan carries fractions of rooms (as the published tables do); a`,
      '    store holds whole rooms, and these are the plan’s arithmetic on them (each plan share',
      '    rounded to the nearest room: 533.33 medium rooms with invitations → 533).',
    );
  }
  lines.push(
    differs === 0
      ? '  The store holds the plan’s figures.'
      : `  ≠ ${differs} figure(s) differ from the plan: this model cannot have the published shape, or the store is not this world’s.`,
  );
  for (const inc of table.inconsistencies) {
    lines.push(`  [${footnote.get(inc.id)}] published: ${inc.summary} (see chatload plan)`);
  }
  return lines;
}
