/**
 * The `chatload` package entry: what a scenario author imports. Scenario files write
 * `import { defineScenario, models } from 'chatload'`; the loader maps that specifier here.
 */
export { defineScenario } from './scenario/define.js';
export { models } from './model/index.js';
export type {
  ActionExec,
  CommonExecutorOptions,
  ConstantArrivalRate,
  ConstantVus,
  Duration,
  ExecSpec,
  ExecutorConfig,
  ExecutorName,
  MetricName,
  ModelExec,
  ModelSpec,
  PerVuIterations,
  PostExec,
  RampingArrivalRate,
  RampingVus,
  Scenario,
  ScenarioDefinition,
  ScenarioOptions,
  SharedIterations,
  SingleActionExec,
  Stage,
  ThresholdKey,
  ThresholdSpec,
  ArrivalVuOptions,
} from './scenario/types.js';
export type { DeploymentModel, ModelOverrides } from './model/types.js';
export type { ActionKind, RoomClass } from './core/vocabulary.js';
