/**
 * The shape of `options.thresholds`: known metric names, an optional `{tag:value,...}` filter,
 * and arrays of expressions or `{ threshold, abortOnFail, delayAbortEval }` objects. The
 * expression grammar belongs to the metrics stage; its compiler is passed in (a scenario may
 * not import later stages) so that a bad expression still fails at load time, exit 2.
 */
import { didYouMean } from '../core/suggest.js';
import { METRIC_NAMES } from '../core/vocabulary.js';
import { describeValue, type FieldChecker } from './fields.js';
import type { ResolvedThreshold } from './resolved.js';

/**
 * The metrics stage's threshold compiler (`compileThreshold` in src/metrics fits): throws an
 * InputError naming `where` when the threshold's key or expression is not valid.
 * `scenarioNames` are the executors a `scenario:` tag filter may name.
 */
export type ThresholdCheck = (
  threshold: ResolvedThreshold,
  where: string,
  scenarioNames: readonly string[],
) => unknown;

const KEY = /^([a-z_]+)(?:\{(.*)\})?$/s;
const TAG = /^[a-z_]+:[^,:{}]+$/;

function checkKey(check: FieldChecker, key: string, path: string): void {
  const match = KEY.exec(key);
  const metric = match?.[1];
  if (match === null || metric === undefined) {
    check.fail(
      path,
      'must be a metric name with an optional tag filter, e.g. tx_duration{op:post}',
    );
  }
  if (!(METRIC_NAMES as readonly string[]).includes(metric)) {
    check.fail(
      path,
      `unknown metric '${metric}'${didYouMean(metric, METRIC_NAMES)}`,
      `metrics: ${METRIC_NAMES.join(', ')}`,
    );
  }
  const filter = match[2];
  if (filter !== undefined && !filter.split(',').every((part) => TAG.test(part.trim()))) {
    check.fail(
      path,
      `tag filter {${filter}} must be a list of tag:value pairs, e.g. {op:post,room_class:small}`,
    );
  }
}

export function resolveThresholds(
  check: FieldChecker,
  value: unknown,
  path: string,
  scenarioNames: readonly string[],
  compile: ThresholdCheck | undefined,
): ResolvedThreshold[] {
  if (value === undefined) return [];
  const thresholds = check.object(value, path);
  const resolved: ResolvedThreshold[] = [];
  for (const [metric, list] of Object.entries(thresholds)) {
    const keyPath = `${path}[${JSON.stringify(metric)}]`;
    checkKey(check, metric, keyPath);
    if (!Array.isArray(list) || list.length === 0) {
      check.fail(
        keyPath,
        `must be a non-empty array of expressions, e.g. ['p(95)<100'] (got ${describeValue(list)})`,
      );
    }
    list.forEach((item: unknown, i) => {
      const at = `${keyPath}[${i}]`;
      let expr: string;
      let abortOnFail = false;
      let delayAbortEvalMs = 0;
      if (typeof item === 'string') {
        expr = item;
      } else {
        const spec = check.object(item, at);
        check.knownKeys(spec, ['threshold', 'abortOnFail', 'delayAbortEval'], at, 'a threshold');
        expr = check.string(spec['threshold'], `${at}.threshold`);
        abortOnFail = check.boolean(spec['abortOnFail'], `${at}.abortOnFail`, false);
        delayAbortEvalMs = check.duration(spec['delayAbortEval'], `${at}.delayAbortEval`, {
          fallback: '0s',
        });
      }
      if (expr.trim() === '') check.fail(at, 'must be a non-empty expression, e.g. p(95)<100');
      const threshold = { metric, expr, abortOnFail, delayAbortEvalMs };
      compile?.(threshold, `${check.file}: ${at}`, scenarioNames);
      resolved.push(threshold);
    });
  }
  return resolved;
}
