/**
 * Command-line flags that override a loaded scenario (`chatload run --duration --scale --seed
 * --workers --segment`). Values arrive as the CLI got them (strings) or as numbers; each is
 * validated here and an error names the flag.
 *
 * `--duration D` rescales the scenario's timeline so that it ends at D: every `startTime`,
 * `duration`, stage duration and `maxDuration` is multiplied by D / (planned duration), so phases
 * keep their proportions (a 1-minute ramp before a 4-minute plateau becomes a 12-second ramp
 * before a 48-second plateau with `--duration 1m`). Rates, VU counts, iteration counts and
 * graceful stops are unchanged. A scenario of one constant executor simply gets duration D.
 *
 * `--scale F` multiplies every arrival rate: the model's mix (`exec: 'model'`) and single-action
 * `rate` / `startRate` / stage targets alike. VU counts of closed-model executors are unchanged.
 *
 * `--segment I/N` (0 <= I < N) makes this instance one of N that together run the scenario: it
 * takes every N-th arrival of each arrival stream starting at the I-th, every N-th VU starting at
 * VU I, and every N-th shared iteration starting at I, so the N segments partition the work.
 */
import { parseDuration } from '../core/duration.js';
import { InputError, messageOf } from '../core/errors.js';
import { parseWholeNumber, type WholeRange } from '../core/whole-number.js';
import type { ResolvedExecutor, ResolvedScenario, ResolvedStage, Segment } from './resolved.js';
import { plannedDurationMs } from './timeline.js';

/** Seeds are 32-bit: the seeded generators take an unsigned 32-bit state. */
export const SEED_RANGE: WholeRange = { min: 0, max: 2 ** 32 - 1 };
export const WORKERS_RANGE: WholeRange = { min: 1, max: 1024 };

export interface RunOverrides {
  /** `--duration`: a duration string (`90s`, `1m`) or milliseconds. */
  duration?: string | number;
  /** `--scale`: a positive multiple (`50`, `0.5`, `50x`). */
  scale?: string | number;
  /** `--seed`: a whole number from 0 to 4294967295. */
  seed?: string | number;
  /** `--workers`: a whole number >= 1. */
  workers?: string | number;
  /** `--segment`: `I/N`. */
  segment?: string;
}

function parseNumber(
  flag: string,
  value: string | number,
  pattern: RegExp,
  expected: string,
): number {
  const text = String(value).trim();
  const n = typeof value === 'number' ? value : pattern.test(text) ? Number.parseFloat(text) : NaN;
  if (!Number.isFinite(n)) throw new InputError(flag, `must be ${expected} (got "${text}")`);
  return n;
}

export function parseScale(value: string | number): number {
  const scale = parseNumber(
    '--scale',
    value,
    /^\d+(\.\d+)?x?$/i,
    'a positive multiple such as 1, 0.5 or 50',
  );
  if (scale <= 0)
    throw new InputError(
      '--scale',
      `must be a positive multiple such as 1, 0.5 or 50 (got ${scale})`,
    );
  return scale;
}

export function parseSegment(text: string): Segment {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index >= count) {
    throw new InputError('--segment', `must be I/N with 0 <= I < N, e.g. 0/3 (got "${text}")`, {
      hint: 'Run N instances with segments 0/N, 1/N ... (N-1)/N; together they run the whole scenario.',
    });
  }
  return { index, count };
}

export function parseDurationFlag(value: string | number): number {
  let ms: number;
  try {
    ms = typeof value === 'number' ? value : parseDuration(value);
  } catch (error) {
    throw new InputError('--duration', messageOf(error));
  }
  if (!Number.isFinite(ms) || ms <= 0)
    throw new InputError('--duration', `must be longer than 0s (got ${String(value)})`);
  return ms;
}

function rescaleExecutor(e: ResolvedExecutor, factor: number): ResolvedExecutor {
  const span = (ms: number): number => Math.max(1, Math.round(ms * factor));
  const stages = (list: ResolvedStage[]): ResolvedStage[] =>
    list.map((s) => ({ ...s, durationMs: s.durationMs === 0 ? 0 : span(s.durationMs) }));
  const startTimeMs = Math.round(e.startTimeMs * factor);
  switch (e.executor) {
    case 'constant-arrival-rate':
    case 'constant-vus':
      return { ...e, startTimeMs, durationMs: span(e.durationMs) };
    case 'ramping-arrival-rate':
    case 'ramping-vus':
      return { ...e, startTimeMs, stages: stages(e.stages) };
    case 'per-vu-iterations':
    case 'shared-iterations':
      return { ...e, startTimeMs, maxDurationMs: span(e.maxDurationMs) };
  }
}

/** Returns a new scenario with the flags applied (see the module comment for each rule). */
export function applyRunOverrides(
  scenario: ResolvedScenario,
  overrides: RunOverrides,
): ResolvedScenario {
  let executors = scenario.executors;
  if (overrides.duration !== undefined) {
    const factor = parseDurationFlag(overrides.duration) / plannedDurationMs(scenario);
    executors = executors.map((e) => rescaleExecutor(e, factor));
  }
  return {
    ...scenario,
    executors,
    scale: overrides.scale === undefined ? scenario.scale : parseScale(overrides.scale),
    seed:
      overrides.seed === undefined
        ? scenario.seed
        : parseWholeNumber('--seed', overrides.seed, SEED_RANGE),
    workers:
      overrides.workers === undefined
        ? scenario.workers
        : parseWholeNumber('--workers', overrides.workers, WORKERS_RANGE),
    segment: overrides.segment === undefined ? scenario.segment : parseSegment(overrides.segment),
  };
}
