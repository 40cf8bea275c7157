/**
 * The catalog of hardware classes shipped in fixtures/baselines/*.json. Each file is validated
 * when read, with messages that name the file and the field, so a hand-edited class fails
 * loudly instead of producing a wrong envelope.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, messageOf } from '../core/errors.js';
import {
  BASELINE_CLASS_SCHEMA,
  CLASS_FIGURES,
  type BaselineClass,
  type ClassFigureName,
  type Figure,
  type FigureKind,
} from './types.js';

/** fixtures/baselines at the package root (three levels above dist/src/baselines). */
export const CATALOG_DIR = fileURLToPath(new URL('../../../fixtures/baselines/', import.meta.url));

/** The class a report compares with when none is named. */
export const DEFAULT_CLASS = 'lync2013-backend';

const FIGURE_KINDS: readonly FigureKind[] = ['documented', 'derived', 'assumption', 'measured'];

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(where: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new InputError(where, `expected a non-empty string, got ${JSON.stringify(value)}`);
  }
  return value;
}

function parseFigure(where: string, value: unknown): Figure {
  if (!isObject(value)) throw new InputError(where, 'expected an object');
  const raw = value['value'];
  if (!(
    raw === null ||
    typeof raw === 'string' ||
    (typeof raw === 'number' && Number.isFinite(raw))
  )) {
    throw new InputError(`${where}.value`, 'expected a number, a string or null');
  }
  const kind = value['kind'];
  if (!FIGURE_KINDS.includes(kind as FigureKind)) {
    throw new InputError(`${where}.kind`, `expected one of ${FIGURE_KINDS.join(', ')}`);
  }
  const unit = value['unit'];
  if (typeof unit !== 'string') throw new InputError(`${where}.unit`, 'expected a string');
  const formula = value['formula'];
  if (kind === 'derived' && typeof formula !== 'string') {
    throw new InputError(`${where}.formula`, 'a derived figure must show its arithmetic');
  }
  return {
    label: requireString(`${where}.label`, value['label']),
    value: raw,
    unit,
    kind: kind as FigureKind,
    source: requireString(`${where}.source`, value['source']),
    ...(typeof formula === 'string' ? { formula } : {}),
  };
}

/** Validates one catalog file's content; `file` names it in errors. */
export function parseBaselineClass(file: string, value: unknown): BaselineClass {
  if (!isObject(value)) throw new InputError(file, 'expected a JSON object');
  if (value['schema'] !== BASELINE_CLASS_SCHEMA) {
    throw new InputError(`${file}: schema`, `expected "${BASELINE_CLASS_SCHEMA}"`);
  }
  const name = requireString(`${file}: name`, value['name']);
  const expected = basename(file, '.json');
  if (name !== expected)
    throw new InputError(`${file}: name`, `must match the file name "${expected}"`);
  const figuresIn = value['figures'];
  if (!isObject(figuresIn)) throw new InputError(`${file}: figures`, 'expected an object');
  const figures: Partial<Record<ClassFigureName, Figure>> = {};
  for (const [key, figure] of Object.entries(figuresIn)) {
    if (!CLASS_FIGURES.includes(key as ClassFigureName)) {
      throw new InputError(
        `${file}: figures.${key}`,
        `unknown figure (known: ${CLASS_FIGURES.join(', ')})`,
      );
    }
    figures[key as ClassFigureName] = parseFigure(`${file}: figures.${key}`, figure);
  }
  const notes = value['notes'] ?? [];
  if (!Array.isArray(notes) || !notes.every((n) => typeof n === 'string')) {
    throw new InputError(`${file}: notes`, 'expected an array of strings');
  }
  return {
    schema: BASELINE_CLASS_SCHEMA,
    name,
    title: requireString(`${file}: title`, value['title']),
    summary: requireString(`${file}: summary`, value['summary']),
    model: requireString(`${file}: model`, value['model']),
    figures,
    notes: notes as string[],
  };
}

function readClassFile(path: string): BaselineClass {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError(path, `not readable JSON (${messageOf(error)})`, { cause: error });
  }
  return parseBaselineClass(path, parsed);
}

/** Every class in the catalog, sorted by name. */
export function listClasses(dir: string = CATALOG_DIR): BaselineClass[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readClassFile(join(dir, f)));
}

/** The class named `name`, or undefined. */
export function findClass(name: string, dir: string = CATALOG_DIR): BaselineClass | undefined {
  return listClasses(dir).find((c) => c.name === name);
}

/** A figure's numeric value, or undefined when the class lacks it or it is not a number. */
export function numericFigure(cls: BaselineClass, name: ClassFigureName): number | undefined {
  const value = cls.figures[name]?.value;
  return typeof value === 'number' ? value : undefined;
}
