/**
 * The capacity search as a pure, deterministic state machine: it says which multiple of the
 * model's rates to run next, and takes each step's verdict back. Nothing here runs a step or
 * reads a clock, so the search is tested on oracles ("the database carries exactly 37×") in
 * microseconds, and the bracket found so far is always at hand (live progress, Ctrl-C).
 *
 * 1. Ramp: `from`, ×2, ×4 … (the last one capped at `max`) until a step fails or `max` passes.
 * 2. Bisection between the last pass L and the first failure U, at their geometric mean, until
 *    (U − L) ÷ L < `precision`.
 * 3. Confirmation: `repeats` more runs at the boundary, alternately at L and U. A multiple counts
 *    as passing only when every run at it passed; one whose runs disagree makes the boundary
 *    `noisy` (reported, never smoothed over).
 *
 * A generator-bound step stops the search at once: it measured chatload, not the database.
 */
import { InputError } from '../core/errors.js';

export interface SearchSettings {
  /** First multiple of the model's rates. @default 1 */
  from: number;
  /** Largest multiple tried. */
  max: number;
  /** Bisection stops when (U − L) ÷ L is below this. @default 0.05 */
  precision: number;
  /** Extra runs at the boundary once the bracket is narrow. @default 0 */
  repeats: number;
}

export const DEFAULT_SEARCH: Omit<SearchSettings, 'max'> = { from: 1, precision: 0.05, repeats: 0 };

export type StepVerdict = 'pass' | 'fail' | 'generator-bound';
export type SearchPhase = 'ramp' | 'bisect' | 'confirm' | 'done';
/** Why the search ended: bracket narrow enough, `max` passed, `from` failed, the generator. */
export type StopReason = 'precision' | 'max' | 'below-from' | 'generator';

export interface SearchRun {
  multiple: number;
  verdict: StepVerdict;
  phase: Exclude<SearchPhase, 'done'>;
}

export interface SearchState {
  readonly settings: SearchSettings;
  readonly phase: SearchPhase;
  readonly runs: readonly SearchRun[];
  /** The multiple to run next; null when the search is done. */
  readonly next: number | null;
  /** Why the search ends (set when the bracket is final, before any confirmation runs). */
  readonly stop: StopReason | null;
  /** Confirmation runs still to do. */
  readonly confirmationsLeft: number;
}

/** What the runs so far establish. */
export interface Bracket {
  /** Largest multiple whose every run passed, below the first failure; null: none yet. */
  maxMultiple: number | null;
  /** Smallest multiple with a failed run; null: none yet. */
  firstFailingMultiple: number | null;
  /** Some multiple's runs disagreed. */
  noisy: boolean;
  /** The multiple of a generator-bound step, if one ended the search. */
  generatorBoundAt: number | null;
}

export function validateSearch(settings: SearchSettings): SearchSettings {
  const { from, max, precision, repeats } = settings;
  if (!(Number.isFinite(from) && from > 0))
    throw new InputError('--from', `must be a positive number (got ${from})`);
  if (!(Number.isFinite(max) && max >= from)) {
    throw new InputError('--max', `must be a number at least --from (${from}); got ${max}`);
  }
  if (!(precision > 0 && precision < 1)) {
    throw new InputError(
      '--precision',
      `must be between 0 and 1 exclusive, e.g. 0.05 for 5 % (got ${precision})`,
    );
  }
  if (!(Number.isInteger(repeats) && repeats >= 0 && repeats <= 20)) {
    throw new InputError('--repeats', `must be a whole number from 0 to 20 (got ${repeats})`);
  }
  return settings;
}

/**
 * The next multiple to bisect at: the geometric mean (multiples are ratios, and it halves the
 * bracket's ratio, which the step bound counts on). Reports round it for reading.
 */
function midpoint(lower: number, upper: number): number {
  return Math.sqrt(lower * upper);
}

function narrow(lower: number, upper: number, precision: number): boolean {
  return (upper - lower) / lower < precision;
}

export function startSearch(settings: SearchSettings): SearchState {
  validateSearch(settings);
  return {
    settings,
    phase: 'ramp',
    runs: [],
    next: settings.from,
    stop: null,
    confirmationsLeft: 0,
  };
}

function runsAt(runs: readonly SearchRun[], multiple: number): SearchRun[] {
  return runs.filter((r) => r.multiple === multiple);
}

