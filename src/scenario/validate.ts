/**
 * Run-time validation of a loaded scenario into a {@link ResolvedScenario}. TypeScript types
 * are not enough at this edge: a scenario file may be JavaScript-ish or use `as any`. Every
 * error is an InputError whose `where` is `<file>: <field path>`.
 */
import { basename, extname } from 'node:path';
import { applyOverrides } from '../model/overrides.js';
import type { DeploymentModel } from '../model/types.js';
import { validateModel } from '../model/validate.js';
import { FieldChecker, type Json } from './fields.js';
import type { ResolvedScenario } from './resolved.js';
import { resolveExecutor } from './validate-executor.js';
import { resolveThresholds, type ThresholdCheck } from './validate-thresholds.js';

export interface ValidateOptions {
  /**
   * The metrics stage's threshold compiler (`compileThreshold`), so a bad expression fails at
   * load time (exit 2). Without it only the shape of `options.thresholds` is checked.
   */
  checkThreshold?: ThresholdCheck;
}

const TOP_KEYS = [
  'description',
  'model',
  'seed',
  'compliance',
  'history',
  'initiallyOnline',
  'target',
  'options',
];
/** k6 restricts scenario names the same way (they become tag values and file-safe labels). */
const EXECUTOR_NAME = /^[A-Za-z0-9_-]+$/;
const DEFAULT_SEED = 1;

function resolveModel(check: FieldChecker, value: unknown): DeploymentModel {
  const spec = check.object(value, 'model');
  const where = `${check.file}: model`;
  if (!('base' in spec) && !('overrides' in spec)) return validateModel(spec, where);
  check.knownKeys(spec, ['base', 'overrides'], 'model', 'a model with overrides');
  const base = validateModel(spec['base'], `${where}.base`);
  if (spec['overrides'] === undefined) return base;
  return applyOverrides(
    base,
    check.object(spec['overrides'], 'model.overrides'),
    `${where}.overrides`,
  );
}

function resolveHistory(check: FieldChecker, value: unknown): { preloadDays: number } {
  if (value === undefined) return { preloadDays: 0 };
  const history = check.object(value, 'history');
  check.knownKeys(history, ['preloadDays'], 'history', 'history');
  return { preloadDays: check.nonNegativeNumber(history['preloadDays'], 'history.preloadDays', 0) };
}

function resolveTarget(check: FieldChecker, value: unknown): ResolvedScenario['target'] {
  if (value === undefined) return { url: null, complianceUrl: null };
  const target = check.object(value, 'target');
  check.knownKeys(target, ['url', 'complianceUrl'], 'target', 'target');
  const optional = (key: string): string | null =>
    target[key] === undefined ? null : check.string(target[key], `target.${key}`);
  return { url: optional('url'), complianceUrl: optional('complianceUrl') };
}

function resolveExecutors(check: FieldChecker, options: Json): ResolvedScenario['executors'] {
  const scenarios = check.object(options['scenarios'], 'options.scenarios');
  const names = Object.keys(scenarios);
  if (names.length === 0) {
    check.fail(
      'options.scenarios',
      'must name at least one executor, e.g. { steady: { executor: ... } }',
    );
  }
  return names.map((name, index) => {
    const path = `options.scenarios.${name}`;
    if (!EXECUTOR_NAME.test(name)) {
      check.fail(path, 'scenario names may use only letters, digits, "_" and "-"');
    }
    return resolveExecutor(check, scenarios[name], name, index, path);
  });
}

/** The scenario name: the file name without its extension (`smoke` for `scenarios/smoke.ts`). */
export function scenarioName(file: string): string {
  return basename(file, extname(file));
}

export function validateScenario(
  value: unknown,
  file: string,
  validateOptions: ValidateOptions = {},
): ResolvedScenario {
  const check = new FieldChecker(file);
  const raw = check.object(value, 'default export');
  check.knownKeys(raw, TOP_KEYS, '', 'a scenario');
  const options = check.object(raw['options'], 'options');
  check.knownKeys(options, ['scenarios', 'thresholds'], 'options', 'options');
  const executors = resolveExecutors(check, options);
  const scenarioNames = executors.map((e) => e.name);
  return {
    name: scenarioName(file),
    file,
    description: check.string(raw['description'], 'description'),
    model: resolveModel(check, raw['model']),
    seed: check.integer(raw['seed'], 'seed', 0, DEFAULT_SEED, 2 ** 32 - 1),
    compliance: check.boolean(raw['compliance'], 'compliance', false),
    history: resolveHistory(check, raw['history']),
    initiallyOnline:
      raw['initiallyOnline'] === undefined
        ? 'concurrent'
        : check.oneOf(
            raw['initiallyOnline'],
            ['concurrent', 'none'],
            'initiallyOnline',
            'initial population',
          ),
    target: resolveTarget(check, raw['target']),
    executors,
    thresholds: resolveThresholds(
      check,
      options['thresholds'],
      'options.thresholds',
      scenarioNames,
      validateOptions.checkThreshold,
    ),
    scale: 1,
    segment: { index: 0, count: 1 },
    workers: null,
  };
}
