import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { modelProblems, models, validateModel } from '../../src/model/index.js';

/** A deep copy of lync2013 with `path` set to `value` (undefined deletes it). */
function modelWith(...changes: [path: string, value: unknown][]): Record<string, unknown> {
  const model = structuredClone(models.lync2013) as unknown as Record<string, unknown>;
  for (const [path, value] of changes) {
    const keys = path.split('.');
    const last = keys.pop() as string;
    let target = model;
    for (const key of keys) target = target[key] as Record<string, unknown>;
    if (value === undefined) Reflect.deleteProperty(target, last);
    else target[last] = value;
  }
  return model;
}

function rejection(model: unknown, where?: string): InputError {
  try {
    validateModel(model, where);
  } catch (error) {
    assert.ok(error instanceof InputError, `InputError, got ${String(error)}`);
    assert.equal(error.exitCode, 2);
    return error;
  }
  assert.fail('the model was accepted');
}

describe('validateModel', () => {
  it('accepts the published model and returns it', () => {
    assert.equal(validateModel(models.lync2013), models.lync2013);
    assert.deepEqual(modelProblems(models.lync2013), []);
  });

  const cases: {
    name: string;
    changes: [string, unknown][];
    where: string;
    message: RegExp;
  }[] = [
    {
      name: 'percentage over 100',
      changes: [['roomClasses.small.openPct', 120]],
      where: 'model.roomClasses.small.openPct',
      message: /^model\.roomClasses\.small\.openPct: must be between 0 and 100 \(got 120\)$/,
    },
    {
      name: 'negative percentage',
      changes: [['roomClasses.medium.directMembershipPct', -1]],
      where: 'model.roomClasses.medium.directMembershipPct',
      message: /must be between 0 and 100 \(got -1\)/,
    },
    {
      name: 'negative size',
      changes: [['roomClasses.large.usersPerRoom', -5]],
      where: 'model.roomClasses.large.usersPerRoom',
      message: /must be a whole number of at least 1 \(got -5\)/,
    },
    {
      name: 'negative user count',
      changes: [['population.concurrentUsers', -80_000]],
      where: 'model.population.concurrentUsers',
      message: /whole number of at least 1/,
    },
    {
      name: 'fractional count',
      changes: [['roomClasses.small.roomsPerUser', 2.5]],
      where: 'model.roomClasses.small.roomsPerUser',
      message: /must be a whole number of at least 0 \(got 2\.5\)/,
    },
    {
      name: 'not a number',
      changes: [['population.endpointsPerUser', '1.5']],
      where: 'model.population.endpointsPerUser',
      message: /must be a number \(got string '1\.5'\)/,
    },
    {
      name: 'NaN',
      changes: [['roomClasses.large.chatRatePerS', Number.NaN]],
      where: 'model.roomClasses.large.chatRatePerS',
      message: /must be a finite number \(got NaN\)/,
    },
    {
      name: 'Infinity',
      changes: [['assumptions.averageChatRowBytes', Number.POSITIVE_INFINITY]],
      where: 'model.assumptions.averageChatRowBytes',
      message: /finite number/,
    },
    {
      name: 'zero divisor',
      changes: [['rates.pollingIntervalS', 0]],
      where: 'model.rates.pollingIntervalS',
      message: /must be greater than 0 \(got 0\)/,
    },
    {
      name: 'working day over 24 hours',
      changes: [['rates.workdayHours', 25]],
      where: 'model.rates.workdayHours',
      message: /greater than 0 and at most 24/,
    },
    {
      name: 'missing field',
      changes: [['population.endpointsPerUser', undefined]],
      where: 'model.population.endpointsPerUser',
      message: /is missing \(expected at least 1\)/,
    },
    {
      name: 'misspelt field',
      changes: [['population.concurentUsers', 5]],
      where: 'model.population.concurentUsers',
      message: /unknown field \(did you mean 'concurrentUsers'\?\)/,
    },
    {
      name: 'unknown room class',
      changes: [['roomClasses.huge', {}]],
      where: 'model.roomClasses.huge',
      message: /unknown field; known: small, medium, large/,
    },
    {
      name: 'empty name',
      changes: [['name', '  ']],
      where: 'model.name',
      message: /non-empty string/,
    },
    {
      name: 'more concurrent than provisioned users',
      changes: [['population.concurrentUsers', 200_000]],
      where: 'model.population.concurrentUsers',
      message: /must not exceed population\.provisionedUsers \(150,000\).*got 200,000/,
    },
    {
      name: 'affiliations min over max',
      changes: [['directory.affiliationsPerUserMin', 300]],
      where: 'model.directory.affiliationsPerUserMin',
      message: /must not exceed directory\.affiliationsPerUserMax \(200\) \(got 300\)/,
    },
    {
      name: 'more rooms per user than rooms (a room bigger than the users)',
      changes: [
        ['population.concurrentUsers', 10_000],
        ['population.provisionedUsers', 20_000],
      ],
      where: 'model.roomClasses.large.usersPerRoom',
      message:
        /must not exceed population\.concurrentUsers \(10,000\) \(got 16,000\): the class would have 1\.25 rooms, fewer than its roomsPerUser \(2\)/,
    },
    {
      name: 'more users with access than provisioned users',
      changes: [['roomClasses.medium.usersWithGroupAccess', 150_001]],
      where: 'model.roomClasses.medium.usersWithGroupAccess',
      message: /must not exceed population\.provisionedUsers/,
    },
    {
      name: 'posts in a class without rooms',
      changes: [['roomClasses.large.roomsPerUser', 0]],
      where: 'model.roomClasses.large.chatRatePerS',
      message: /must be 0 when roomsPerUser is 0/,
    },
    {
      name: 'message limit over the story limit',
      changes: [['limits.messageSizeLimit', 5_000]],
      where: 'model.limits.messageSizeLimit',
      message: /must not exceed limits\.storySizeLimit \(4096\)/,
    },
  ];

  for (const c of cases) {
    it(`rejects ${c.name}, naming the field`, () => {
      const error = rejection(modelWith(...c.changes));
      assert.equal(error.where, c.where);
      assert.match(error.message, c.message);
    });
  }

  it('accepts a class without rooms once its chat rate is 0', () => {
    const model = modelWith(
      ['roomClasses.large.roomsPerUser', 0],
      ['roomClasses.large.chatRatePerS', 0],
    );
    assert.deepEqual(modelProblems(model), []);
  });

  it('prefixes the path with `where`, for scenario files', () => {
    const error = rejection(modelWith(['population.concurrentUsers', 0]), 'scenarios/x.ts: model');
    assert.equal(error.where, 'scenarios/x.ts: model.population.concurrentUsers');
    assert.match(error.message, /^scenarios\/x\.ts: model\.population\.concurrentUsers: /);
  });

  it('rejects something that is not a model at all', () => {
    assert.match(rejection(null).message, /^model: must be an object \(got null\)$/);
    assert.match(
      rejection({ ...models.lync2013, rates: 5 }).message,
      /^model\.rates: must be an object/,
    );
  });

  it('reports every field problem, the first in the message and the rest in the hint', () => {
    const model = modelWith(['rates.workdayHours', -1], ['roomClasses.small.openPct', 120]);
    assert.equal(modelProblems(model).length, 2);
    const error = rejection(model);
    // The model's order, not the order the mistakes were made in.
    assert.equal(error.where, 'model.roomClasses.small.openPct');
    assert.match(
      error.hint ?? '',
      /1 more problem\(s\): model\.rates\.workdayHours: must be greater than 0/,
    );
  });

  it('checks relations only once every field is sound (no cascades)', () => {
    const model = modelWith(['population.provisionedUsers', -1]);
    assert.deepEqual(
      modelProblems(model).map((p) => p.path),
      ['population.provisionedUsers'],
    );
  });
});
