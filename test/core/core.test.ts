import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDuration, parseDuration, parsePercent } from '../../src/core/duration.js';
import {
  ChatloadError,
  errnoCode,
  ExitCode,
  InputError,
  messageOf,
  TargetError,
} from '../../src/core/errors.js';
import { tokenFor, uuidFor } from '../../src/core/ids.js';
import { AliasTable, Random } from '../../src/core/random.js';
import { msToTicks, ticksToDate, ticksToMs } from '../../src/core/ticks.js';

describe('Random', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = new Random(2013);
    const b = new Random(2013);
    const c = new Random(2014);
    const sa = Array.from({ length: 64 }, () => a.nextU32());
    const sb = Array.from({ length: 64 }, () => b.nextU32());
    const sc = Array.from({ length: 64 }, () => c.nextU32());
    assert.deepEqual(sa, sb);
    assert.notDeepEqual(sa, sc);
  });

  it('forks independent named streams reproducibly', () => {
    const r = new Random(7);
    assert.equal(r.fork('world').nextU32(), new Random(7).fork('world').nextU32());
    assert.notEqual(r.fork('world').nextU32(), r.fork('corpus').nextU32());
  });

  it('draws uniform integers in range with a flat histogram', () => {
    const r = new Random(1);
    const counts = new Array<number>(10).fill(0);
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const v = r.int(10);
      assert.ok(v >= 0 && v < 10);
      counts[v] = (counts[v] as number) + 1;
    }
    for (const count of counts) assert.ok(Math.abs(count - n / 10) < 0.02 * (n / 10), `${count}`);
  });

  it('has an exponential distribution with the asked mean', () => {
    const r = new Random(3);
    let sum = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) sum += r.exponential(2.5);
    assert.ok(Math.abs(sum / n - 2.5) < 0.05);
  });
});

