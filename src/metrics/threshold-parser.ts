/**
 * k6 threshold syntax, validated once at the edge: metric keys with tag filters
 * (`tx_duration{op:join,room_class:large}`) and expressions (`p(99.9)<=250`, `rate<0.001`).
 * Every problem is an InputError (exit 2) that names where the threshold was written, the
 * metric, the expression and what was expected.
 */
import { InputError, messageOf } from '../core/errors.js';
import { parseDuration } from '../core/duration.js';
import {
  METHODS,
  METRIC_KINDS,
  METRIC_TAGS,
  OPS,
  ROOM_CLASS_CODES,
  type MethodName,
  type MetricKind,
  type MetricName,
  type OpName,
  type RoomClass,
  type TagName,
} from '../core/vocabulary.js';
import type { TagFilter } from './cells.js';

export type AggregationMethod = 'p' | 'avg' | 'min' | 'max' | 'med' | 'rate' | 'count' | 'value';
export type Aggregation =
  { method: 'p'; percentile: number } | { method: Exclude<AggregationMethod, 'p'> };
const AGGREGATIONS_OF: Record<MetricKind, readonly AggregationMethod[]> = {
  trend: ['p', 'avg', 'min', 'max', 'med'],
  rate: ['rate'],
  counter: ['count', 'rate'],
  gauge: ['value', 'min', 'max'],
};

export const OPERATORS = ['<', '<=', '>', '>=', '==', '!='] as const;
export type Operator = (typeof OPERATORS)[number];

export interface MetricSelector {
  name: MetricName;
  kind: MetricKind;
  filter: TagFilter;
}

/** A threshold ready to evaluate. `metric` and `expr` keep the text as written. */
export interface Threshold {
  metric: string;
  expr: string;
  selector: MetricSelector;
  aggregation: Aggregation;
  operator: Operator;
  limit: number;
  abortOnFail: boolean;
  /** abortOnFail is checked only once the run has lasted this long. */
  delayAbortEvalMs: number;
}

/** A threshold as the scenario resolver (or a results file) hands it over. */
export interface ThresholdDefinition {
  metric: string;
  expr: string;
  abortOnFail: boolean;
  delayAbortEvalMs: number;
}

const list = (items: readonly string[]): string => items.join(', ');
const described = (method: AggregationMethod): string => (method === 'p' ? 'p(N)' : method);

/**
 * Parses `name` or `name{tag:value,...}`. `scenarios`, when given, are the exec scenario names a
 * `scenario` tag may name.
 */
export function parseMetricKey(
  key: string,
  where: string,
  scenarios?: readonly string[],
): MetricSelector {
  const match = /^\s*([^{}\s]+)\s*(?:\{(.*)\})?\s*$/s.exec(key);
  if (match === null) {
    throw new InputError(
      where,
      `"${key}" is not a metric with an optional tag filter (expected e.g. "tx_duration" or ` +
        `"tx_duration{op:post,room_class:large}")`,
    );
  }
  const name = match[1] as string;
  if (!(name in METRIC_KINDS)) {
    throw new InputError(
      where,
      `unknown metric "${name}" (expected one of: ${list(Object.keys(METRIC_KINDS))})`,
    );
  }
  const metric = name as MetricName;
  const filter: TagFilter = {};
  if (match[2] !== undefined) {
    if (METRIC_TAGS[metric].length === 0) throw new InputError(where, `${metric} takes no tags`);
    const seen = new Set<string>();
    for (const pair of match[2].split(',')) {
      const tag = /^\s*([a-z_]+)\s*:\s*([^\s:]+)\s*$/.exec(pair);
      if (tag === null) {
        throw new InputError(where, `"${pair.trim()}" in "${key}" is not a tag:value pair`);
      }
      const [, tagName, value] = tag as unknown as [string, string, string];
      if (!(METRIC_TAGS[metric] as readonly string[]).includes(tagName)) {
        throw new InputError(
          where,
          `unknown tag "${tagName}" in "${key}" (${metric} takes: ${list(METRIC_TAGS[metric])})`,
        );
      }
      if (seen.has(tagName))
        throw new InputError(where, `tag "${tagName}" appears twice in "${key}"`);
      seen.add(tagName);
      applyTag(filter, tagName as TagName, value, key, where, scenarios);
    }
  }
  return { name: metric, kind: METRIC_KINDS[metric], filter };
}

function applyTag(
  filter: TagFilter,
  tag: TagName,
  value: string,
  key: string,
  where: string,
  scenarios: readonly string[] | undefined,
): void {
  const expect = (allowed: readonly string[], what: string): void => {
    if (!allowed.includes(value)) {
      throw new InputError(
        where,
        `${tag} "${value}" in "${key}" is not ${what} (expected one of: ${list(allowed)})`,
      );
    }
  };
  switch (tag) {
    case 'op':
      expect(OPS, 'an operation');
      filter.op = value as OpName;
      break;
    case 'room_class':
      expect(ROOM_CLASS_CODES, 'a room class');
      filter.roomClass = value === 'none' ? null : (value as RoomClass);
      break;
    case 'method':
      expect(METHODS, 'a SIP method');
      filter.method = value as MethodName;
      break;
    case 'scenario':
      if (scenarios !== undefined) expect(scenarios, 'an exec scenario of this run');
      filter.scenario = value;
      break;
  }
}

