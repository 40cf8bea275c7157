/**
 * The HTML elements the report repeats: tables, sections, definition lists, trust badges. Cells
 * passed in are already HTML (escape text with `text()`); numbers are right-aligned by giving
 * the column a `num` class.
 */
import { escapeHtml } from './escape.js';
import type { FigureKind } from '../baselines/types.js';

export const text = escapeHtml;

export interface Column {
  title: string;
  numeric?: boolean;
}

export interface TableRow {
  cells: string[];
  /** Extra class on the row (`sub` for room-class rows, `bad` for failures). */
  className?: string;
}

export function table(
  columns: readonly Column[],
  rows: readonly TableRow[],
  caption?: string,
): string {
  const head = columns
    .map((c) => `<th scope="col"${c.numeric === true ? ' class="num"' : ''}>${text(c.title)}</th>`)
    .join('');
  const body = rows
    .map((row) => {
      const cells = row.cells
        .map((cell, i) => `<td${columns[i]?.numeric === true ? ' class="num"' : ''}>${cell}</td>`)
        .join('');
      return `<tr${row.className === undefined ? '' : ` class="${text(row.className)}"`}>${cells}</tr>`;
    })
    .join('\n');
  const cap = caption === undefined ? '' : `<caption>${text(caption)}</caption>`;
  return `<div class="table-wrap"><table>${cap}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>`;
}

/** A label saying how far to trust a figure. */
export function kindBadge(kind: FigureKind | 'estimate'): string {
  return `<span class="kind kind-${kind}">${text(kind)}</span>`;
}

export function section(id: string, title: string, body: string): string {
  return `<section id="${text(id)}">\n<h2>${text(title)}</h2>\n${body}\n</section>`;
}

export function definitionList(items: readonly [string, string][]): string {
  return `<dl class="facts">${items.map(([k, v]) => `<dt>${text(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
}
