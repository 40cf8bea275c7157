/**
 * The catalog of hardware classes shipped in fixtures/baselines/*.json. Each file is validated
 * when read, with messages that name the file and the field, so a hand-edited class fails
 * loudly instead of producing a wrong envelope.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, messageOf } from '../core/errors.js';
import { checkJson, parseJson } from '../core/json-check.js';
import { BaselineClassSchema, type BaselineClass, type ClassFigureName } from './types.js';

/** fixtures/baselines at the package root (three levels above dist/src/baselines). */
export const CATALOG_DIR = fileURLToPath(new URL('../../../fixtures/baselines/', import.meta.url));

/** The class a report compares with when none is named. */
export const DEFAULT_CLASS = 'lync2013-backend';

/** Validates one catalog file's content; `file` names it in errors. */
export function parseBaselineClass(file: string, value: unknown): BaselineClass {
  const expected = basename(file, '.json');
  const cls = checkJson(BaselineClassSchema, value, file, {
    what: 'baseline class',
    semantic: (cls) => {
      if (cls.name !== expected) {
        return `field "name" must match the file name "${expected}" (found "${cls.name}")`;
      }
      for (const [key, figure] of Object.entries(cls.figures)) {
        if (figure.kind === 'derived' && figure.formula === undefined) {
          return `field "figures.${key}.formula" is missing: a derived figure must show its arithmetic`;
        }
      }
      return null;
    },
  });
  return { ...cls, notes: cls.notes ?? [], requiresCompliance: cls.requiresCompliance ?? false };
}

function readClassFile(path: string): BaselineClass {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(path, `cannot be read (${messageOf(error)})`, { cause: error });
  }
  return parseBaselineClass(path, parseJson(text, path));
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
