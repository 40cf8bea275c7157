/**
 * Compile-time tests of the scenario types: every `@ts-expect-error` below must be an error, so
 * a bad shape that starts compiling by mistake fails the normal build (`tsc -p .`). The runtime
 * part checks what defineScenario returns.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  defineScenario,
  models,
  type ExecutorConfig,
  type ScenarioDefinition,
} from '../../src/index.js';
import { isScenario } from '../../src/scenario/define.js';

const base = { description: 'type test', model: models.lync2013 } as const;

function scenarioWith(executor: ExecutorConfig): ScenarioDefinition {
  return { ...base, options: { scenarios: { only: executor } } };
}

// Shapes that must compile (exported so they count as used).
export const good: ExecutorConfig[] = [
  { executor: 'constant-arrival-rate', duration: '5m' },
  { executor: 'constant-arrival-rate', exec: 'model', rate: 2, duration: '1m30s' },
  {
    executor: 'constant-arrival-rate',
    exec: 'post',
    roomClass: 'large',
    rate: 5,
    timeUnit: '1m',
    duration: '10s',
  },
  {
    executor: 'ramping-arrival-rate',
    exec: 'signin',
    startRate: 0,
    stages: [{ target: 10, duration: '1m' }],
  },
  { executor: 'ramping-arrival-rate', stages: [{ target: 1, duration: '30s' }] },
  { executor: 'constant-vus', vus: 10, duration: '30s', exec: 'search', tags: { team: 'db' } },
  {
    executor: 'ramping-vus',
    startVUs: 0,
    stages: [{ target: 5, duration: '10s' }],
    gracefulRampDown: '0s',
  },
  { executor: 'per-vu-iterations', vus: 2, iterations: 3, maxDuration: '1m', exec: 'history' },
  { executor: 'shared-iterations', vus: 2, iterations: 10, startTime: '5s', gracefulStop: '1s' },
];

// Shapes that must not compile.
export const bad: ScenarioDefinition[] = [
  // @ts-expect-error rate belongs to the arrival-rate executors, not constant-vus
  scenarioWith({ executor: 'constant-vus', vus: 2, duration: '1m', rate: 5 }),
  // @ts-expect-error ramping-arrival-rate needs stages
  scenarioWith({ executor: 'ramping-arrival-rate', exec: 'signin', startRate: 1 }),
  // @ts-expect-error unknown executor name
  scenarioWith({ executor: 'constant-arival-rate', duration: '1m' }),
  // @ts-expect-error unknown exec
  scenarioWith({ executor: 'constant-vus', exec: 'pots', duration: '1m' }),
  // @ts-expect-error a single action needs its rate
  scenarioWith({ executor: 'constant-arrival-rate', exec: 'post', duration: '1m' }),
  // @ts-expect-error roomClass only goes with exec: 'post'
  scenarioWith({ executor: 'constant-vus', exec: 'join', roomClass: 'small', duration: '1m' }),
  // @ts-expect-error timeUnit has no meaning for the model's mix
  scenarioWith({ executor: 'constant-arrival-rate', timeUnit: '1s', duration: '1m' }),
  // @ts-expect-error durations are strings with a unit
  scenarioWith({ executor: 'constant-vus', duration: 60 }),
  // @ts-expect-error a duration without a unit
  scenarioWith({ executor: 'constant-vus', duration: '60' }),
  // @ts-expect-error stage targets are numbers
  scenarioWith({ executor: 'ramping-vus', stages: [{ target: '5', duration: '1s' }] }),
  // @ts-expect-error iterations belong to the iteration executors
  scenarioWith({ executor: 'constant-vus', duration: '1m', iterations: 5 }),
  // @ts-expect-error unknown metric in a threshold key
  { ...base, options: { scenarios: {}, thresholds: { tx_latency: ['p(95)<100'] } } },
  // @ts-expect-error thresholds are arrays
  { ...base, options: { scenarios: {}, thresholds: { tx_duration: 'p(95)<100' } } },
  // @ts-expect-error the model is required
  { description: 'no model', options: { scenarios: {} } },
  // @ts-expect-error initiallyOnline is 'concurrent' or 'none'
  { ...base, initiallyOnline: 'all', options: { scenarios: {} } },
];

test('defineScenario returns the definition, branded and unchanged', () => {
  const definition: ScenarioDefinition = {
    ...base,
    seed: 7,
    options: { scenarios: { steady: { executor: 'constant-arrival-rate', duration: '1m' } } },
  };
  const scenario = defineScenario(definition);
  assert.equal(isScenario(scenario), true);
  assert.equal(isScenario(definition), false, 'the input is not mutated');
  assert.deepEqual({ ...scenario }, definition);
  assert.deepEqual(Object.keys(scenario), Object.keys(definition), 'the brand is not enumerable');
});
