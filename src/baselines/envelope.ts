/**
 * The derived envelope of a hardware class (hardware-baselines.md): what its disks, log and
 * memory can give, estimated from rules of thumb with the arithmetic written out, and checks of
 * what a run (or the documented requirement) needs against it. Estimates, labelled as such.
 */
import type { ResultsFile } from '../metrics/results.js';
import { lync2013 } from '../model/lync2013.js';
import type { DeploymentModel } from '../model/types.js';
import { numericFigure } from './catalog.js';
import type { BaselineClass, EnvelopeCheck, EnvelopeComparison, Figure } from './types.js';
import { formatGrouped } from '../core/format.js';

/**
 * Operations whose every transaction commits once: a chat message row in mgc, a compliance
 * record in mgccomp. Both logs sit on the class's one log array. Reads commit nothing.
 */
export const COMMITTING_OPS = ['post', 'compliance'] as const;

const GB = 1e9;

/** A figure in a formula: whole unless `digits` asks for decimals. */
function n(value: number, digits = 0): string {
  return formatGrouped(value, digits);
}

/** Models whose working-day and row-size inputs the store-growth estimate can use. */
function modelNamed(name: string): DeploymentModel | undefined {
  return name === lync2013.name ? lync2013 : undefined;
}

export interface Envelope {
  dataReadsPerS?: number;
  dataWritesPerS?: number;
  logFlushesPerS?: number;
  bufferPoolGb?: number;
  maxDatabaseGb?: number;
  figures: Figure[];
}

/** The class's capacity figures, derived from its hardware figures. */
export function deriveEnvelope(cls: BaselineClass): Envelope {
  const envelope: Envelope = { figures: [] };
  const drives = numericFigure(cls, 'dataDrives');
  const iops = numericFigure(cls, 'driveRandomIops');
  const penalty = numericFigure(cls, 'dataWritePenalty');
  const flushMs = numericFigure(cls, 'logFlushMs');
  const source = `${cls.title}: hardware-baselines.md rules of thumb`;
  if (drives !== undefined && iops !== undefined) {
    const reads = drives * iops;
    envelope.dataReadsPerS = reads;
    envelope.figures.push({
      label: 'data array random reads',
      value: reads,
      unit: 'reads/s',
      kind: 'derived',
      source,
      formula: `${n(drives)} drives × ${n(iops)} IOPS = ${n(reads)} random reads/s`,
    });
    if (penalty !== undefined && penalty > 0) {
      const writes = reads / penalty;
      envelope.dataWritesPerS = writes;
      envelope.figures.push({
        label: 'data array random writes',
        value: writes,
        unit: 'writes/s',
        kind: 'derived',
        source,
        formula: `${n(reads)} reads/s ÷ ${n(penalty)} (write penalty) = ${n(writes)} random writes/s`,
      });
    }
  }
  if (flushMs !== undefined && flushMs > 0) {
    const flushes = 1000 / flushMs;
    envelope.logFlushesPerS = flushes;
    envelope.figures.push({
      label: 'log flushes at concurrency 1',
      value: Math.round(flushes),
      unit: 'commits/s',
      kind: 'derived',
      source,
      formula: `1,000 ms ÷ ${n(flushMs, 1)} ms per flush ≈ ${n(flushes)} commits/s (more with concurrent commits: group commit shares a flush)`,
    });
  }
  const bufferPool = numericFigure(cls, 'bufferPoolGb');
  if (bufferPool !== undefined) envelope.bufferPoolGb = bufferPool;
  const maxDatabase = numericFigure(cls, 'maxDatabaseGb');
  if (maxDatabase !== undefined) envelope.maxDatabaseGb = maxDatabase;
  return envelope;
}

function check(
  label: string,
  needed: number,
  capacity: number,
  unit: string,
  formula: string,
): EnvelopeCheck {
  return {
    label,
    needed,
    capacity,
    unit,
    utilisation: needed / capacity,
    formula,
    kind: 'derived',
  };
}

function successRate(results: ResultsFile, op: string): number {
  const result = results.ops[op as keyof ResultsFile['ops']];
  if (result === undefined || results.run.durationS <= 0) return 0;
  return (result.count - result.failed) / results.run.durationS;
}

/**
 * Checks of the run and of the documented requirement (the model's rates × `users` ÷ model
 * users) against the envelope.
 */