export function bracketOf(state: Pick<SearchState, 'runs'>): Bracket {
  const { runs } = state;
  const generator = runs.find((r) => r.verdict === 'generator-bound');
  const judged = runs.filter((r) => r.verdict !== 'generator-bound');
  const failures = judged.filter((r) => r.verdict === 'fail').map((r) => r.multiple);
  const firstFailingMultiple = failures.length === 0 ? null : Math.min(...failures);
  const consistentPasses = [...new Set(judged.map((r) => r.multiple))].filter(
    (m) =>
      runsAt(judged, m).every((r) => r.verdict === 'pass') &&
      (firstFailingMultiple === null || m < firstFailingMultiple),
  );
  const noisy = [...new Set(judged.map((r) => r.multiple))].some(
    (m) => new Set(runsAt(judged, m).map((r) => r.verdict)).size > 1,
  );
  return {
    maxMultiple: consistentPasses.length === 0 ? null : Math.max(...consistentPasses),
    firstFailingMultiple,
    noisy,
    generatorBoundAt: generator?.multiple ?? null,
  };
}

/** Enters confirmation (or ends) once the bracket is final. */
function settle(state: SearchState, runs: SearchRun[], stop: StopReason): SearchState {
  const confirming = { ...state, runs, stop, confirmationsLeft: state.settings.repeats };
  return confirmNext(confirming);
}

/** Confirmation alternates between the last pass and the first failure, the last pass first. */
function confirmNext(state: SearchState): SearchState {
  if (state.confirmationsLeft === 0) return { ...state, phase: 'done', next: null };
  const b = bracketOf(state);
  const ends = [b.maxMultiple, b.firstFailingMultiple].filter((m): m is number => m !== null);
  if (ends.length === 0) return { ...state, phase: 'done', next: null };
  const done = state.settings.repeats - state.confirmationsLeft;
  return { ...state, phase: 'confirm', next: ends[done % ends.length] as number };
}

/** Takes the verdict of the step run at `state.next`; returns the new state. */
export function recordStep(state: SearchState, verdict: StepVerdict): SearchState {
  const multiple = state.next;
  if (multiple === null || state.phase === 'done') {
    throw new RangeError('recordStep after the search ended');
  }
  const runs = [...state.runs, { multiple, verdict, phase: state.phase }];
  if (verdict === 'generator-bound') {
    return { ...state, runs, phase: 'done', next: null, stop: 'generator', confirmationsLeft: 0 };
  }
  const { settings } = state;
  if (state.phase === 'confirm') {
    return confirmNext({ ...state, runs, confirmationsLeft: state.confirmationsLeft - 1 });
  }
  const b = bracketOf({ runs });
  if (state.phase === 'ramp' && verdict === 'pass') {
    if (multiple >= settings.max) return settle(state, runs, 'max');
    return { ...state, runs, next: Math.min(multiple * 2, settings.max) };
  }
  if (b.maxMultiple === null) return settle(state, runs, 'below-from');
  const upper = b.firstFailingMultiple as number;
  if (narrow(b.maxMultiple, upper, settings.precision)) return settle(state, runs, 'precision');
  return { ...state, runs, phase: 'bisect', next: midpoint(b.maxMultiple, upper) };
}

/**
 * The most steps the search can take: the ramp's ⌈log2(max/from)⌉ + 1, bisection from a
 * factor of 2 to 1 + precision by geometric means, ⌈log2(1 / log2(1 + precision))⌉, and the
 * confirmation runs. Each ceiling adds less than one step, and the ramp counts both ends, so
 * this is below log2(max/from) + log2(1/precision) + repeats + 3 (the estimate without
 * the rounding), and the search reaches it when the capacity sits just below `max`.
 */
export function stepBound(settings: SearchSettings): number {
  const ramp = Math.ceil(Math.log2(settings.max / settings.from) - 1e-12) + 1;
  const bisect = Math.ceil(Math.log2(1 / Math.log2(1 + settings.precision)));
  return ramp + bisect + settings.repeats;
}

export interface SearchDriver<T extends { verdict: StepVerdict }> {
  /** Runs one step at `multiple` (warm-up, then the measurement window) and judges it. */
  runStep(multiple: number, state: SearchState): Promise<T>;
  /** After every step: live progress, and the state a Ctrl-C result is built from. */
  onStep?(state: SearchState, outcome: T): void;
  /** Aborting ends the search before the next step; a step it interrupted is discarded. */
  signal?: AbortSignal;
}

export interface SearchOutcome<T> {
  state: SearchState;
  outcomes: T[];
  interrupted: boolean;
}

function aborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/** Runs the search to its end (or until the signal aborts it). */
export async function runSearch<T extends { verdict: StepVerdict }>(
  settings: SearchSettings,
  driver: SearchDriver<T>,
): Promise<SearchOutcome<T>> {
  let state = startSearch(settings);
  const outcomes: T[] = [];
  while (state.next !== null) {
    if (aborted(driver.signal)) return { state, outcomes, interrupted: true };
    const outcome = await driver.runStep(state.next, state);
    if (aborted(driver.signal)) return { state, outcomes, interrupted: true };
    state = recordStep(state, outcome.verdict);
    outcomes.push(outcome);
    driver.onStep?.(state, outcome);
  }
  return { state, outcomes, interrupted: false };
}
