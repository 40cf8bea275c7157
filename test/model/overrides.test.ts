import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import {
  applyOverrides,
  buildPlan,
  checkOverrides,
  modelFromFlags,
  models,
  parseModelFlags,
  resolveModel,
  type ModelFlagValues,
} from '../../src/model/index.js';

const base = models.lync2013;

function thrown(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof InputError, `InputError, got ${String(error)}`);
    return error;
  }
  assert.fail('nothing was thrown');
}

describe('applyOverrides', () => {
  it('merges nested fields, keeps the rest, and leaves the base untouched', () => {
    const before = structuredClone(base);
    const model = applyOverrides(base, {
      population: { concurrentUsers: 20_000, provisionedUsers: 37_500 },
      roomClasses: { small: { roomsPerUser: 10 } },
    });
    assert.equal(model.population.concurrentUsers, 20_000);
    assert.equal(model.population.endpointsPerUser, base.population.endpointsPerUser);
    assert.equal(model.roomClasses.small.roomsPerUser, 10);
    assert.equal(model.roomClasses.small.usersPerRoom, 30);
    assert.deepEqual(model.roomClasses.medium, base.roomClasses.medium);
    assert.deepEqual(base, before);
  });

  it('names the result after what changed, and keeps the base name when nothing did', () => {
    const model = applyOverrides(base, { roomClasses: { large: { usersPerRoom: 8_000 } } });
    assert.equal(model.name, 'lync2013 (roomClasses.large.usersPerRoom=8000)');
    assert.match(model.description, /overridden: roomClasses\.large\.usersPerRoom=8000$/);
    assert.equal(
      applyOverrides(base, { population: { concurrentUsers: 80_000 } }).name,
      'lync2013',
    );
    assert.equal(applyOverrides(base, { name: 'mine', rates: { workdayHours: 9 } }).name, 'mine');
  });

  it('ignores fields given as undefined', () => {
    const model = applyOverrides(base, { population: { concurrentUsers: undefined } });
    assert.equal(model.population.concurrentUsers, 80_000);
  });

  it('validates the merged model, naming the field under `where`', () => {
    const error = thrown(() =>
      applyOverrides(base, { roomClasses: { small: { openPct: 120 } } }, 'scenarios/x.ts: model'),
    );
    assert.equal(error.where, 'scenarios/x.ts: model.roomClasses.small.openPct');
  });

  it('rejects unknown groups, classes and fields instead of ignoring them', () => {
    const unknownField = thrown(() => checkOverrides({ population: { users: 5 } }));
    assert.equal(unknownField.where, 'model.population.users');
    assert.equal(
      thrown(() => checkOverrides({ roomClasses: { tiny: {} } })).where,
      'model.roomClasses.tiny',
    );
    assert.equal(thrown(() => checkOverrides({ populaton: {} })).where, 'model.populaton');
    assert.match(
      thrown(() => checkOverrides({ populaton: {} })).message,
      /did you mean 'population'/,
    );
    assert.equal(thrown(() => checkOverrides({ rates: 3 })).where, 'model.rates');
    assert.equal(thrown(() => checkOverrides('users=5')).where, 'model');
  });
});

