/**
 * Turns a resolved scenario into its schedule: one merged arrival schedule for the open-model
 * executors and one VU plan per closed-model executor. `exec: 'model'` expands into one stream
 * per ActionStream of the model's mix at ratePerS × rate multiple × scale, each with a phase
 * drawn from the seed so that streams of equal rate do not arrive in lockstep.
 */
import { combineSeeds, hashString, Random } from '../../core/random.js';
import { actionRates } from '../../model/rates.js';
import { type DeploymentModel } from '../../model/types.js';
import {
  isArrivalExecutor,
  type ResolvedArrivalExecutor,
  type ResolvedExec,
  type ResolvedScenario,
} from '../../scenario/resolved.js';
import { plannedDurationMs, plannedDurationWithGraceMs } from '../../scenario/timeline.js';
import { modelStreams } from '../mix.js';
import type { ActionStream } from '../types.js';
import { ArrivalStream } from './arrival-stream.js';
import { ArrivalSchedule } from './arrivals.js';
import { WeightedChoice } from './draw.js';
import { RateProfile } from './rate-profile.js';
import { ClosedPlan, type IterationChoice, type VuPlan } from './vu-plan.js';
import { ROOM_CLASSES, type RoomClass } from '../../core/vocabulary.js';
import type { ActionKind } from '../../core/vocabulary.js';

export interface Schedule {
  /** Every arrival of the open-model executors, in time order. */
  arrivals: ArrivalSchedule;
  /** The closed-model executors, in declaration order. */
  vuPlans: VuPlan[];
  /** The latest executor end on the run clock, ms. */
  plannedDurationMs: number;
  /** The same plus that executor's graceful stop: the longest the run may take. */
  plannedDurationWithGraceMs: number;
}

type Work = { action: ActionKind; roomClass: RoomClass | null };

/**
 * Posts without a room class go to a class drawn by the model's per-class chat rates (equal
 * shares if the model posts nowhere).
 */
function postClassWeights(model: DeploymentModel): { item: RoomClass; weight: number }[] {
  const rates = actionRates(model).post;
  const silent = ROOM_CLASSES.every((c) => rates[c] <= 0);
  return ROOM_CLASSES.map((c) => ({ item: c, weight: silent ? 1 : rates[c] }));
}

function profileFor(e: ResolvedArrivalExecutor, perMsPerUnit: number): RateProfile {
  if (e.executor === 'constant-arrival-rate')
    return RateProfile.constant(e.rate * perMsPerUnit, e.durationMs);
  return new RateProfile(
    e.startRate * perMsPerUnit,
    e.stages.map((s) => ({ durationMs: s.durationMs, targetPerMs: s.target * perMsPerUnit })),
  );
}

function arrivalStreams(
  scenario: ResolvedScenario,
  e: ResolvedArrivalExecutor,
  mix: readonly ActionStream[],
  drawSeed: number,
): ArrivalStream[] {
  const { index: segmentIndex, count: segmentCount } = scenario.segment;
  const spec = { scenarioIndex: e.index, startMs: e.startTimeMs, drawSeed };
  if (e.exec.kind === 'action') {
    const { action, roomClass } = e.exec;
    const choice =
      action === 'post' && roomClass === null
        ? new WeightedChoice(postClassWeights(scenario.model))
        : roomClass;
    const profile = profileFor(e, scenario.scale / e.timeUnitMs);
    return [
      new ArrivalStream(
        { ...spec, action, roomClass: choice, profile, phase: 0 },
        segmentIndex,
        segmentCount,
      ),
    ];
  }
  const phases = new Random(drawSeed);
  return mix.flatMap((stream) => {
    const phase = phases.next();
    if (stream.ratePerS <= 0) return [];
    const profile = profileFor(e, (stream.ratePerS * scenario.scale) / e.timeUnitMs);
    return [
      new ArrivalStream(
        { ...spec, action: stream.action, roomClass: stream.roomClass, profile, phase },
        segmentIndex,
        segmentCount,
      ),
    ];
  });
}

function iterationChoice(
  scenario: ResolvedScenario,
  exec: ResolvedExec,
  mix: readonly ActionStream[],
): IterationChoice {
  if (exec.kind === 'model') {
    return new WeightedChoice<Work>(
      mix.map((s) => ({ item: { action: s.action, roomClass: s.roomClass }, weight: s.ratePerS })),
    );
  }
  const { action, roomClass } = exec;
  if (action !== 'post' || roomClass !== null)
    return new WeightedChoice<Work>([{ item: { action, roomClass }, weight: 1 }]);
  return new WeightedChoice<Work>(
    postClassWeights(scenario.model).map(({ item, weight }) => ({
      item: { action, roomClass: item },
      weight,
    })),
  );
}

/** Builds the schedule; `mix` defaults to the model's own (`modelStreams`). */
export function buildSchedule(
  scenario: ResolvedScenario,
  mix: readonly ActionStream[] = modelStreams(scenario.model),
): Schedule {
  const streams: ArrivalStream[] = [];
  const vuPlans: VuPlan[] = [];
  for (const e of scenario.executors) {
    const drawSeed = combineSeeds(scenario.seed, hashString(`schedule/${e.name}`));
    if (isArrivalExecutor(e)) streams.push(...arrivalStreams(scenario, e, mix, drawSeed));
    else
      vuPlans.push(
        new ClosedPlan(e, scenario.segment, iterationChoice(scenario, e.exec, mix), drawSeed),
      );
  }
  return {
    arrivals: new ArrivalSchedule(streams),
    vuPlans,
    plannedDurationMs: plannedDurationMs(scenario),
    plannedDurationWithGraceMs: plannedDurationWithGraceMs(scenario),
  };
}
