/**
 * A scenario as its author writes it (`scenarios/*.ts`): the deployment model, the seed, and
 * k6-style `options` — executors with k6's names and semantics, and k6 thresholds. These types
 * are the compile-time half of the contract; `validate.ts` checks the same rules at run time,
 * because a scenario file may be JavaScript-ish or use `as any`.
 */
import type { DeploymentModel, ModelOverrides } from '../model/types.js';
import type { ActionKind, MetricName, RoomClass } from '../core/vocabulary.js';

type DurationUnit = 'ms' | 's' | 'm' | 'h' | 'd';
/** A k6 duration: `250ms`, `30s`, `1.5s`, `5m`, `1m30s`, `1h2m3s`. */
export type Duration =
  | `${number}${DurationUnit}`
  | `${number}${DurationUnit}${number}${DurationUnit}`
  | `${number}${DurationUnit}${number}${DurationUnit}${number}${DurationUnit}`;

export type ExecutorName =
  | 'constant-arrival-rate'
  | 'ramping-arrival-rate'
  | 'constant-vus'
  | 'ramping-vus'
  | 'per-vu-iterations'
  | 'shared-iterations';

/** Options every executor accepts (k6's common scenario options). */
export interface CommonExecutorOptions {
  /** Offset from the start of the run at which this executor begins. @default '0s' */
  startTime?: Duration;
  /** How long in-flight work may finish after this executor's end before it is cut. @default '30s' */
  gracefulStop?: Duration;
  /** Tags added to every metric sample of this executor (the `scenario` tag is always added). @default {} */
  tags?: Record<string, string>;
}

/** Runs the model's whole mix: one stream per action at the model's rates × `--scale`. */
export interface ModelExec {
  /** What each iteration runs: `'model'` is the model's whole mix. @default 'model' */
  exec?: 'model';
  roomClass?: never;
}

/** Runs posts only, optionally into one room class. */
export interface PostExec {
  /** What each iteration runs: one `post` action. */
  exec: 'post';
  /** The room class posted into. @default undefined — the class is drawn by the model's per-class chat rates */
  roomClass?: RoomClass;
}

/** Runs one action that is not a post. */
export interface SingleActionExec {
  /** What each iteration runs: one action of this kind. */
  exec: Exclude<ActionKind, 'post'>;
  roomClass?: never;
}

export type ActionExec = PostExec | SingleActionExec;
export type ExecSpec = ModelExec | ActionExec;

/** Arrival-rate VU options. In chatload a VU is an in-flight action slot of the executor. */
export interface ArrivalVuOptions {
  /** In-flight actions the pool reserves for this executor up front. @default 1000 */
  preAllocatedVUs?: number;
  /**
   * Most actions of this executor in flight at once; arrivals beyond it are counted as dropped,
   * never delayed. @default preAllocatedVUs
   */
  maxVUs?: number;
}

/** One stage of a ramp: reach `target` linearly over `duration`. */
export interface Stage {
  /** Length of the stage; `'0s'` jumps to `target` at once. Required. */
  duration: Duration;
  /** Value at the end of the stage (iterations per `timeUnit`, a model multiple, or VUs). Required. */
  target: number;
}

interface ConstantArrivalRateBase extends CommonExecutorOptions, ArrivalVuOptions {
  executor: 'constant-arrival-rate';
  /** How long arrivals are started. Required. */
  duration: Duration;
}

/** Iterations start at a fixed rate, evenly spaced, independent of completions (open model). */
export type ConstantArrivalRate =
  | (ConstantArrivalRateBase &
      ModelExec & {
        /** Multiple of the model's rates (1 = the model at 1×); `--scale` multiplies it. @default 1 */
        rate?: number;
        timeUnit?: never;
      })
  | (ConstantArrivalRateBase &
      ActionExec & {
        /** Iterations started per `timeUnit`; `--scale` multiplies it. Required. */
        rate: number;
        /** The period `rate` is counted over. @default '1s' */
        timeUnit?: Duration;
      });

interface RampingArrivalRateBase extends CommonExecutorOptions, ArrivalVuOptions {
  executor: 'ramping-arrival-rate';
  /** Rate ramps linearly from one stage's target to the next. Required. */
  stages: Stage[];
}

/** Iterations start at a rate ramped linearly through `stages` (open model). */
export type RampingArrivalRate =
  | (RampingArrivalRateBase &
      ModelExec & {
        /** Model multiple at the start; stage targets are model multiples too. @default 0 */
        startRate?: number;
        timeUnit?: never;
      })
  | (RampingArrivalRateBase &
      ActionExec & {
        /** Iterations per `timeUnit` at the start. @default 0 */
        startRate?: number;
        /** The period `startRate` and stage targets are counted over. @default '1s' */
        timeUnit?: Duration;
      });

