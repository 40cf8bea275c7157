/**
 * Renders run events: a live status line redrawn in place on a terminal, plain periodic lines
 * otherwise (CI logs), nothing with --quiet. Provisioning progress has the same two forms.
 */
import { formatDuration } from '../core/duration.js';
import type { RunEvent } from '../run/events.js';
import type { ProvisionProgress } from '../targets/types.js';
import type { Io } from './io.js';
import { formatGrouped } from '../core/format.js';

/** Plain (non-terminal) output prints a progress line at most this often. */
const PLAIN_EVERY_MS = 10_000;

function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function rowsLine(store: string, p: ProvisionProgress): string {
  const rate = p.elapsedMs > 0 ? Math.round((p.rows / p.elapsedMs) * 1000) : 0;
  let eta = '';
  if (p.totalRows !== null && rate > 0 && p.totalRows > p.rows) {
    eta = `, ETA ${formatDuration(((p.totalRows - p.rows) / rate) * 1000)}`;
  }
  const of = p.totalRows === null ? '' : ` / ${formatGrouped(p.totalRows)}`;
  return (
    `provisioning ${store}.${p.table}: ${formatGrouped(p.rows)}${of} rows ` +
    `(${formatGrouped(rate)} rows/s${eta})`
  );
}

export class ProgressView {
  private live = false;
  private lastPlain = -Infinity;
  private lastTable = '';

  constructor(
    private readonly io: Io,
    private readonly quiet: boolean,
  ) {}

  private redraw(text: string): void {
    this.io.err(`\r\x1b[2K${text}\x1b[1A`);
    this.live = true;
  }

  /** Ends a live line so that the next output starts on a fresh line. */
  settle(): void {
    if (this.live) this.io.err('\r\x1b[2K\x1b[1A');
    this.live = false;
  }

  private say(text: string): void {
    this.settle();
    this.io.err(text);
  }

  handle(event: RunEvent): void {
    if (this.quiet) return;
    switch (event.kind) {
      case 'store':
        this.say(event.message);
        return;
      case 'census':
        this.say(`counting what ${event.description} holds (store census)`);
        return;
      case 'provision-progress': {
        const line = rowsLine(event.store, event.progress);
        if (this.io.interactive) this.redraw(line);
        else if (event.progress.table !== this.lastTable) this.say(line);
        this.lastTable = event.progress.table;
        return;
      }
      case 'provisioned': {
        const total = Object.values(event.report.tables).reduce((a, b) => a + b, 0);
        this.say(
          `provisioned ${event.store}: ${formatGrouped(total)} rows in ` +
            formatDuration(event.report.durationMs),
        );
        return;
      }
      case 'starting':
        this.say(`starting ${event.workers} worker(s) and opening their connections…`);
        return;
      case 'started':
        this.say(
          `running for ${formatDuration(event.plannedMs)} on ${event.target} with ` +
            `${event.workers} worker(s)` +
            (event.connections === null || event.connections === 0
              ? ''
              : ` and ${event.connections} connection(s)`) +
            (this.io.interactive ? ' — Ctrl-C stops and keeps the results' : ''),
        );
        return;
      case 'warning':
        this.say(`warning: ${event.message}`);
        return;
      case 'target-availability':
        this.say(
          event.available
            ? `${clock(event.elapsedMs)} the target answers again: traffic resumes`
            : `${clock(event.elapsedMs)} the target is unavailable: failures are counted, reconnecting with backoff`,
        );
        return;
      case 'progress': {
        const t = event.totals;
        const line =
          `${clock(event.elapsedMs)} / ${clock(event.plannedMs)}  ` +
          `${formatGrouped(t.txPerS)} tx/s  ` +
          `p95 ${t.p95Ms === null ? '–' : `${t.p95Ms.toFixed(1)} ms`}  ` +
          `errors ${formatGrouped(t.failed)}  dropped ${formatGrouped(t.dropped)}  ` +
          `in flight ${formatGrouped(event.inFlight)}`;
        if (this.io.interactive) this.redraw(line);
        else if (event.elapsedMs - this.lastPlain >= PLAIN_EVERY_MS) {
          this.lastPlain = event.elapsedMs;
          this.say(line);
        }
        return;
      }
      case 'stopping':
        this.say(`stopping (${event.reason}): ${event.detail}; draining what is in flight…`);
        return;
      case 'aborted':
        this.say(
          'aborting: abortOnFail threshold crossed: ' +
            event.crossed.map((t) => `${t.metric} ${t.expr}`).join(', '),
        );
        return;
    }
  }
}