describe('AliasTable', () => {
  it('draws each index in proportion to its (fractional) weight', () => {
    const weights = [22.22, 1.67, 0.15, 0.0];
    const table = new AliasTable(weights);
    const r = new Random(99);
    const counts = [0, 0, 0, 0];
    const n = 1_000_000;
    for (let i = 0; i < n; i++) {
      const k = table.draw(r);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    const total = weights.reduce((s, w) => s + w, 0);
    weights.forEach((w, i) => {
      const expected = (n * w) / total;
      assert.ok(Math.abs((counts[i] as number) - expected) <= Math.max(5, 0.03 * expected), `${i}`);
    });
    assert.equal(counts[3], 0);
  });

  it('rejects empty, negative and all-zero weights', () => {
    assert.throws(() => new AliasTable([]), RangeError);
    assert.throws(() => new AliasTable([1, -1]), RangeError);
    assert.throws(() => new AliasTable([0, 0]), RangeError);
  });
});

describe('durations and percentages', () => {
  it('parses k6-style durations', () => {
    const cases: [string, number][] = [
      ['30s', 30_000],
      ['1m30s', 90_000],
      ['1h', 3_600_000],
      ['250ms', 250],
      ['1.5s', 1500],
      ['2h3m4s', 7_384_000],
      ['0s', 0],
    ];
    for (const [text, ms] of cases) assert.equal(parseDuration(text), ms, text);
  });

  it('rejects what is not a duration, saying what is expected', () => {
    for (const bad of ['', '30', 's', '1x', '1m 30s', '-5s', 'ten seconds']) {
      assert.throws(() => parseDuration(bad), /duration/, bad);
    }
  });

  it('formats durations back compactly', () => {
    assert.equal(formatDuration(90_000), '1m30s');
    assert.equal(formatDuration(1500), '1.5s');
    assert.equal(formatDuration(250), '250ms');
    assert.equal(formatDuration(3_600_000), '1h');
  });

  it('parses percentages', () => {
    assert.equal(parsePercent('10%'), 0.1);
    assert.equal(parsePercent('2.5%'), 0.025);
    assert.equal(parsePercent('0.1'), 0.1);
    assert.throws(() => parsePercent('ten'), /percentage/);
  });
});

describe('.NET ticks', () => {
  it('matches the documented compliance example (since1970 ms + sub-ms ticks)', () => {
    // mgc-schema.md §4.1: 1212610540953 ms with sub-millisecond part 5482 <-> 633482073409535482
    assert.equal(msToTicks(1212610540953, 5482n), 633482073409535482n);
    assert.equal(ticksToMs(633482073409535482n), 1212610540953);
    assert.equal(ticksToDate(633482073409535482n).toISOString(), '2008-06-04T20:15:40.953Z');
  });

  it('gives the documented value for 2011-01-01', () => {
    assert.equal(msToTicks(Date.UTC(2011, 0, 1)), 634294368000000000n);
  });

  it('keeps values beyond 2^53 exact', () => {
    const t = msToTicks(Date.UTC(2026, 10, 26, 12, 0, 0, 123));
    assert.ok(t > BigInt(Number.MAX_SAFE_INTEGER));
    assert.equal(ticksToMs(t), Date.UTC(2026, 10, 26, 12, 0, 0, 123));
  });
});

describe('deterministic ids', () => {
  it('derives stable, distinct, well-formed UUIDs from (seed, namespace, index)', () => {
    const shape = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const id = uuidFor(2013, 'room', i);
      assert.match(id, shape);
      seen.add(id);
    }
    assert.equal(seen.size, 20_000);
    assert.equal(uuidFor(2013, 'room', 5), uuidFor(2013, 'room', 5));
    assert.notEqual(uuidFor(2013, 'room', 5), uuidFor(2013, 'user', 5));
    assert.notEqual(uuidFor(2013, 'room', 5), uuidFor(2014, 'room', 5));
    assert.match(tokenFor(1, 'tag', 1), /^[0-9a-f]{16}$/);
  });

  it('keeps ids of different kinds apart: no collision across namespaces', () => {
    // With one 32-bit hash behind an id, 150,000 principals of several kinds would collide
    // (about 2.6 expected pairs); seed 7 did, in tblPrincipal.prinGuid.
    const seen = new Set<string>();
    for (const kind of ['user', 'folder', 'directory-group', 'room-group', 'room']) {
      for (let i = 0; i < 60_000; i++) seen.add(uuidFor(7, kind, i));
    }
    assert.equal(seen.size, 5 * 60_000);
  });
});

describe('coded errors', () => {
  it('maps codes to the documented exit codes', () => {
    assert.equal(new InputError('--scale', 'must be positive').exitCode, ExitCode.invalidInput);
    assert.equal(new TargetError('unreachable', 'x').exitCode, ExitCode.targetUnavailable);
    assert.equal(new TargetError('login', 'x').exitCode, ExitCode.targetUnavailable);
    assert.equal(new TargetError('deadlock', 'x').exitCode, ExitCode.unexpected);
    assert.equal(new ChatloadError('E_OTHER_WORLD', 'x').exitCode, ExitCode.invalidInput);
    assert.equal(new ChatloadError('E_OUTPUT', 'x').exitCode, ExitCode.unexpected);
  });

  it('reads the message and the system-call code of anything thrown', () => {
    assert.equal(messageOf(new RangeError('out of range')), 'out of range');
    assert.equal(messageOf('thrown as text'), 'thrown as text');
    assert.equal(messageOf(42), '42');
    const denied = Object.assign(new Error("EACCES: permission denied, open 'x'"), {
      code: 'EACCES',
    });
    assert.equal(errnoCode(denied), 'EACCES');
    assert.equal(errnoCode(new Error('no code')), undefined);
    assert.equal(errnoCode({ code: 7 }), undefined);
    assert.equal(errnoCode(null), undefined);
  });

  it('names the place in input errors and keeps the cause', () => {
    const cause = new Error('inner');
    const error = new InputError('scenarios/x.ts: options.seed', 'must be an integer', { cause });
    assert.equal(error.message, 'scenarios/x.ts: options.seed: must be an integer');
    assert.equal(error.cause, cause);
  });
});
