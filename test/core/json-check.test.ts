/**
 * The checker every JSON file goes through: one sentence for the first problem, naming the file
 * and the field path, in the style of the results-file messages; the typed value back when the
 * document is valid; checks beyond the schema only on structurally valid data.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import { ExitCode, InputError } from '../../src/core/errors.js';
import {
  checkJson,
  fieldPath,
  keyedBy,
  nullable,
  oneOf,
  parseJson,
} from '../../src/core/json-check.js';

const Doc = Type.Object({
  version: Type.Literal('demo@1'),
  name: Type.String({ minLength: 1 }),
  status: oneOf(['ok', 'failed'] as const),
  size: nullable(Type.Number()),
  method: Type.Optional(nullable(oneOf(['GET', 'PUT'] as const))),
  byColour: keyedBy(['red', 'blue'] as const, Type.Object({ count: Type.Number() })),
  items: Type.Array(Type.Object({ id: Type.Number() })),
  free: Type.Record(Type.String(), Type.Boolean()),
});

const valid = {
  version: 'demo@1',
  name: 'x',
  status: 'ok',
  size: null,
  byColour: { red: { count: 1 } },
  items: [{ id: 1 }, { id: 2 }],
  free: { any: true },
  extra: 'a newer writer may add fields',
};

function problem(change: (doc: Record<string, unknown>) => void): string {
  const doc: Record<string, unknown> = structuredClone(valid);
  change(doc);
  try {
    checkJson(Doc, doc, 'demo.json', { what: 'demo file' });
  } catch (error) {
    assert.ok(error instanceof InputError, String(error));
    assert.equal(error.exitCode, ExitCode.invalidInput);
    const prefix = 'demo.json: is not a valid demo file: ';
    assert.ok(error.message.startsWith(prefix), error.message);
    return error.message.slice(prefix.length);
  }
  return assert.fail('expected the document to be refused');
}

describe('checkJson', () => {
  it('returns the valid document, with fields it does not know', () => {
    const checked = checkJson(Doc, valid, 'demo.json', { what: 'demo file' });
    assert.equal(checked.byColour.red?.count, 1);
    assert.equal((checked as Record<string, unknown>)['extra'], valid.extra);
  });

  it('names the first problem and its field path in one sentence', () => {
    const cases: [(doc: Record<string, unknown>) => void, string][] = [
      [(d) => delete d['name'], 'missing required field "name"'],
      [(d) => (d['name'] = 7), 'field "name" must be a string (found number)'],
      [(d) => (d['name'] = ''), 'field "name" must be a non-empty string (found "")'],
      [(d) => (d['version'] = 'demo@2'), 'field "version" must be "demo@1" (found "demo@2")'],
      [(d) => (d['status'] = 'meh'), 'field "status" must be one of ok, failed (found "meh")'],
      [(d) => (d['size'] = '3'), 'field "size" must be a number or null (found "3")'],
      [
        (d) => (d['method'] = 'POST'),
        'field "method" must be one of GET, PUT or null (found "POST")',
      ],
      [
        (d) => ((d['byColour'] as Record<string, unknown>)['green'] = { count: 1 }),
        'field "byColour.green" is not expected here (expected one of red, blue)',
      ],
      [
        (d) => ((d['items'] as { id: unknown }[])[1] = { id: 'two' }),
        'field "items[1].id" must be a number (found string)',
      ],
      [(d) => (d['items'] = {}), 'field "items" must be an array (found object)'],
      [(d) => (d['free'] = { any: 'yes' }), 'field "free.any" must be a boolean (found string)'],
      [(d) => (d['byColour'] = []), 'field "byColour" must be an object (found an array)'],
    ];
    for (const [change, expected] of cases) assert.equal(problem(change), expected);
  });

  it('says so when the document is not even an object', () => {
    assert.throws(
      () => checkJson(Doc, [1, 2], 'demo.json', { what: 'demo file' }),
      /^InputError: demo\.json: is not a valid demo file: the document must be an object \(found an array\)$/,
    );
  });

  it('runs the checks beyond the schema only on valid data, reported the same way', () => {
    const seen: unknown[] = [];
    const semantic = (doc: { items: { id: number }[] }) => {
      seen.push(doc);
      return doc.items.length > 1 ? 'field "items" must hold one item' : null;
    };
    assert.throws(
      () => checkJson(Doc, valid, 'demo.json', { what: 'demo file', semantic }),
      /demo\.json: is not a valid demo file: field "items" must hold one item$/,
    );
    assert.throws(() =>
      checkJson(Doc, { ...valid, items: 3 }, 'demo.json', { what: 'demo file', semantic }),
    );
    assert.equal(seen.length, 1, 'not called on a structurally invalid document');
  });

  it('writes JSON pointers as field paths', () => {
    assert.equal(fieldPath(''), '');
    assert.equal(fieldPath('/ops/post/latencyMs/p95'), 'ops.post.latencyMs.p95');
    assert.equal(fieldPath('/errors/0/op'), 'errors[0].op');
    assert.equal(fieldPath('/vus/a~1b~0c'), 'vus.a/b~c');
  });
});

describe('parseJson', () => {
  it('names the file and keeps the parser message on one line', () => {
    assert.deepEqual(parseJson('{"a":1}', 'a.json'), { a: 1 });
    assert.throws(
      () => parseJson('{"a":\n\n', 'a.json'),
      (error: unknown) =>
        error instanceof InputError &&
        /^a\.json: is not JSON \(.+\)$/.test(error.message) &&
        !error.message.includes('\n'),
    );
  });
});
