/**
 * Run-time validation of one entry of `options.scenarios` into a {@link ResolvedExecutor}: the
 * same rules the types in `types.ts` express, plus k6's value rules (positive rates, whole VU
 * counts, iterations >= VUs), with k6's defaults filled in.
 */
import { describeValue, type FieldChecker, type Json } from './fields.js';
import type { ResolvedExec, ResolvedExecutor, ResolvedStage } from './resolved.js';
import type { ExecutorName } from './types.js';
import { ACTIONS, ROOM_CLASSES } from '../core/vocabulary.js';

export const EXECUTORS: readonly ExecutorName[] = [
  'constant-arrival-rate',
  'ramping-arrival-rate',
  'constant-vus',
  'ramping-vus',
  'per-vu-iterations',
  'shared-iterations',
];

const COMMON_KEYS = ['executor', 'exec', 'roomClass', 'startTime', 'gracefulStop', 'tags'];
const KEYS_BY_EXECUTOR: Record<ExecutorName, readonly string[]> = {
  'constant-arrival-rate': ['rate', 'timeUnit', 'duration', 'preAllocatedVUs', 'maxVUs'],
  'ramping-arrival-rate': ['startRate', 'timeUnit', 'stages', 'preAllocatedVUs', 'maxVUs'],
  'constant-vus': ['vus', 'duration'],
  'ramping-vus': ['startVUs', 'stages', 'gracefulRampDown'],
  'per-vu-iterations': ['vus', 'iterations', 'maxDuration'],
  'shared-iterations': ['vus', 'iterations', 'maxDuration'],
};

/** Tags chatload sets on every sample itself; a scenario may not redefine them. */
const RESERVED_TAGS = ['scenario', 'op', 'room_class', 'method'];
const EXEC_NAMES = ['model', ...ACTIONS] as const;
const DEFAULT_PREALLOCATED_VUS = 1000;
/** Whole numbers of VUs and iterations stay within Int32 arrays. */
const MAX_COUNT = 2 ** 31 - 1;

function resolveExec(check: FieldChecker, raw: Json, path: string): ResolvedExec {
  const exec =
    raw['exec'] === undefined
      ? 'model'
      : check.oneOf(raw['exec'], EXEC_NAMES, `${path}.exec`, 'exec');
  if (exec === 'model') {
    if (raw['roomClass'] !== undefined) {
      check.fail(
        `${path}.roomClass`,
        "is only allowed with exec: 'post' (the model's mix posts into every class)",
      );
    }
    return { kind: 'model' };
  }
  if (raw['roomClass'] !== undefined && exec !== 'post') {
    check.fail(`${path}.roomClass`, `is only allowed with exec: 'post' (got exec: '${exec}')`);
  }
  const roomClass =
    raw['roomClass'] === undefined
      ? null
      : check.oneOf(raw['roomClass'], ROOM_CLASSES, `${path}.roomClass`, 'room class');
  return { kind: 'action', action: exec, roomClass };
}

function resolveStages(
  check: FieldChecker,
  value: unknown,
  path: string,
  wholeTargets: boolean,
): ResolvedStage[] {
  if (!Array.isArray(value) || value.length === 0) {
    check.fail(path, 'must be a non-empty array of { duration, target } stages');
  }
  const stages = value.map((item, i) => {
    const at = `${path}[${i}]`;
    const stage = check.object(item, at);
    check.knownKeys(stage, ['duration', 'target'], at, 'a stage');
    return {
      durationMs: check.duration(stage['duration'], `${at}.duration`),
      target: wholeTargets
        ? check.integer(stage['target'], `${at}.target`, 0, undefined, MAX_COUNT)
        : check.nonNegativeNumber(stage['target'], `${at}.target`),
    };
  });
  if (stages.every((s) => s.durationMs === 0))
    check.fail(path, 'must last longer than 0s in total');
  return stages;
}

function resolveTags(check: FieldChecker, value: unknown, path: string): Record<string, string> {
  if (value === undefined) return {};
  const tags = check.object(value, path);
  const resolved: Record<string, string> = {};
  for (const [key, tag] of Object.entries(tags)) {
    if (RESERVED_TAGS.includes(key))
      check.fail(`${path}.${key}`, `is set by chatload on every sample; choose another tag name`);
    if (typeof tag !== 'string')
      check.fail(`${path}.${key}`, `must be a string (got ${describeValue(tag)})`);
    resolved[key] = tag;
  }
  return resolved;
}

