/**
 * How the run met its target, in words shared by the terminal summary and the HTML report: the
 * connections the workers opened, and when the target was unavailable (a server restart, a cut
 * link) with the failure kinds and reconnect attempts. Files that predate these facts say nothing.
 */
import type { ResultsFile } from '../metrics/results.js';

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** "8 to the store, 2 to the compliance store", or null when the file has no connection count. */
export function connectionsText(run: ResultsFile['run']): string | null {
  const c = run.connections;
  if (c === undefined) return null;
  return (
    `${c.store} to the store` +
    (c.compliance > 0 ? `, ${c.compliance} to the compliance store` : '')
  );
}

/** The unavailable time and its periods, or null when the target never became unavailable. */
export function unavailableText(run: ResultsFile['run']): string | null {
  const u = run.unavailable;
  if (u === undefined || u.periods.length === 0) return null;
  const periods = u.periods.map(
    (p) =>
      `${clock(p.startS)}–${p.ongoing ? 'end' : clock(p.endS)} (${p.kinds.join(', ')}; ` +
      `${p.reconnectAttempts} reconnect attempt${p.reconnectAttempts === 1 ? '' : 's'})` +
      (p.ongoing ? ' still unavailable when the run ended' : ''),
  );
  return `${u.totalS.toFixed(1)} s in ${u.periods.length} period(s): ${periods.join('; ')}`;
}
