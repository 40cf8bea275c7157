/**
 * Scenarios the pipeline benchmarks run in-process through the real orchestrator (the same code
 * path as `chatload run`, without the CLI around it).
 */
import { models } from '../src/model/index.js';
import type { DeploymentModel } from '../src/model/types.js';
import { startRun, type RunOutcome, type RunRequest } from '../src/run/run.js';
import { defineScenario } from '../src/scenario/define.js';
import type { ResolvedScenario } from '../src/scenario/resolved.js';
import type { Duration, ExecutorConfig } from '../src/scenario/types.js';
import { validateScenario } from '../src/scenario/validate.js';
import type { RunListener } from '../src/run/events.js';

export function benchScenario(
  model: DeploymentModel,
  executor: ExecutorConfig,
  thresholds: Record<string, string[]> = {},
): ResolvedScenario {
  const definition = defineScenario({
    description: 'benchmark',
    model,
    seed: 2013,
    options: { scenarios: { bench: executor }, thresholds },
  });
  return validateScenario(definition, 'bench', {});
}

/** The documented model's whole mix at `multiple` × its rates, for `duration`. */
export function modelAt(multiple: number, duration: Duration): ResolvedScenario {
  return benchScenario(models.lync2013, {
    executor: 'constant-arrival-rate',
    exec: 'model',
    rate: multiple,
    duration,
    preAllocatedVUs: 1_000_000,
  });
}

export function runScenario(
  scenario: ResolvedScenario,
  request: Partial<RunRequest> & { target: string },
  listener: RunListener = () => undefined,
): Promise<RunOutcome> {
  return startRun(
    {
      scenario,
      complianceTarget: null,
      defaultStore: false,
      workers: 2,
      tracePath: null,
      ...request,
    },
    listener,
  ).done;
}

export function completedTransactions(outcome: RunOutcome): number {
  return Object.values(outcome.results.ops).reduce((sum, op) => sum + (op?.count ?? 0), 0);
}