function arrivalVus(
  check: FieldChecker,
  raw: Json,
  path: string,
): { preAllocatedVUs: number; maxVUs: number } {
  const preAllocatedVUs = check.integer(
    raw['preAllocatedVUs'],
    `${path}.preAllocatedVUs`,
    1,
    DEFAULT_PREALLOCATED_VUS,
    MAX_COUNT,
  );
  const maxVUs = check.integer(raw['maxVUs'], `${path}.maxVUs`, 1, preAllocatedVUs, MAX_COUNT);
  if (maxVUs < preAllocatedVUs) {
    check.fail(
      `${path}.maxVUs`,
      `must be at least preAllocatedVUs (${preAllocatedVUs}) (got ${maxVUs})`,
    );
  }
  return { preAllocatedVUs, maxVUs };
}

/** Arrival rates: for exec 'model' a multiple of the model (no timeUnit), else per timeUnit. */
function arrivalUnit(check: FieldChecker, raw: Json, exec: ResolvedExec, path: string): number {
  if (exec.kind === 'model') {
    if (raw['timeUnit'] !== undefined) {
      check.fail(
        `${path}.timeUnit`,
        "is not allowed with exec: 'model' (rates are multiples of the model's own per-second rates)",
      );
    }
    return 1000;
  }
  return check.duration(raw['timeUnit'], `${path}.timeUnit`, { fallback: '1s', positive: true });
}

export function resolveExecutor(
  check: FieldChecker,
  value: unknown,
  name: string,
  index: number,
  path: string,
): ResolvedExecutor {
  const raw = check.object(value, path);
  const executor = check.oneOf(raw['executor'], EXECUTORS, `${path}.executor`, 'executor');
  check.knownKeys(raw, [...COMMON_KEYS, ...KEYS_BY_EXECUTOR[executor]], path, executor);
  const exec = resolveExec(check, raw, path);
  const base = {
    name,
    index,
    exec,
    startTimeMs: check.duration(raw['startTime'], `${path}.startTime`, { fallback: '0s' }),
    gracefulStopMs: check.duration(raw['gracefulStop'], `${path}.gracefulStop`, {
      fallback: '30s',
    }),
    tags: resolveTags(check, raw['tags'], `${path}.tags`),
  };
  const isModel = exec.kind === 'model';
  switch (executor) {
    case 'constant-arrival-rate':
      return {
        ...base,
        executor,
        rate: check.positiveNumber(raw['rate'], `${path}.rate`, isModel ? 1 : undefined),
        timeUnitMs: arrivalUnit(check, raw, exec, path),
        durationMs: check.duration(raw['duration'], `${path}.duration`, { positive: true }),
        ...arrivalVus(check, raw, path),
      };
    case 'ramping-arrival-rate':
      return {
        ...base,
        executor,
        startRate: check.nonNegativeNumber(raw['startRate'], `${path}.startRate`, 0),
        timeUnitMs: arrivalUnit(check, raw, exec, path),
        stages: resolveStages(check, raw['stages'], `${path}.stages`, false),
        ...arrivalVus(check, raw, path),
      };
    case 'constant-vus':
      return {
        ...base,
        executor,
        vus: check.integer(raw['vus'], `${path}.vus`, 1, 1, MAX_COUNT),
        durationMs: check.duration(raw['duration'], `${path}.duration`, { positive: true }),
      };
    case 'ramping-vus':
      return {
        ...base,
        executor,
        startVUs: check.integer(raw['startVUs'], `${path}.startVUs`, 0, 1, MAX_COUNT),
        stages: resolveStages(check, raw['stages'], `${path}.stages`, true),
        gracefulRampDownMs: check.duration(raw['gracefulRampDown'], `${path}.gracefulRampDown`, {
          fallback: '30s',
        }),
      };
    case 'per-vu-iterations':
    case 'shared-iterations': {
      const vus = check.integer(raw['vus'], `${path}.vus`, 1, 1, MAX_COUNT);
      const iterations = check.integer(raw['iterations'], `${path}.iterations`, 1, 1, MAX_COUNT);
      if (executor === 'shared-iterations' && iterations < vus) {
        check.fail(
          `${path}.iterations`,
          `must be at least vus (${vus}) for shared-iterations (got ${iterations})`,
        );
      }
      return {
        ...base,
        executor,
        vus,
        iterations,
        maxDurationMs: check.duration(raw['maxDuration'], `${path}.maxDuration`, {
          fallback: '10m',
          positive: true,
        }),
      };
    }
  }
}
