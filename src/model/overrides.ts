import { InputError } from '../core/errors.js';
import { describe, GROUP_RULES, NUMERIC_GROUPS, ROOM_CLASS_RULES } from './fields.js';
import { type DeploymentModel, type ModelOverrides } from './types.js';
import { fieldPath, isRecord, unknownKeys, validateModel, type ModelProblem } from './validate.js';
import { ROOM_CLASSES } from '../core/vocabulary.js';

/**
 * Overrides: a base model plus a partial one (`--users`, a scenario's `model: { base, overrides }`)
 * gives a new, validated model with a name that says what changed.
 */

/**
 * Checks the shape of overrides coming from user code: only known groups, classes and fields,
 * so that `population: { users: 500 }` is an error rather than a silent no-op. Values are
 * checked later, on the merged model.
 */
export function checkOverrides(overrides: unknown, where = 'model'): ModelOverrides {
  const problems = overrideShapeProblems(overrides);
  const first = problems[0];
  if (first !== undefined) throw new InputError(fieldPath(where, first.path), first.problem);
  return overrides as ModelOverrides;
}

/**
 * Deep-merges overrides into `base` (fields given replace the base's; undefined ones are
 * ignored), names the result, and validates it. `where` prefixes field paths in errors.
 */
export function applyOverrides(
  base: DeploymentModel,
  overrides: ModelOverrides,
  where = 'model',
): DeploymentModel {
  checkOverrides(overrides, where);
  const merged = mergeOverrides(base, overrides);
  return validateModel(
    {
      ...merged,
      name: overrides.name ?? derivedName(base, merged),
      description: overrides.description ?? derivedDescription(base, merged),
    },
    where,
  );
}

export function mergeOverrides(base: DeploymentModel, overrides: ModelOverrides): DeploymentModel {
  return {
    name: base.name,
    description: base.description,
    population: { ...base.population, ...defined(overrides.population) },
    roomClasses: {
      small: { ...base.roomClasses.small, ...defined(overrides.roomClasses?.small) },
      medium: { ...base.roomClasses.medium, ...defined(overrides.roomClasses?.medium) },
      large: { ...base.roomClasses.large, ...defined(overrides.roomClasses?.large) },
    },
    rates: { ...base.rates, ...defined(overrides.rates) },
    directory: { ...base.directory, ...defined(overrides.directory) },
    limits: { ...base.limits, ...defined(overrides.limits) },
    assumptions: { ...base.assumptions, ...defined(overrides.assumptions) },
  };
}

/**
 * `lync2013 (population.concurrentUsers=20000, roomClasses.small.roomsPerUser=80)`: the base
 * name and every input that differs from the base, in model order. The base name when nothing
 * differs.
 */
export function derivedName(base: DeploymentModel, model: DeploymentModel): string {
  const changes = changedInputs(base, model).map(({ path, value }) => `${path}=${value}`);
  return changes.length === 0 ? base.name : `${base.name} (${changes.join(', ')})`;
}

/** The base's description, saying what was changed (the base may describe other figures). */
export function derivedDescription(base: DeploymentModel, model: DeploymentModel): string {
  const changes = changedInputs(base, model).map(({ path, value }) => `${path}=${value}`);
  return changes.length === 0
    ? base.description
    : `${base.description}; overridden: ${changes.join(', ')}`;
}

/** Inputs whose value differs between two models, as `group.field` (or `roomClasses.c.field`). */
export function changedInputs(
  base: DeploymentModel,
  model: DeploymentModel,
): { path: string; value: number }[] {
  const changes: { path: string; value: number }[] = [];
  const compare = (path: string, from: object, to: object): void => {
    for (const [field, value] of Object.entries(to)) {
      if ((from as Record<string, unknown>)[field] !== value) {
        changes.push({ path: `${path}.${field}`, value: value as number });
      }
    }
  };
  compare('population', base.population, model.population);
  for (const c of ROOM_CLASSES) {
    compare(`roomClasses.${c}`, base.roomClasses[c], model.roomClasses[c]);
  }
  for (const group of ['rates', 'directory', 'limits', 'assumptions'] as const) {
    compare(group, base[group], model[group]);
  }
  return changes;
}

/** True when the two models have the same inputs (names and descriptions aside). */
export function sameInputs(a: DeploymentModel, b: DeploymentModel): boolean {
  return changedInputs(a, b).length === 0;
}

function overrideShapeProblems(overrides: unknown): ModelProblem[] {
  if (!isRecord(overrides)) {
    return [{ path: '', problem: `overrides must be an object (got ${describe(overrides)})` }];
  }
  const problems = unknownKeys(
    overrides,
    ['name', 'description', 'roomClasses', ...NUMERIC_GROUPS],
    '',
  );
  for (const key of ['name', 'description'] as const) {
    const value = overrides[key];
    if (value !== undefined && typeof value !== 'string') {
      problems.push({ path: key, problem: `must be a string (got ${describe(value)})` });
    }
  }
  for (const group of NUMERIC_GROUPS) {
    problems.push(
      ...partialGroupProblems(overrides[group], Object.keys(GROUP_RULES[group]), group),
    );
  }
  const classes = overrides['roomClasses'];
  if (classes !== undefined) {
    if (!isRecord(classes)) {
      problems.push({
        path: 'roomClasses',
        problem: `must be an object (got ${describe(classes)})`,
      });
    } else {
      problems.push(...unknownKeys(classes, ROOM_CLASSES, 'roomClasses'));
      for (const c of ROOM_CLASSES) {
        problems.push(
          ...partialGroupProblems(classes[c], Object.keys(ROOM_CLASS_RULES), `roomClasses.${c}`),
        );
      }
    }
  }
  return problems;
}

function partialGroupProblems(group: unknown, known: string[], path: string): ModelProblem[] {
  if (group === undefined) return [];
  if (!isRecord(group)) return [{ path, problem: `must be an object (got ${describe(group)})` }];
  return unknownKeys(group, known, path);
}

function defined<T extends object>(partial: T | undefined): Partial<T> {
  if (partial === undefined) return {};
  return Object.fromEntries(
    Object.entries(partial).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
