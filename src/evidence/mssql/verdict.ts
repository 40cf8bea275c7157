/**
 * The SQL Server rules: the wait class holding the largest share of the window's wait time
 * (signal wait counting for CPU) names the bottleneck when it holds at least a quarter of it,
 * with the figures that support it (file stalls, counters, the statement on top); without wait
 * statistics, the file stalls alone can still point at a device.
 */
import {
  bottleneck,
  fixed,
  RULES_OF_THUMB,
  type Bottleneck,
  type BottleneckKind,
} from '../bottleneck.js';
import { isKnown, ms, percent, valueOf, type Fact } from '../fact.js';
import { findCounter, type CounterReading } from './counters.js';
import type { MssqlDeltas } from './deltas.js';
import type { WaitClass, WaitDeltas } from './waits.js';

/** The log (or data) files of every store database together: stall weighted by operations. */
function filesOf(
  deltas: MssqlDeltas,
  kind: 'data' | 'log',
): { readStall: number | null; writeStall: number | null } {
  let reads = 0;
  let writes = 0;
  let readStall = 0;
  let writeStall = 0;
  for (const { deltas: fact } of deltas.files) {
    if (!isKnown(fact)) continue;
    for (const g of fact.value.groups.filter((x) => x.kind === kind)) {
      reads += g.reads;
      writes += g.writes;
      readStall += (g.avgReadStallMs ?? 0) * g.reads;
      writeStall += (g.avgWriteStallMs ?? 0) * g.writes;
    }
  }
  return {
    readStall: reads > 0 ? readStall / reads : null,
    writeStall: writes > 0 ? writeStall / writes : null,
  };
}

function rate(
  counters: Fact<CounterReading[]>,
  object: string,
  counter: string,
  instance = '',
): number | null {
  if (!isKnown(counters)) return null;
  const reading = findCounter(counters.value, object, counter, instance);
  return reading !== undefined && isKnown(reading.value) ? reading.value.value : null;
}

const VERDICT_OF: Record<WaitClass, { kind: BottleneckKind; verdict: string }> = {
  'log flush': { kind: 'log flush', verdict: 'log flush bound' },
  'data reads': { kind: 'data reads', verdict: 'data reads' },
  locks: { kind: 'locks', verdict: 'lock contention' },
  'page latches': { kind: 'page latches', verdict: 'page latch contention' },
  CPU: { kind: 'CPU', verdict: 'CPU' },
  'network and client': { kind: 'network and client', verdict: 'network or a slow client' },
  'memory grants': { kind: 'memory grants', verdict: 'memory grants' },
  parallelism: { kind: 'parallelism', verdict: 'parallelism' },
  other: { kind: 'other waits', verdict: 'other waits' },
};

/** Figures that support a class's verdict, beyond its share of wait time. */
function supporting(waitClass: WaitClass, waits: WaitDeltas, d: MssqlDeltas): string[] {
  const out: string[] = [];
  const log = filesOf(d, 'log');
  const data = filesOf(d, 'data');
  switch (waitClass) {
    case 'log flush': {
      if (log.writeStall !== null) out.push(`log write stall ${ms(log.writeStall)}`);
      const flushes = isKnown(d.counters)
        ? d.counters.value
            .filter((r) => r.counter === 'Log Flushes/sec')
            .reduce((sum, r) => sum + (valueOf(r.value) ?? 0), 0)
        : 0;
      if (flushes > 0) out.push(`${fixed(flushes)} log flushes/s`);
      break;
    }
    case 'data reads': {
      if (data.readStall !== null) out.push(`data read stall ${ms(data.readStall)}`);
      const ple = isKnown(d.counters)
        ? findCounter(d.counters.value, 'Buffer Manager', 'Page life expectancy')
        : undefined;
      if (ple?.start != null && ple.end != null && ple.end < ple.start) {
        out.push(`page life expectancy falling (${ple.start} → ${ple.end} s)`);
      }
      break;
    }
    case 'locks': {
      const lockWaits = rate(d.counters, 'Locks', 'Lock Waits/sec', '_Total');
      if (lockWaits !== null) out.push(`${fixed(lockWaits)} lock waits/s`);
      const deadlocks = rate(d.counters, 'Locks', 'Number of Deadlocks/sec', '_Total');
      if (deadlocks !== null && deadlocks > 0) out.push(`${fixed(deadlocks)} deadlocks/s`);
      const top = isKnown(d.statements)
        ? d.statements.value.top.find((s) => s.statement !== null)
        : undefined;
      const hot = waits.classes.find((c) => c.waitClass === 'locks')?.top;
      if (top?.statement === 'grpchat' && (hot === 'LCK_M_U' || hot === 'LCK_M_X')) {
        out.push('likely the hot rooms\u2019 counter rows (tblLastChatId, updated by every post)');
      }
      break;
    }
    case 'page latches':
      out.push('in-memory page contention (e.g. inserts at the end of one index)');
      break;
    case 'network and client':
      out.push('the client reads results slowly: check the load generator');
      break;
    default:
      break;
  }
  return out;
}

