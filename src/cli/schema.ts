/**
 * `chatload schema <document>`: the JSON Schema of a file chatload writes and reads, for CI jobs
 * that check or consume results with their own tools. The schemas are the ones chatload itself
 * checks files with (TypeBox definitions), printed with an `$id` and the draft they follow.
 */
import type { TSchema } from '@sinclair/typebox';
import {
  BASELINE_CLASS_SCHEMA,
  BASELINE_SCHEMA,
  BaselineClassSchema,
  SavedBaselineSchema,
} from '../baselines/types.js';
import { ExitCode, InputError } from '../core/errors.js';
import { RESULTS_SCHEMA, ResultsFileSchema } from '../metrics/results.js';
import type { CommandRegistrar } from './program.js';

/** The documents whose schema can be printed, by the name the command takes. */
const DOCUMENTS: Record<string, { version: string; schema: TSchema; what: string }> = {
  results: { version: RESULTS_SCHEMA, schema: ResultsFileSchema, what: 'a results file' },
  baseline: { version: BASELINE_SCHEMA, schema: SavedBaselineSchema, what: 'a saved baseline' },
  'baseline-class': {
    version: BASELINE_CLASS_SCHEMA,
    schema: BaselineClassSchema,
    what: 'a hardware class of the baseline catalog',
  },
};

/** The JSON Schema document of `name` (one of DOCUMENTS' keys). */
export function publishedSchema(name: string): Record<string, unknown> {
  const document = DOCUMENTS[name];
  if (document === undefined) throw new RangeError(`no schema named ${name}`);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `urn:${document.version.replace('/', ':')}`,
    ...document.schema,
  };
}

function documentName(value: string): string {
  if (DOCUMENTS[value] === undefined) {
    throw new InputError(
      '<document>',
      `unknown document "${value}" (expected one of ${Object.keys(DOCUMENTS).join(', ')})`,
    );
  }
  return value;
}

export const registerSchema: CommandRegistrar = (program, context) => {
  program
    .command('schema')
    .summary('print the JSON Schema of the results file (or of a baseline file)')
    .description(
      'Print the JSON Schema (draft-07) of a file chatload writes: the results file ' +
        `(${RESULTS_SCHEMA}), a saved baseline (${BASELINE_SCHEMA}) or a catalog hardware class ` +
        `(${BASELINE_CLASS_SCHEMA}). chatload checks the files it reads against the same ` +
        'definitions; fields not in the schema may be added by later versions of the same ' +
        'schema version.',
    )
    .argument(
      '<document>',
      Object.entries(DOCUMENTS)
        .map(([name, { what }]) => `${name} (${what})`)
        .join(', '),
      documentName,
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  chatload schema results > results.schema.json\n' +
        '  npx ajv-cli validate -s results.schema.json -d reports/run.json\n' +
        '\nExit codes: 0 printed, 2 unknown document.',
    )
    .action(
      context.action(async (name: string) => {
        context.io.out(JSON.stringify(publishedSchema(name), null, 2));
        return ExitCode.ok;
      }),
    );
};
