/**
 * One way to check every JSON file chatload reads (results files, saved baselines, catalog
 * classes): a TypeBox schema is at once the TypeScript type (`Static<typeof Schema>`), the runtime
 * check and the JSON Schema published for CI users. The first problem becomes one sentence that
 * names the field path (`ops.post.latencyMs.p95`, `errors[0].op`), inside an InputError that
 * names the file. Checks a JSON Schema cannot express run afterwards, on the typed data, and are
 * reported the same way. Fields a schema does not mention are allowed unless it says otherwise
 * (newer writers of the same schema version may add optional fields).
 */
import {
  Type,
  type ObjectOptions,
  type SchemaOptions,
  type Static,
  type TLiteral,
  type TNull,
  type TObject,
  type TOptional,
  type TSchema,
  type TUnion,
} from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { InputError, messageOf } from './errors.js';

export interface CheckOptions<T> {
  /** What the document is, for the sentence "FILE: is not a valid WHAT: ...". */
  what: string;
  /** Checks beyond the schema, on structurally valid data: the first problem, or null. */
  semantic?: (value: T) => string | null;
}

/** The checked, typed document; throws an InputError naming `where` and the first problem. */
export function checkJson<T extends TSchema>(
  schema: T,
  value: unknown,
  where: string,
  options: CheckOptions<Static<T>>,
): Static<T> {
  const checker = compiled(schema);
  let problem: string | null = null;
  if (!checker.Check(value)) {
    const first = checker.Errors(value).First();
    problem = first === undefined ? 'does not match its schema' : describeError(first);
  } else {
    problem = options.semantic?.(value) ?? null;
  }
  if (problem !== null) throw new InputError(where, `is not a valid ${options.what}: ${problem}`);
  return value;
}

/** Parses JSON text; a syntax error names `where` and stays on one line. */
export function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // The parser quotes the start of the text, newlines included.
    throw new InputError(where, `is not JSON (${messageOf(error).replace(/\s+/g, ' ')})`, {
      cause: error,
    });
  }
}

// ---- schema builders shared by the files' schemas ----

/** One of the given strings (a JSON Schema `anyOf` of constants). */
export function oneOf<K extends string>(
  values: readonly K[],
  options: SchemaOptions = {},
): TUnion<TLiteral<K>[]> {
  return Type.Union(
    values.map((value) => Type.Literal(value)),
    options,
  );
}

export function nullable<T extends TSchema>(
  schema: T,
  options: SchemaOptions = {},
): TUnion<[T, TNull]> {
  return Type.Union([schema, Type.Null()], options);
}

/** An object whose keys, all optional, come from a closed list: any other key is a problem. */
export function keyedBy<K extends string, T extends TSchema>(
  keys: readonly K[],
  value: T,
  options: ObjectOptions = {},
): TObject<{ [P in K]: TOptional<T> }> {
  const properties = {} as { [P in K]: TOptional<T> };
  for (const key of keys) properties[key] = Type.Optional(value) as TOptional<T>;
  return Type.Object(properties, { ...options, additionalProperties: false });
}

// ---- messages ----

const checkers = new WeakMap<TSchema, TypeCheck<TSchema>>();

function compiled<T extends TSchema>(schema: T): TypeCheck<T> {
  let checker = checkers.get(schema) as TypeCheck<T> | undefined;
  if (checker === undefined) {
    checker = TypeCompiler.Compile(schema);
    checkers.set(schema, checker);
  }
  return checker;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  return Array.isArray(value) ? 'an array' : typeof value;
}

/** `/ops/post/latencyMs/p95` → `ops.post.latencyMs.p95`; `/errors/0/op` → `errors[0].op`. */
export function fieldPath(pointer: string): string {
  let path = '';
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path += /^\d+$/.test(part) ? `[${part}]` : path === '' ? part : `.${part}`;
  }
  return path;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

/** The alternatives of a schema, nested unions flattened. */
function alternatives(schema: TSchema): TSchema[] {
  return Array.isArray(schema['anyOf'])
    ? (schema['anyOf'] as TSchema[]).flatMap(alternatives)
    : [schema];
}

/** What a schema accepts, in words: `a number`, `"chatload"`, `one of a, b or null`. */
function expected(schema: TSchema): string {
  const options = alternatives(schema);
  const constants = options.filter((option) => 'const' in option);
  const nulls = options.filter((option) => option['type'] === 'null');
  if (constants.length > 1 && constants.length + nulls.length === options.length) {
    const values = constants.map((option) => String(option['const']));
    return `one of ${values.join(', ')}${nulls.length > 0 ? ' or null' : ''}`;
  }
  const words = options.map((option) => {
    if ('const' in option) return JSON.stringify(option['const']);
    const type = option['type'];
    return typeof type === 'string' ? (TYPE_NAMES[type] ?? type) : 'something else';
  });
  return words.length < 2
    ? (words[0] ?? 'nothing')
    : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

function describeError(error: ValueError): string {
  const path = fieldPath(error.path);
  const field = path === '' ? 'the document' : `field "${path}"`;
  const found = `(found ${typeof error.value === 'string' ? JSON.stringify(error.value) : kindOf(error.value)})`;
  const schema = error.schema;
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return `missing required field "${path}"`;
    case ValueErrorType.ObjectAdditionalProperties: {
      const known = Object.keys((schema as TObject).properties ?? {});
      return `${field} is not expected here (expected one of ${known.join(', ')})`;
    }
    case ValueErrorType.StringMinLength:
      return `${field} must be a non-empty string ${found}`;
    case ValueErrorType.Union:
    case ValueErrorType.Literal:
      return `${field} must be ${expected(schema)} ${found}`;
    case ValueErrorType.Array:
    case ValueErrorType.Boolean:
    case ValueErrorType.Integer:
    case ValueErrorType.Null:
    case ValueErrorType.Number:
    case ValueErrorType.Object:
    case ValueErrorType.String:
      return `${field} must be ${expected(schema)} (found ${kindOf(error.value)})`;
    default:
      return `${field}: ${error.message.toLowerCase()}`;
  }
}