describe('parseModelFlags', () => {
  it('--users sets concurrent users and scales provisioned users 150,000 : 80,000', () => {
    const overrides = parseModelFlags(base, { users: '20000' });
    assert.deepEqual(overrides.population, { concurrentUsers: 20_000, provisionedUsers: 37_500 });
    assert.equal(overrides.name, 'lync2013 (users=20000)');
  });

  it('--provisioned wins over the scaled figure, and works alone', () => {
    assert.deepEqual(parseModelFlags(base, { users: '20000', provisioned: '25000' }).population, {
      concurrentUsers: 20_000,
      provisionedUsers: 25_000,
    });
    assert.deepEqual(parseModelFlags(base, { provisioned: '160000' }).population, {
      provisionedUsers: 160_000,
    });
  });

  it('reads per-class flags as comma lists and repeated flags', () => {
    const overrides = parseModelFlags(base, {
      roomsPerUser: ['small=10,medium=3', 'large=1'],
      usersPerRoom: ['large=8000'],
      chatRate: ['small=30.5'],
      joinRate: '20',
    });
    assert.deepEqual(overrides.roomClasses, {
      small: { roomsPerUser: 10, chatRatePerS: 30.5 },
      medium: { roomsPerUser: 3 },
      large: { roomsPerUser: 1, usersPerRoom: 8_000, usersWithGroupAccess: 8_000 },
    });
    assert.deepEqual(overrides.rates, { peakSigninsPerS: 20 });
    assert.equal(
      overrides.name,
      'lync2013 (join-rate=20, rooms-per-user.small=10, rooms-per-user.medium=3, ' +
        'rooms-per-user.large=1, users-per-room.large=8000, chat-rate.small=30.5)',
    );
  });

  it("--users-per-room keeps the class's group-access factor (small rooms: 30 -> 60 users)", () => {
    const overrides = parseModelFlags(base, { usersPerRoom: ['small=15', 'medium=100'] });
    assert.deepEqual(overrides.roomClasses, {
      small: { usersPerRoom: 15, usersWithGroupAccess: 30 },
      medium: { usersPerRoom: 100, usersWithGroupAccess: 150 },
    });
  });

  const bad: [string, ModelFlagValues, string, RegExp][] = [
    ['letters', { users: 'abc' }, '--users', /whole number of at least 1 \(got "abc"\)/],
    ['negative', { users: '-5' }, '--users', /got "-5"/],
    ['zero users', { users: '0' }, '--users', /at least 1/],
    ['fraction', { provisioned: '1.5' }, '--provisioned', /whole number/],
    ['no class', { roomsPerUser: ['12'] }, '--rooms-per-user', /expected CLASS=VALUE/],
    [
      'unknown class',
      { usersPerRoom: ['huge=5'] },
      '--users-per-room',
      /unknown room class 'huge'/,
    ],
    ['class twice', { roomsPerUser: ['small=3', 'small=4'] }, '--rooms-per-user', /more than once/],
    ['bad value', { chatRate: ['small=fast'] }, '--chat-rate small', /number of at least 0/],
    ['zero-sized room', { usersPerRoom: ['small=0'] }, '--users-per-room small', /at least 1/],
    ['negative rate', { joinRate: '-1' }, '--join-rate', /got '-1'/],
  ];
  for (const [name, flags, where, message] of bad) {
    it(`rejects ${name}, naming ${where}`, () => {
      const error = thrown(() => parseModelFlags(base, flags));
      assert.equal(error.where, where);
      assert.match(error.message, message);
    });
  }
});

describe('modelFromFlags', () => {
  it('--users scales the sign-in and chat rates with the population, unless given', () => {
    const quarter = modelFromFlags(base, { users: '20000' });
    assert.equal(quarter.rates.peakSigninsPerS, base.rates.peakSigninsPerS / 4);
    for (const c of ['small', 'medium', 'large'] as const) {
      assert.ok(
        Math.abs(quarter.roomClasses[c].chatRatePerS - base.roomClasses[c].chatRatePerS / 4) < 1e-9,
      );
    }
    const given = modelFromFlags(base, { users: '20000', chatRate: ['small=30'], joinRate: '7' });
    assert.equal(given.roomClasses.small.chatRatePerS, 30);
    assert.equal(given.roomClasses.medium.chatRatePerS, base.roomClasses.medium.chatRatePerS / 4);
    assert.equal(given.rates.peakSigninsPerS, 7);
  });

  it('--users 20000 gives a validated model with 8,000 small rooms', () => {
    const model = modelFromFlags(base, { users: '20000' });
    assert.equal(model.name, 'lync2013 (users=20000)');
    assert.equal(buildPlan(model).capacity.rooms.all.small, 8_000);
  });

  it('names the model field and the flags when the flags give an invalid model', () => {
    const error = thrown(() => modelFromFlags(base, { users: '500' }));
    assert.equal(error.where, 'model.roomClasses.large.usersPerRoom');
    assert.match(error.hint ?? '', /--users 500/);
    assert.match(error.hint ?? '', /--users-per-room/);
  });

  it('accepts the same flags once the rooms fit the users', () => {
    const model = modelFromFlags(base, { users: '500', usersPerRoom: ['large=250', 'medium=100'] });
    assert.equal(model.roomClasses.large.usersPerRoom, 250);
  });
});

describe('resolveModel', () => {
  it('finds built-in models and lists them for an unknown name', () => {
    assert.equal(resolveModel('lync2013'), models.lync2013);
    const error = thrown(() => resolveModel('lync2010'));
    assert.equal(error.where, '--model');
    assert.match(error.message, /unknown model 'lync2010' \(known: lync2013\)/);
    assert.equal(thrown(() => resolveModel('toString')).where, '--model');
  });
});
