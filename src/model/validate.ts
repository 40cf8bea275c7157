import { InputError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import {
  describe,
  fieldProblem,
  GROUP_RULES,
  NUMERIC_GROUPS,
  ROOM_CLASS_RULES,
  type FieldRule,
} from './fields.js';
import { formatNumber } from '../core/format.js';
import { exactRoomCounts } from './rates.js';
import { type DeploymentModel } from './types.js';
import { ROOM_CLASSES } from '../core/vocabulary.js';

/** One thing wrong with a model: the field path inside the model and what is wrong with it. */
export interface ModelProblem {
  path: string;
  problem: string;
}

const TOP_LEVEL_KEYS = ['name', 'description', 'roomClasses', ...NUMERIC_GROUPS];

/**
 * Every problem with a model, field by field, then (only when each field is sound, so one typo
 * does not cascade) the relations between fields. Accepts `unknown` because scenario files are
 * user code and may bypass the types.
 */
export function modelProblems(model: unknown): ModelProblem[] {
  if (!isRecord(model))
    return [{ path: '', problem: `must be an object (got ${describe(model)})` }];
  const problems: ModelProblem[] = [];
  problems.push(...unknownKeys(model, TOP_LEVEL_KEYS, ''));
  if (typeof model['name'] !== 'string' || model['name'].trim() === '') {
    problems.push({
      path: 'name',
      problem: `must be a non-empty string (got ${describe(model['name'])})`,
    });
  }
  if (typeof model['description'] !== 'string') {
    problems.push({
      path: 'description',
      problem: `must be a string (got ${describe(model['description'])})`,
    });
  }
  // In the order of the model's type, so the first problem reported is the first in the file.
  problems.push(...groupProblems(model['population'], GROUP_RULES.population, 'population'));
  problems.push(...roomClassProblems(model['roomClasses']));
  for (const group of NUMERIC_GROUPS.filter((g) => g !== 'population')) {
    problems.push(...groupProblems(model[group], GROUP_RULES[group], group));
  }
  if (problems.length > 0) return problems;
  return relationProblems(model as unknown as DeploymentModel);
}

/**
 * Returns the model as trusted data, or throws an InputError naming the first problem's field:
 * `model.roomClasses.small.openPct: must be between 0 and 100 (got 120)`. `where` prefixes the
 * path, so a scenario loader can pass `scenarios/x.ts: model`.
 */
export function validateModel(model: unknown, where = 'model'): DeploymentModel {
  const problems = modelProblems(model);
  const first = problems[0];
  if (first === undefined) return model as DeploymentModel;
  const others = problems.slice(1).map((p) => `${fieldPath(where, p.path)}: ${p.problem}`);
  throw new InputError(fieldPath(where, first.path), first.problem, {
    hint:
      others.length === 0
        ? 'Fix this field of the deployment model (see src/model/types.ts for every field).'
        : `${others.length} more problem(s): ${others.join('; ')}`,
  });
}

export function fieldPath(where: string, path: string): string {
  if (path === '') return where;
  return where === '' ? path : `${where}.${path}`;
}

function relationProblems(model: DeploymentModel): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const { population, directory, limits } = model;
  if (population.concurrentUsers > population.provisionedUsers) {
    problems.push({
      path: 'population.concurrentUsers',
      problem: `must not exceed population.provisionedUsers (${formatNumber(population.provisionedUsers)}): connected users are provisioned users (got ${formatNumber(population.concurrentUsers)})`,
    });
  }
  if (directory.affiliationsPerUserMin > directory.affiliationsPerUserMax) {
    problems.push({
      path: 'directory.affiliationsPerUserMin',
      problem: `must not exceed directory.affiliationsPerUserMax (${directory.affiliationsPerUserMax}) (got ${directory.affiliationsPerUserMin})`,
    });
  }
  if (limits.messageSizeLimit > limits.storySizeLimit) {
    problems.push({
      path: 'limits.messageSizeLimit',
      problem: `must not exceed limits.storySizeLimit (${limits.storySizeLimit}): a story is the long form of a post (got ${limits.messageSizeLimit})`,
    });
  }
  const rooms = exactRoomCounts(model);
  for (const c of ROOM_CLASSES) {
    const rc = model.roomClasses[c];
    const path = `roomClasses.${c}`;
    // Rooms = users × roomsPerUser ÷ usersPerRoom, so a room bigger than the connected
    // population is exactly the case of a user belonging to more rooms than the class has.
    if (rc.roomsPerUser > 0 && rc.usersPerRoom > population.concurrentUsers) {
      problems.push({
        path: `${path}.usersPerRoom`,
        problem:
          `must not exceed population.concurrentUsers (${formatNumber(population.concurrentUsers)}) ` +
          `(got ${formatNumber(rc.usersPerRoom)}): the class would have ${formatNumber(rooms[c], 2)} rooms, ` +
          `fewer than its roomsPerUser (${rc.roomsPerUser})`,
      });
    }
    if (rc.usersWithGroupAccess > population.provisionedUsers) {
      problems.push({
        path: `${path}.usersWithGroupAccess`,
        problem: `must not exceed population.provisionedUsers (${formatNumber(population.provisionedUsers)}) (got ${formatNumber(rc.usersWithGroupAccess)})`,
      });
    }
    if (rc.roomsPerUser === 0 && rc.chatRatePerS > 0) {
      problems.push({
        path: `${path}.chatRatePerS`,
        problem: `must be 0 when roomsPerUser is 0: the class has no rooms to post in (got ${rc.chatRatePerS})`,
      });
    }
  }
  return problems;
}

function roomClassProblems(classes: unknown): ModelProblem[] {
  if (!isRecord(classes)) {
    return [
      {
        path: 'roomClasses',
        problem: `must be an object with small, medium and large (got ${describe(classes)})`,
      },
    ];
  }
  const problems = unknownKeys(classes, ROOM_CLASSES, 'roomClasses');
  for (const c of ROOM_CLASSES) {
    problems.push(...groupProblems(classes[c], ROOM_CLASS_RULES, `roomClasses.${c}`));
  }
  return problems;
}

function groupProblems(
  group: unknown,
  rules: Readonly<Record<string, FieldRule>>,
  path: string,
): ModelProblem[] {
  if (!isRecord(group)) return [{ path, problem: `must be an object (got ${describe(group)})` }];
  const problems = unknownKeys(group, Object.keys(rules), path);
  for (const [field, rule] of Object.entries(rules)) {
    const problem = fieldProblem(group[field], rule);
    if (problem !== undefined) problems.push({ path: `${path}.${field}`, problem });
  }
  return problems;
}

/** Keys the model does not have; a misspelt field would otherwise be silently ignored. */
export function unknownKeys(
  value: Record<string, unknown>,
  known: readonly string[],
  path: string,
): ModelProblem[] {
  return Object.keys(value)
    .filter((key) => !known.includes(key))
    .map((key) => ({
      path: fieldPath(path, key),
      problem: `unknown field${didYouMean(key, known)}; known: ${known.join(', ')}`,
    }));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