/** A fixed number of VUs loop iterations back to back for a duration (closed model). */
export type ConstantVus = CommonExecutorOptions &
  ExecSpec & {
    executor: 'constant-vus';
    /** VUs looping at once. @default 1 */
    vus?: number;
    /** How long the VUs loop. Required. */
    duration: Duration;
  };

/** VUs ramp linearly through `stages`, each looping iterations (closed model). */
export type RampingVus = CommonExecutorOptions &
  ExecSpec & {
    executor: 'ramping-vus';
    /** VUs at the start. @default 1 */
    startVUs?: number;
    /** Stage targets are VU counts. Required. */
    stages: Stage[];
    /** How long a VU removed by a ramp-down may finish its iteration. @default '30s' */
    gracefulRampDown?: Duration;
  };

/** Each VU runs exactly `iterations` iterations (closed model). */
export type PerVuIterations = CommonExecutorOptions &
  ExecSpec & {
    executor: 'per-vu-iterations';
    /** VUs. @default 1 */
    vus?: number;
    /** Iterations each VU runs. @default 1 */
    iterations?: number;
    /** No iteration starts after this, finished or not. @default '10m' */
    maxDuration?: Duration;
  };

/** VUs share a pool of `iterations` iterations (closed model). */
export type SharedIterations = CommonExecutorOptions &
  ExecSpec & {
    executor: 'shared-iterations';
    /** VUs. @default 1 */
    vus?: number;
    /** Iterations all VUs share; at least `vus`. @default 1 */
    iterations?: number;
    /** No iteration starts after this, finished or not. @default '10m' */
    maxDuration?: Duration;
  };

export type ExecutorConfig =
  | ConstantArrivalRate
  | RampingArrivalRate
  | ConstantVus
  | RampingVus
  | PerVuIterations
  | SharedIterations;

/** Metric names thresholds can refer to (DESIGN.md "Workload"). */
export type { MetricName };

/** A metric with an optional k6 tag filter: `tx_duration`, `tx_duration{op:post}`. */
export type ThresholdKey = MetricName | `${MetricName}{${string}}`;

/** A k6 threshold: `'p(95)<100'`, or the object form to abort the run when it is crossed. */
export type ThresholdSpec =
  | string
  | {
      /** The expression: `p(95)<100`, `rate<0.01`, `avg<50`, `count>0`. Required. */
      threshold: string;
      /** Stop the run as soon as the threshold is crossed. @default false */
      abortOnFail?: boolean;
      /** Evaluate `abortOnFail` only after this much of the run has passed. @default '0s' */
      delayAbortEval?: Duration;
    };

export interface ScenarioOptions {
  /** The executors, by name (the name becomes the `scenario` tag). At least one. Required. */
  scenarios: Record<string, ExecutorConfig>;
  /** Pass/fail criteria; a crossed threshold makes the run exit 99. @default {} */
  thresholds?: Partial<Record<ThresholdKey, ThresholdSpec[]>>;
}

/** A built-in model as is, or one with some inputs changed (nested fields merge). */
export type ModelSpec = DeploymentModel | { base: DeploymentModel; overrides: ModelOverrides };

export interface ScenarioDefinition {
  /** What the scenario shows, in words a capacity planner understands. Required. */
  description: string;
  /** The deployment: `models.lync2013`, or `{ base: models.lync2013, overrides: {...} }`. Required. */
  model: ModelSpec;
  /** Seeds the world and the transaction stream: one seed, one run. @default 1 */
  seed?: number;
  /** Capture compliance records (the `mgccomp` store) through the asynchronous queue. @default false */
  compliance?: boolean;
  /** History accumulated before the measured run, at the model's chat rates. @default { preloadDays: 0 } */
  history?: {
    /** Working days of messages the store holds before the run. @default 0 */
    preloadDays?: number;
  };
  /**
   * Who is signed in when the run starts: the model's concurrent users, or nobody (a morning
   * sign-in storm). @default 'concurrent'
   */
  initiallyOnline?: 'concurrent' | 'none';
  /** Default targets; `--target` and `--compliance-target` win. @default the embedded SQLite store */
  target?: {
    /** Target URL (`sqlite:PATH`, `mssql://...`, `null:`). @default `sqlite:.chatload/<scenario>.db` (the scenario's own embedded store) */
    url?: string;
    /** Where compliance records go. @default the main target */
    complianceUrl?: string;
  };
  /** k6-style options: executors and thresholds. Required. */
  options: ScenarioOptions;
}

/** Marks values made by {@link defineScenario}; global so a second copy of chatload agrees. */
export const SCENARIO_BRAND: unique symbol = Symbol.for('chatload.scenario');

export type Scenario = ScenarioDefinition & { readonly [SCENARIO_BRAND]: true };
