/**
 * After the loop: let what is in flight finish within the executors' gracefulStop (what has not
 * started by then is skipped and counted as dropped), then make every worker report all it
 * recorded and fold the main thread's last measurements in. Returns the first failure seen.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { asChatloadError, type ChatloadError } from '../core/errors.js';
import type { ResolvedScenario } from '../scenario/resolved.js';
import type { Pace } from './pace.js';
import type { RunParts } from './setup.js';

/** How long workers get to report their last measurements once everything has drained. */
const FINAL_FLUSH_MS = 60_000;

function maxGracefulStopMs(scenario: ResolvedScenario): number {
  return Math.max(0, ...scenario.executors.map((e) => e.gracefulStopMs));
}

export async function drainRun(
  scenario: ResolvedScenario,
  parts: RunParts,
  pace: Pace,
  lastSecond: number,
): Promise<ChatloadError | null> {
  const { pool, dispatcher, mainRecorder, aggregate } = parts;
  const grace = new AbortController();
  const drained = await Promise.race([
    dispatcher.idle().then(() => true),
    sleep(maxGracefulStopMs(scenario), false, { signal: grace.signal }).catch(() => false),
  ]);
  grace.abort();
  if (!drained) {
    pool.skipPending();
    await dispatcher.idle();
  }
  dispatcher.skippedByScenario.forEach((rows, scenarioIndex) => {
    if (rows > 0) mainRecorder.recordDropped(scenarioIndex, rows);
  });
  let failure = dispatcher.fatal;
  try {
    await pool.flush(true, FINAL_FLUSH_MS);
  } catch (error) {
    failure ??= asChatloadError(error);
  }
  aggregate.add(mainRecorder.snapshot(Math.max(lastSecond + 1, Math.ceil(pace.now() / 1000))));
  return failure;
}