const FAMILY: Partial<Record<WaitClass, string>> = {
  'data reads': 'PAGEIOLATCH_*',
  locks: 'LCK_M_*',
  'page latches': 'PAGELATCH_*',
};

/** "WRITELOG 64 % of wait time", or "LCK_M_* 45 % of wait time (LCK_M_U 41 %)". */
function shareLabel(waits: WaitDeltas, waitClass: WaitClass): string {
  const c = waits.classes.find((x) => x.waitClass === waitClass);
  if (c === undefined) return '';
  const top = waits.top.find((x) => x.waitType === c.top);
  if (top === undefined || top.waitMs === c.waitMs)
    return `${c.top} ${percent(c.share)} of wait time`;
  const family = FAMILY[waitClass] ?? waitClass;
  return `${family} ${percent(c.share)} of wait time (${c.top} ${percent(top.share)})`;
}

export function mssqlVerdict(d: MssqlDeltas): Bottleneck {
  const t = RULES_OF_THUMB;
  if (!isKnown(d.waits)) return fileStallVerdict(d, d.waits.unknown);
  const waits = d.waits.value;
  if (waits.waitingTasks < t.minWaitingTasks) {
    const batches = rate(d.counters, 'SQL Statistics', 'Batch Requests/sec');
    return bottleneck('no server limit', 'no server resource limit', [
      `${waits.waitingTasks.toFixed(2)} tasks waiting on average`,
      ...(batches === null ? [] : [`${fixed(batches)} batch requests/s`]),
    ]);
  }
  // CPU pressure shows as signal wait across every class, not only as SOS_SCHEDULER_YIELD.
  const candidates = waits.classes.map((c) => ({
    waitClass: c.waitClass,
    share: c.waitClass === 'CPU' ? Math.max(c.share, waits.signalShare) : c.share,
  }));
  if (!candidates.some((c) => c.waitClass === 'CPU')) {
    candidates.push({ waitClass: 'CPU', share: waits.signalShare });
  }
  candidates.sort((a, b) => b.share - a.share);
  const named = candidates.filter((c) => c.share >= t.dominantShare);
  const [winner, ...others] = named;
  if (winner === undefined) {
    return bottleneck(
      'no dominant wait',
      'no dominant wait',
      candidates
        .filter((c) => c.share > 0)
        .slice(0, 3)
        .map((c) => `${c.waitClass} ${percent(c.share)}`),
    );
  }
  const label = (c: WaitClass): string[] =>
    c === 'CPU'
      ? [
          `signal waits ${percent(waits.signalShare)} of wait time`,
          shareLabel(waits, 'CPU'),
        ].filter((x) => x !== '')
      : [shareLabel(waits, c)];
  const { kind, verdict } = VERDICT_OF[winner.waitClass];
  return bottleneck(
    kind,
    verdict,
    [...label(winner.waitClass), ...supporting(winner.waitClass, waits, d)],
    others.map((c) => `${VERDICT_OF[c.waitClass].verdict} (${label(c.waitClass).join(', ')})`),
  );
}

/** Without wait statistics, the file stalls alone can still point at a device. */
function fileStallVerdict(d: MssqlDeltas, reason: string): Bottleneck {
  const t = RULES_OF_THUMB;
  const log = filesOf(d, 'log');
  const data = filesOf(d, 'data');
  const note = `wait statistics unknown: ${reason}`;
  if (log.writeStall !== null && log.writeStall > t.logWriteStallMs) {
    return bottleneck('log flush', 'log flush bound', [
      `log write stall ${ms(log.writeStall)}`,
      note,
    ]);
  }
  if (data.readStall !== null && data.readStall > t.dataReadStallMs) {
    return bottleneck('data reads', 'data reads', [`data read stall ${ms(data.readStall)}`, note]);
  }
  return bottleneck('unknown', `unknown: no server evidence (${reason})`, []);
}