export function compareWithEnvelope(
  cls: BaselineClass,
  results: ResultsFile,
  users: number,
): EnvelopeComparison {
  const envelope = deriveEnvelope(cls);
  const checks: EnvelopeCheck[] = [];
  const model = results.scenario.model;
  const factor = model.concurrentUsers > 0 ? users / model.concurrentUsers : 1;
  const required = (op: string): number =>
    (model.requiredTxPerS[op as keyof typeof model.requiredTxPerS] ?? 0) * factor;
  const committing = COMMITTING_OPS.filter(
    (op) => op !== 'compliance' || results.scenario.compliance,
  );

  if (envelope.logFlushesPerS !== undefined) {
    const cap = envelope.logFlushesPerS;
    const neededReq = committing.reduce((sum, op) => sum + required(op), 0);
    const parts = committing.map((op) => `${n(required(op), 2)} ${op}/s`).join(' + ');
    checks.push(
      check(
        'log commits at the documented requirement',
        neededReq,
        cap,
        'commits/s',
        `${parts} = ${n(neededReq, 2)} commits/s vs ~${n(cap)} flushes/s → ${n((100 * neededReq) / cap, 1)}% of the log at concurrency 1`,
      ),
    );
    const measured = committing.reduce((sum, op) => sum + successRate(results, op), 0);
    const measuredParts = committing
      .map((op) => `${n(successRate(results, op), 2)} ${op}/s`)
      .join(' + ');
    checks.push(
      check(
        'log commits in this run',
        measured,
        cap,
        'commits/s',
        `${measuredParts} = ${n(measured, 2)} commits/s vs ~${n(cap)} flushes/s → ${n((100 * measured) / cap, 1)}%`,
      ),
    );
  }
  if (envelope.dataReadsPerS !== undefined && required('history') > 0) {
    const needed = required('history');
    checks.push(
      check(
        'cold history reads at the documented requirement',
        needed,
        envelope.dataReadsPerS,
        'reads/s',
        `${n(needed, 2)} history pages/s × ~1 random read per page of history older than the buffer pool (assumption) vs ${n(envelope.dataReadsPerS)} reads/s`,
      ),
    );
  }
  const growth = yearlyGrowthGb(modelNamed(cls.model), required('post'));
  if (growth !== undefined) {
    envelope.figures.push(growth.figure);
    if (envelope.bufferPoolGb !== undefined) {
      checks.push(
        check(
          'a year of history vs the buffer pool',
          growth.gb,
          envelope.bufferPoolGb,
          'GB',
          `${n(growth.gb, 1)} GB of history ÷ ${n(envelope.bufferPoolGb)} GB buffer pool = ${n(growth.gb / envelope.bufferPoolGb, 2)}: above 1, reads of older history go to the data array`,
        ),
      );
    }
    if (envelope.maxDatabaseGb !== undefined) {
      const days = (envelope.maxDatabaseGb / growth.gb) * growth.workdays;
      checks.push(
        check(
          'a year of history vs the largest database',
          growth.gb,
          envelope.maxDatabaseGb,
          'GB',
          `${n(growth.gb, 1)} GB of history vs a ${n(envelope.maxDatabaseGb)} GB limit: full after ~${n(days)} working days`,
        ),
      );
    }
  }
  return { kind: 'derived', figures: envelope.figures, checks };
}

/** History a year of posts at `postsPerS` adds to the store, from the model's day and row size. */
function yearlyGrowthGb(
  model: DeploymentModel | undefined,
  postsPerS: number,
): { gb: number; workdays: number; figure: Figure } | undefined {
  if (model === undefined || postsPerS <= 0) return undefined;
  const daySeconds = model.rates.workdayHours * 3600;
  const workdays = model.rates.workdaysPerYear;
  const rowBytes = model.assumptions.averageChatRowBytes;
  const perDay = postsPerS * daySeconds;
  const gb = (perDay * workdays * rowBytes) / GB;
  return {
    gb,
    workdays,
    figure: {
      label: 'store growth per year',
      value: Math.round(gb * 10) / 10,
      unit: 'GB',
      kind: 'derived',
      source: `${model.name} model: working day and year are documented; bytes per message row are chatload's assumption`,
      formula: `${n(postsPerS, 2)} posts/s × ${n(daySeconds)} s = ${n(perDay)} messages/day; × ${n(workdays)} days × ${n(rowBytes)} B per row = ${n(gb, 1)} GB`,
    },
  };
}