/** Parses `aggregation operator number` for a metric of the selector's kind. */
export function parseExpression(
  expr: string,
  selector: MetricSelector,
  where: string,
): { aggregation: Aggregation; operator: Operator; limit: number } {
  const allowed = AGGREGATIONS_OF[selector.kind];
  const fits = `${selector.name} (a ${selector.kind}) takes ${list(allowed.map(described))}`;
  const parts = /^\s*(.*?)\s*(<=|>=|==|!=|<|>)\s*(.*?)\s*$/s.exec(expr);
  if (parts === null) {
    throw new InputError(
      where,
      `"${expr}" has no comparison operator (expected <aggregation><operator><number> such as ` +
        `"${allowed[0] === 'p' ? 'p(95)<100' : `${allowed[0] ?? 'count'}<1`}"; operators: ` +
        `${list(OPERATORS)})`,
    );
  }
  const [, left, operator, right] = parts as unknown as [string, string, Operator, string];
  const percentile = /^p\(\s*(\d+(?:\.\d+)?)\s*\)$/.exec(left);
  let aggregation: Aggregation;
  if (percentile !== null) {
    const p = Number(percentile[1]);
    if (p > 100) {
      throw new InputError(where, `"${expr}": the percentile must be between 0 and 100`);
    }
    aggregation = { method: 'p', percentile: p };
  } else if (['avg', 'min', 'max', 'med', 'rate', 'count', 'value'].includes(left)) {
    aggregation = { method: left as Exclude<AggregationMethod, 'p'> };
  } else {
    throw new InputError(where, `unknown aggregation "${left}" in "${expr}" (${fits})`);
  }
  if (!allowed.includes(aggregation.method)) {
    throw new InputError(where, `"${expr}" does not fit: ${fits}`);
  }
  if (!/^\d+(?:\.\d+)?$/.test(right)) {
    throw new InputError(
      where,
      `"${expr}": "${right}" is not a number (expected digits with optional decimals, e.g. 100 or 0.5)`,
    );
  }
  return { aggregation, operator, limit: Number(right) };
}

export function compileThreshold(
  definition: ThresholdDefinition,
  where: string,
  scenarios?: readonly string[],
): Threshold {
  const selector = parseMetricKey(definition.metric, where, scenarios);
  return {
    metric: definition.metric,
    expr: definition.expr,
    selector,
    ...parseExpression(definition.expr, selector, where),
    abortOnFail: definition.abortOnFail,
    delayAbortEvalMs: definition.delayAbortEvalMs,
  };
}

/**
 * Validates k6's `options.thresholds` as a user wrote it: `{ key: [expr | { threshold,
 * abortOnFail, delayAbortEval }] }`. `where` names the place, e.g. `scenarios/x.ts:
 * options.thresholds`.
 */
export function parseThresholdOptions(
  raw: unknown,
  where: string,
  scenarios?: readonly string[],
): Threshold[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InputError(where, 'expected an object mapping metrics to arrays of thresholds');
  }
  const thresholds: Threshold[] = [];
  for (const [metric, items] of Object.entries(raw)) {
    const at = `${where}["${metric}"]`;
    if (!Array.isArray(items)) {
      throw new InputError(at, 'expected an array of thresholds, e.g. ["p(95)<100"]');
    }
    items.forEach((item: unknown, i) => {
      thresholds.push(
        compileThreshold(definitionOf(metric, item, `${at}[${i}]`), `${at}[${i}]`, scenarios),
      );
    });
  }
  return thresholds;
}

function definitionOf(metric: string, item: unknown, where: string): ThresholdDefinition {
  if (typeof item === 'string')
    return { metric, expr: item, abortOnFail: false, delayAbortEvalMs: 0 };
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw new InputError(
      where,
      'expected an expression string or { threshold, abortOnFail, delayAbortEval }',
    );
  }
  const fields = item as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!['threshold', 'abortOnFail', 'delayAbortEval'].includes(key)) {
      throw new InputError(
        where,
        `unknown field "${key}" (expected threshold, abortOnFail, delayAbortEval)`,
      );
    }
  }
  if (typeof fields['threshold'] !== 'string') {
    throw new InputError(`${where}.threshold`, 'expected an expression string such as "p(95)<100"');
  }
  if (fields['abortOnFail'] !== undefined && typeof fields['abortOnFail'] !== 'boolean') {
    throw new InputError(`${where}.abortOnFail`, 'expected true or false');
  }
  let delayAbortEvalMs = 0;
  if (fields['delayAbortEval'] !== undefined) {
    if (typeof fields['delayAbortEval'] !== 'string') {
      throw new InputError(`${where}.delayAbortEval`, 'expected a duration such as "30s"');
    }
    try {
      delayAbortEvalMs = parseDuration(fields['delayAbortEval']);
    } catch (error) {
      throw new InputError(`${where}.delayAbortEval`, messageOf(error), { cause: error });
    }
  }
  return {
    metric,
    expr: fields['threshold'],
    abortOnFail: fields['abortOnFail'] === true,
    delayAbortEvalMs,
  };
}
