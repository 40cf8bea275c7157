/**
 * The pipeline's concurrency against a network target (issue 11 §3, goal: ≥ 0.9 of Little's
 * law). With K actions in flight (maxVUs = K) and every action taking L on the target, a
 * pipeline that loses no time between one action's end and the next one's start completes
 * K / L actions per second. `null:?latencyMs=L` is that target: each post waits L without
 * blocking its worker (a network round trip). Arrivals are offered at ten times K / L (at most
 * 60,000/s: beyond that, generating the arrivals that are then dropped would compete with the
 * pipeline for the CPU), so the in-flight limit is always what holds them back (the excess is
 * dropped, never delayed) and a freed slot soon finds its next arrival; the completed rate is
 * read in the steady window (the first and last second left out).
 *
 * One worker: a network driver's concurrency comes from waiting without blocking, not from
 * threads. Beside it, the limit on this machine in the same run: K plain async loops, each awaiting a
 * timer of L, with nothing else in between (Node's timers fire a little after L).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { models } from '../src/model/index.js';
import { benchScenario, runScenario } from './pipeline-scenario.js';

const LATENCY_MS = 20;
const IN_FLIGHT = [8, 64, 512] as const;
const SECONDS = 10;
const GOAL_RATIO = 0.9;
const WORKERS = 1;
const OFFERED_MULTIPLE = 10;
const MAX_OFFERED_PER_S = 60_000;

/** Completed posts per second in the steady window (every second but the first and last). */
async function pipelineRate(k: number): Promise<{ perS: number; dropped: number }> {
  const offered = Math.min(MAX_OFFERED_PER_S, (OFFERED_MULTIPLE * k * 1000) / LATENCY_MS);
  const scenario = benchScenario(models.lync2013, {
    executor: 'constant-arrival-rate',
    exec: 'post',
    rate: offered,
    duration: `${SECONDS}s`,
    preAllocatedVUs: k,
    maxVUs: k,
  });
  const outcome = await runScenario(scenario, {
    target: `null:?latencyMs=${LATENCY_MS}`,
    workers: WORKERS,
  });
  if (outcome.failure !== null) throw outcome.failure;
  const counts = outcome.results.timeseries.ops.post?.count ?? [];
  const steady = counts.slice(1, Math.min(counts.length - 1, SECONDS));
  if (steady.length === 0) throw new Error('no steady seconds');
  return {
    perS: steady.reduce((a, b) => a + b, 0) / steady.length,
    dropped: outcome.results.dropped,
  };
}

/** K loops awaiting L each, for `seconds`: actions per second with nothing else to do. */
async function timerLoopRate(k: number, seconds: number): Promise<number> {
  let done = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: k }, async () => {
      while (performance.now() < end) {
        await sleep(LATENCY_MS);
        done++;
      }
    }),
  );
  return done / seconds;
}

export async function run(): Promise<Record<string, number | string>> {
  const figures: Record<string, number | string> = {
    latencyMs: LATENCY_MS,
    workers: WORKERS,
    seconds: SECONDS,
    offeredMultiple: OFFERED_MULTIPLE,
    maxOfferedPerS: MAX_OFFERED_PER_S,
    goalRatio: GOAL_RATIO,
  };
  let met = true;
  for (const k of IN_FLIGHT) {
    const limit = (k * 1000) / LATENCY_MS;
    const { perS } = await pipelineRate(k);
    const timers = await timerLoopRate(k, 3);
    const ratio = perS / limit;
    met &&= ratio >= GOAL_RATIO;
    figures[`k${k}LittlesLawPerS`] = Math.round(limit);
    figures[`k${k}AchievedPerS`] = Math.round(perS);
    figures[`k${k}Ratio`] = Number(ratio.toFixed(3));
    figures[`k${k}TimerLoopPerS`] = Math.round(timers);
    figures[`k${k}RatioToTimerLoop`] = Number((perS / timers).toFixed(3));
  }
  figures['goalMet'] = met ? 'yes' : 'no';
  return figures;
}
