import { SCENARIO_BRAND, type Scenario, type ScenarioDefinition } from './types.js';

/**
 * Declares a scenario. It returns the definition unchanged (a shallow copy) but typed and
 * branded, so that the loader can tell a scenario from any other default export. All checking
 * happens when the scenario is loaded (`validateScenario`), where errors can name the file.
 */
export function defineScenario(definition: ScenarioDefinition): Scenario {
  const scenario = { ...definition };
  Object.defineProperty(scenario, SCENARIO_BRAND, { value: true, enumerable: false });
  return scenario as Scenario;
}

/** True when `value` was made by {@link defineScenario} (from this or another copy of chatload). */
export function isScenario(value: unknown): value is Scenario {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<PropertyKey, unknown>)[SCENARIO_BRAND] === true
  );
}
