/**
 * `chatload schema`: the JSON Schema a CI job gets is the one chatload checks files with. An
 * independent validator (ajv, strict mode) accepts real files against the printed schema and
 * refuses broken ones, as chatload's own reader does. Through the CLI's entry point with a
 * captured Io (no child process).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { CATALOG_DIR } from '../../src/baselines/catalog.js';
import { describeBaseline } from '../../src/baselines/store.js';
import { parseResults } from '../../src/metrics/results-file.js';
import type { Io } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';
import { registerSchema } from '../../src/cli/schema.js';
import { FIXTURES } from '../report/results-fixtures.js';

async function printed(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = {
    out: (text) => void (out += `${text}\n`),
    err: (text) => void (err += `${text}\n`),
    interactive: false,
    color: false,
  };
  const code = await runCli(['schema', ...args], io, [registerSchema]);
  return { code, out, err };
}

async function validator(document: string) {
  const { code, out } = await printed([document]);
  assert.equal(code, 0);
  const schema = JSON.parse(out) as Record<string, unknown>;
  assert.equal(schema['$schema'], 'http://json-schema.org/draft-07/schema#');
  const ajv = new Ajv.default({ strict: true, allErrors: true });
  return { schema, validate: ajv.compile(schema), ajv };
}

async function fixture(name: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(`${FIXTURES}${name}`, 'utf8')) as Record<string, unknown>;
}

describe('chatload schema', () => {
  it('prints the results schema with its $id, title and field descriptions', async () => {
    const { schema } = await validator('results');
    assert.equal(schema['$id'], 'urn:chatload:results@1');
    assert.equal(schema['title'], 'chatload results file');
    const properties = schema['properties'] as Record<string, { description?: string }>;
    assert.match(properties['dropped']?.description ?? '', /in-flight limit/);
    assert.match(properties['notes']?.description ?? '', /Caveats/);
  });

  it('accepts real results files and refuses broken ones, as chatload does', async () => {
    const { validate, ajv } = await validator('results');
    for (const name of ['sample-run.json', 'compare-baseline.json', 'segmented-whole.json']) {
      const file = await fixture(name);
      assert.ok(validate(file), `${name}: ${ajv.errorsText(validate.errors)}`);
    }
    const breakages: [string, (file: Record<string, unknown>) => void][] = [
      ['a missing field', (f) => delete (f['run'] as Record<string, unknown>)['durationS']],
      ['a wrong type', (f) => (f['dropped'] = '3')],
      ['an unknown status', (f) => ((f['run'] as Record<string, unknown>)['status'] = 'fine')],
      ['an unknown operation', (f) => ((f['ops'] as Record<string, unknown>)['upload'] = {})],
      ['another schema version', (f) => (f['schema'] = 'chatload/results@2')],
    ];
    for (const [what, breakIt] of breakages) {
      const file = await fixture('sample-run.json');
      breakIt(file);
      assert.equal(validate(file), false, `${what} passes the printed schema`);
      assert.throws(() => parseResults(file, 'broken.json'), `${what} passes chatload's reader`);
    }
  });

  it('prints the saved-baseline and hardware-class schemas, which accept what chatload writes', async () => {
    const baseline = await validator('baseline');
    assert.equal(baseline.schema['$id'], 'urn:chatload:baseline@1');
    const results = parseResults(await fixture('compare-baseline.json'), 'compare-baseline.json');
    const saved = describeBaseline('nightly', results, '/runs/run.json', new Date(0));
    const roundTripped = JSON.parse(JSON.stringify(saved)) as unknown;
    assert.ok(baseline.validate(roundTripped), baseline.ajv.errorsText(baseline.validate.errors));
    assert.equal(baseline.validate({ ...saved, results: {} }), false);

    const cls = await validator('baseline-class');
    const backend = JSON.parse(await readFile(`${CATALOG_DIR}lync2013-backend.json`, 'utf8')) as {
      figures: Record<string, unknown>;
    };
    assert.ok(cls.validate(backend), cls.ajv.errorsText(cls.validate.errors));
    assert.equal(cls.validate({ ...backend, figures: { gpu: backend.figures.cpu } }), false);
  });

  it('refuses an unknown document with exit 2, listing the known ones', async () => {
    const { code, err } = await printed(['capacity-plan']);
    assert.equal(code, 2);
    assert.match(
      err,
      /^chatload: error E_INPUT: <document>: unknown document "capacity-plan" \(expected one of results, baseline, baseline-class\)/,
    );
  });
});
