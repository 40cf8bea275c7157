import { InputError } from '../core/errors.js';
import { lync2013 } from './lync2013.js';
import type { DeploymentModel } from './types.js';

/** The deployment model: inputs, validation, overrides and the derived capacity tables. */

/** Built-in models by name (`--model lync2013`, `models.lync2013` in scenario files). */
export const models: { readonly lync2013: DeploymentModel } = { lync2013 };
export type ModelName = keyof typeof models;
export const MODEL_NAMES = Object.keys(models) as ModelName[];

/** The built-in model called `name`, or an InputError at `where` listing the known ones. */
export function resolveModel(name: string, where = '--model'): DeploymentModel {
  if (Object.hasOwn(models, name)) return models[name as ModelName];
  throw new InputError(where, `unknown model '${name}' (known: ${MODEL_NAMES.join(', ')})`, {
    hint: 'Pick a built-in model, or define one in a scenario file.',
  });
}

export * from './types.js';
export * from './rates.js';
export { lync2013 } from './lync2013.js';
export { validateModel, modelProblems, type ModelProblem } from './validate.js';
export {
  applyOverrides,
  checkOverrides,
  mergeOverrides,
  derivedName,
  derivedDescription,
  changedInputs,
  sameInputs,
} from './overrides.js';
export {
  parseModelFlags,
  modelFromFlags,
  flagsText,
  MODEL_FLAG_NAMES,
  type ModelFlagValues,
} from './override-flags.js';
export { computeCapacity, totaled, type Capacity, type Totaled } from './capacity.js';
export type * from './capacity.js';
export {
  historyMessages,
  storeFigures,
  wholeMessages,
  wholeRoomFlags,
  type StoreFigures,
  type WholeRooms,
} from './store-figures.js';
export { buildPlan, matchesPublished, planRow } from './plan.js';
export type * from './plan-types.js';
export { PLAN_COLUMNS } from './plan-types.js';
export { limitWarnings } from './limits.js';
export {
  PUBLISHED_LYNC2013,
  PUBLISHED_INCONSISTENCIES,
  ALTERNATIVE_MEMBERSHIP_INPUTS,
} from './published-lync2013.js';
