/**
 * A small structural checker for JSON read from files: a shape describes what must be there,
 * and the first mismatch comes back as a sentence naming the field path (`ops.post.latencyMs.p95`).
 * Fields the shape does not mention are allowed (newer writers of the same schema version may
 * add optional fields).
 */

export type Shape =
  | 'string'
  | 'number'
  | 'boolean'
  | 'unknown'
  | { nullable: Shape }
  | { optional: Shape }
  | { array: Shape }
  /** An object with any keys (or only `keys`), each value of one shape. */
  | { record: Shape; keys?: readonly string[] }
  | { object: { readonly [field: string]: Shape } }
  | { oneOf: readonly string[] }
  /** A string that `check` accepts; `check` returns the problem or null. */
  | { custom: string; check: (value: string) => string | null };

const kindOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;

const join = (path: string, field: string): string => (path === '' ? field : `${path}.${field}`);

/** The first problem, or null when `value` has the shape. */
export function checkShape(value: unknown, shape: Shape, path: string): string | null {
  if (typeof shape === 'string') {
    if (shape === 'unknown' || typeof value === shape) return null;
    return `field "${path}" must be a ${shape} (found ${kindOf(value)})`;
  }
  if ('nullable' in shape) return value === null ? null : checkShape(value, shape.nullable, path);
  if ('optional' in shape)
    return value === undefined ? null : checkShape(value, shape.optional, path);
  if ('oneOf' in shape) {
    return typeof value === 'string' && shape.oneOf.includes(value)
      ? null
      : `field "${path}" must be one of ${shape.oneOf.join(', ')} (found ${JSON.stringify(value)})`;
  }
  if ('custom' in shape) {
    if (typeof value !== 'string') {
      return `field "${path}" must be ${shape.custom} (found ${kindOf(value)})`;
    }
    const problem = shape.check(value);
    return problem === null ? null : `field "${path}" is not ${shape.custom}: ${problem}`;
  }
  if ('array' in shape) {
    if (!Array.isArray(value)) return `field "${path}" must be an array (found ${kindOf(value)})`;
    for (let i = 0; i < value.length; i++) {
      const problem = checkShape(value[i], shape.array, `${path}[${i}]`);
      if (problem !== null) return problem;
    }
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `field "${path}" must be an object (found ${kindOf(value)})`;
  }
  const fields = value as Record<string, unknown>;
  if ('record' in shape) {
    for (const [key, item] of Object.entries(fields)) {
      if (shape.keys !== undefined && !shape.keys.includes(key)) {
        return `field "${join(path, key)}" is not expected here (expected one of ${shape.keys.join(', ')})`;
      }
      const problem = checkShape(item, shape.record, join(path, key));
      if (problem !== null) return problem;
    }
    return null;
  }
  for (const [field, fieldShape] of Object.entries(shape.object)) {
    const fieldPath = join(path, field);
    if (!(field in fields) && !(typeof fieldShape === 'object' && 'optional' in fieldShape)) {
      return `missing required field "${fieldPath}"`;
    }
    const problem = checkShape(fields[field], fieldShape, fieldPath);
    if (problem !== null) return problem;
  }
  return null;
}
