/**
 * The outage policy of network targets, on simulated time: which failures open an outage, the
 * reconnect backoff schedule, failing fast while the server is away, the unavailable time
 * accounted from the first failure to the reconnect that succeeded, and the bound after which
 * the run gives up (a fatal `unreachable`: exit 3).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExitCode, TargetError, type TargetErrorKindName } from '../../src/core/errors.js';
import {
  Availability,
  DEFAULT_OUTAGE_POLICY,
  isOutageKind,
  reconnectDelayMs,
  type OutagePolicy,
} from '../../src/targets/availability.js';

const POLICY: OutagePolicy = { firstRetryMs: 100, maxRetryMs: 1_000, giveUpAfterMs: 10_000 };

/**
 * A simulated clock that moves only when the policy sleeps, and a server whose answers to the
 * reconnect probes are scripted: each entry is the failure kind of one probe, null a success.
 */
function simulated(probes: (TargetErrorKindName | null)[], random = 0.5) {
  const world = { now: 0, sleeps: [] as number[], probedAt: [] as number[] };
  const availability = new Availability(POLICY, {
    clock: () => world.now,
    sleep: async (ms) => {
      world.sleeps.push(ms);
      world.now += ms;
    },
    random: () => random,
    probe: async () => {
      world.probedAt.push(world.now);
      const kind = probes.length > 0 ? probes.shift() : 'unreachable';
      if (kind !== null && kind !== undefined) throw new TargetError(kind, `probe: ${kind}`);
    },
    classify: (error) => (error instanceof TargetError ? error.kind : 'unknown'),
    description: 'mssql://load@db:1433/mgc',
  });
  return { world, availability };
}

describe('reconnect backoff', () => {
  it('doubles from the first retry up to the cap, half fixed and half jittered', () => {
    const delays = (random: number) =>
      [0, 1, 2, 3, 4, 5].map((n) => reconnectDelayMs(n, POLICY, random));
    assert.deepEqual(delays(0), [50, 100, 200, 400, 500, 500]);
    assert.deepEqual(delays(0.5), [75, 150, 300, 600, 750, 750]);
    assert.ok(delays(0.999).every((ms, n) => ms < Math.min(1000, 100 * 2 ** n)));
    assert.deepEqual(DEFAULT_OUTAGE_POLICY, {
      firstRetryMs: 250,
      maxRetryMs: 5_000,
      giveUpAfterMs: 60_000,
    });
  });
});

describe('outages', () => {
  it('open only for failures that say the server is unavailable', () => {
    assert.deepEqual(
      (['unreachable', 'login', 'deadlock', 'timeout', 'permission', 'unknown'] as const).map(
        isOutageKind,
      ),
      [true, true, false, false, false, false],
    );
    const { availability } = simulated([]);
    availability.report('timeout', 0);
    availability.report('deadlock', 0);
    assert.equal(availability.down, false);
    assert.doesNotThrow(() => availability.admit());
    assert.deepEqual(availability.takeOutages(), []);
  });

  it('fail transactions fast, reconnect with backoff, and account the time unavailable', async () => {
    // The server refuses connections twice, then refuses logins while it starts, then answers.
    const { world, availability } = simulated(['unreachable', 'unreachable', 'login', null]);
    world.now = 1_000;
    availability.report('unreachable', 990);
    assert.equal(availability.down, true);
    assert.throws(
      () => availability.admit(),
      (error: unknown) =>
        error instanceof TargetError &&
        error.kind === 'unreachable' &&
        /not sent: mssql:\/\/load@db:1433\/mgc has been unavailable/.test(error.message),
    );
    const ongoing = availability.takeOutages();
    assert.deepEqual(ongoing, [
      { startMs: 1_000, endMs: null, kinds: ['unreachable'], attempts: 0 },
    ]);
    // A second failure during the outage opens no second one.
    availability.report('unreachable', 1_000);
    await availability.settled;
    assert.deepEqual(world.sleeps, [75, 150, 300, 600]);
    assert.deepEqual(world.probedAt, [1_075, 1_225, 1_525, 2_125]);
    assert.equal(availability.down, false);
    assert.doesNotThrow(() => availability.admit());
    assert.deepEqual(availability.takeOutages(), [
      { startMs: 1_000, endMs: 2_125, kinds: ['unreachable', 'login'], attempts: 4 },
    ]);
    assert.deepEqual(availability.takeOutages(), [], 'an ended outage is reported once');
  });

  it('ignore a failure of a transaction sent before the reconnect (a dead connection)', async () => {
    const { world, availability } = simulated([null]);
    availability.report('unreachable', 0);
    await availability.settled;
    const recoveredAt = world.now;
    availability.report('unreachable', recoveredAt - 1);
    assert.equal(availability.down, false);
    availability.report('unreachable', recoveredAt);
    assert.equal(availability.down, true, 'a transaction sent after it is news');
  });

  it('give up after the bound: a fatal unreachable (exit 3), reconnecting stops', async () => {
    const { world, availability } = simulated([]);
    availability.report('login', 0);
    await availability.settled;
    assert.ok(world.now >= POLICY.giveUpAfterMs, `stopped at ${world.now} ms`);
    const probes = world.probedAt.length;
    assert.equal(probes, 16, 'backoffs 75, 150, 300, 600, then 750 ms each (capped) until 10 s');
    assert.equal(availability.down, true);
    assert.throws(
      () => availability.checkGiveUp(),
      (error: unknown) =>
        error instanceof TargetError &&
        error.exitCode === ExitCode.targetUnavailable &&
        /unavailable for 10\.\ds \(login, unreachable; 16 reconnect attempt\(s\)\): giving up/.test(
          error.message,
        ) &&
        /--max-outage/.test(error.hint ?? ''),
    );
  });

  it('do not give up before the bound', async () => {
    const { world, availability } = simulated(['unreachable']);
    availability.report('unreachable', 0);
    world.now = POLICY.giveUpAfterMs - 1;
    assert.doesNotThrow(() => availability.checkGiveUp());
    world.now = POLICY.giveUpAfterMs;
    assert.throws(() => availability.checkGiveUp(), /giving up/);
  });

  it('stop reconnecting when the target closes', async () => {
    const { world, availability } = simulated([]);
    availability.report('unreachable', 0);
    availability.stop();
    await availability.settled;
    assert.ok(world.probedAt.length <= 1);
  });
});
