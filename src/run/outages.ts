/**
 * The main thread's record of the target's outages, from what each worker reports with its
 * snapshots (availability.ts): a worker's outage is reported while it lasts and once more when
 * it ends. The run's unavailable time is the union of every worker's outages — the time during
 * which some worker found the target unavailable — on the run clock, cut at the run's end.
 */
import type { TargetErrorKindName } from '../core/errors.js';
import type { UnavailableSection } from '../metrics/results.js';
import type { Outage } from '../targets/availability.js';

interface Span {
  startMs: number;
  endMs: number;
  kinds: TargetErrorKindName[];
  attempts: number;
  ongoing: boolean;
}

export class OutageLog {
  /** Per worker, by start: the latest report of each outage. */
  private readonly bySource = new Map<number, Map<number, Outage>>();

  add(source: number, outages: readonly Outage[]): void {
    let known = this.bySource.get(source);
    if (known === undefined) {
      known = new Map();
      this.bySource.set(source, known);
    }
    for (const outage of outages) known.set(outage.startMs, outage);
  }

  /** True while some worker's latest report has an outage going on. */
  get down(): boolean {
    for (const outages of this.bySource.values()) {
      for (const outage of outages.values()) if (outage.endMs === null) return true;
    }
    return false;
  }

  /** The unavailable periods up to run-clock `endMs`, merged over workers; null when none. */
  section(endMs: number): UnavailableSection | null {
    const spans: Span[] = [];
    for (const outages of this.bySource.values()) {
      for (const o of outages.values()) {
        const startMs = Math.max(0, Math.min(o.startMs, endMs));
        const ongoing = o.endMs === null;
        spans.push({
          startMs,
          endMs: ongoing ? endMs : Math.max(startMs, Math.min(o.endMs as number, endMs)),
          kinds: o.kinds,
          attempts: o.attempts,
          ongoing,
        });
      }
    }
    if (spans.length === 0) return null;
    spans.sort((a, b) => a.startMs - b.startMs);
    const merged: Span[] = [];
    for (const span of spans) {
      const last = merged[merged.length - 1];
      if (last === undefined || span.startMs > last.endMs) {
        merged.push({ ...span, kinds: [...span.kinds] });
        continue;
      }
      last.endMs = Math.max(last.endMs, span.endMs);
      last.attempts += span.attempts;
      last.ongoing ||= span.ongoing;
      for (const kind of span.kinds) if (!last.kinds.includes(kind)) last.kinds.push(kind);
    }
    const seconds = (ms: number) => Math.round(ms) / 1000;
    return {
      totalS: seconds(merged.reduce((sum, span) => sum + span.endMs - span.startMs, 0)),
      periods: merged.map((span) => ({
        startS: seconds(span.startMs),
        endS: seconds(span.endMs),
        kinds: span.kinds,
        reconnectAttempts: span.attempts,
        ongoing: span.ongoing,
      })),
    };
  }
}
