/**
 * The `chatload/capacity@1` result (DESIGN.md "Capacity (contract)"): the types, and a builder
 * from the search state and the judged steps. Writing and validating the file belong to the
 * results-file code; this module only assembles the facts.
 */
import type { OpName } from '../core/vocabulary.js';
import type { GeneratorDeltas } from '../evidence/generator.js';
import type { Bottleneck, ServerDeltas } from '../evidence/verdict.js';
import type { LimitedBy } from './judge.js';
import {
  bracketOf,
  stepBound,
  type SearchPhase,
  type SearchSettings,
  type SearchState,
  type StepVerdict,
  type StopReason,
} from './search.js';
import { fitUsl, type UslFit } from './usl.js';

export const CAPACITY_SCHEMA = 'chatload/capacity@1';

export interface OpPercentiles {
  p50: number;
  p95: number;
  p99: number;
}

/** What was sampled around a step's window, and the verdict drawn from it. */
export interface StepEvidence {
  server: ServerDeltas;
  generator: GeneratorDeltas | null;
  bottleneck: Bottleneck;
}

export interface CapacityStep {
  /** Multiple of the model's rates. */
  multiple: number;
  phase: Exclude<SearchPhase, 'done'>;
  /** SIP transactions per second offered (intended starts) and completed, in the measurement window. */
  offeredTxPerS: number;
  completedTxPerS: number;
  dropped: number;
  failed: number;
  pass: boolean;
  generatorBound: boolean;
  /** Why it failed (or was generator-bound), in words; empty when it passed. */
  reasons: string[];
  limitedBy: LimitedBy | null;
  /** Latency from the intended start (tx_duration), ms, per operation, in the window. */
  ops: Partial<Record<OpName, OpPercentiles>>;
  /** Rows the store gained during the step (steps reuse one store, whose history grows). */
  rowsAdded: number | null;
  evidence: StepEvidence;
}

export interface CapacityResult {
  schema: typeof CAPACITY_SCHEMA;
  /** Largest multiple every run of which passed; null when even `from` failed. */
  maxMultiple: number | null;
  firstFailingMultiple: number | null;
  /** maxMultiple × the model's concurrent users. */
  maxConcurrentUsers: number | null;
  /** The criterion that failed first at firstFailingMultiple, or the generator; null when max passed. */
  limitedBy: LimitedBy | 'generator' | null;
  bottleneck: { verdict: string; evidence: string[] } | null;
  noisy: boolean;
  /** A model fitted to the steps (throughput vs multiple), never a measurement. */
  usl: UslFit;
  search: SearchSettings & { stop: StopReason | 'interrupted'; steps: number; stepBound: number };
  interrupted: boolean;
  steps: CapacityStep[];
}

export function stepVerdict(step: Pick<CapacityStep, 'pass' | 'generatorBound'>): StepVerdict {
  return step.generatorBound ? 'generator-bound' : step.pass ? 'pass' : 'fail';
}

export interface CapacityInput {
  state: SearchState;
  /** The judged steps, in the order they ran (one per run in state.runs). */
  steps: readonly CapacityStep[];
  /** Concurrent users of the model at 1×. */
  modelConcurrentUsers: number;
  interrupted: boolean;
}

function asResultBottleneck(b: Bottleneck): { verdict: string; evidence: string[] } {
  return { verdict: b.verdict, evidence: b.evidence };
}

/** The step that explains the answer: the generator-bound one, the first failure, else the heaviest pass. */
function decisiveStep(
  steps: readonly CapacityStep[],
  firstFailing: number | null,
): CapacityStep | undefined {
  return (
    steps.find((s) => s.generatorBound) ??
    (firstFailing === null
      ? undefined
      : steps.find((s) => s.multiple === firstFailing && !s.pass)) ??
    [...steps].sort((a, b) => b.multiple - a.multiple)[0]
  );
}

export function buildCapacityResult(input: CapacityInput): CapacityResult {
  const { state, steps } = input;
  const bracket = bracketOf(state);
  const decisive = decisiveStep(steps, bracket.firstFailingMultiple);
  const limitedBy: CapacityResult['limitedBy'] =
    bracket.generatorBoundAt !== null
      ? 'generator'
      : decisive !== undefined && !decisive.pass
        ? decisive.limitedBy
        : null;
  const points = steps
    .filter((s) => !s.generatorBound)
    .map((s) => ({ n: s.multiple, x: s.completedTxPerS }));
  return {
    schema: CAPACITY_SCHEMA,
    maxMultiple: bracket.maxMultiple,
    firstFailingMultiple: bracket.firstFailingMultiple,
    maxConcurrentUsers:
      bracket.maxMultiple === null
        ? null
        : Math.floor(bracket.maxMultiple * input.modelConcurrentUsers),
    limitedBy,
    bottleneck: decisive === undefined ? null : asResultBottleneck(decisive.evidence.bottleneck),
    noisy: bracket.noisy,
    usl: fitUsl(points),
    search: {
      ...state.settings,
      stop: input.interrupted ? 'interrupted' : (state.stop ?? 'interrupted'),
      steps: steps.length,
      stepBound: stepBound(state.settings),
    },
    interrupted: input.interrupted,
    steps: [...steps],
  };
}
