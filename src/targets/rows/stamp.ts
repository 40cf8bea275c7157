/**
 * The time a provisioned row says it was made, in both encodings the schema uses (ticks for the
 * bigint columns, a Date for the datetime ones), and the clipping of free text to the column
 * widths so SQL Server accepts what SQLite would not check.
 */
import { msToTicks } from '../../core/ticks.js';

export interface Stamp {
  ms: number;
  ticks: bigint;
  date: Date;
}

export function stampAt(unixMs: number): Stamp {
  return { ms: unixMs, ticks: msToTicks(unixMs), date: new Date(unixMs) };
}

/** Cuts text to an nvarchar(n) width. */
export function clip(text: string, width = 256): string {
  return text.length <= width ? text : text.slice(0, width);
}
