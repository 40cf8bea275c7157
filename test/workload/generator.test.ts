import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Random } from '../../src/core/random.js';
import { lync2013 } from '../../src/model/lync2013.js';
import type { DeploymentModel } from '../../src/model/types.js';
import { encodeTransaction } from '../../src/sip/encode.js';
import { batchesEqual, createBatch, resetBatch, rowList } from '../../src/workload/batch.js';
import { TransactionGenerator } from '../../src/workload/generator.js';
import { csrRow } from '../../src/workload/membership.js';
import { expectedTxPerS, modelStreams } from '../../src/workload/mix.js';
import { type ActionStream, RoomFlag, type TxBatch } from '../../src/workload/types.js';
import { type SimulatedWorld, buildWorld } from '../../src/workload/world.js';
import { ACTIONS, Command, Method, NO_ROOM_CLASS, OPS, Op } from '../../src/core/vocabulary.js';

const world = buildWorld(lync2013, { seed: 2013 });

/**
 * Drives the streams at their rates on simulated time, evenly spaced (k6's constant-arrival-rate
 * spacing), for `seconds`; hands each filled batch to `check` before reusing it.
 */
function drive(
  generator: TransactionGenerator,
  streams: readonly ActionStream[],
  seconds: number,
  check: (batch: TxBatch) => void,
): void {
  const next = streams.map((s, k) => (k + 0.5) / streams.length / s.ratePerS);
  const batch = createBatch(8192);
  for (;;) {
    let k = 0;
    for (let j = 1; j < next.length; j++) if ((next[j] as number) < (next[k] as number)) k = j;
    const t = next[k] as number;
    if (t >= seconds) break;
    const stream = streams[k] as ActionStream;
    generator.emit(stream.action, t * 1000, batch, stream.roomClass ?? undefined);
    next[k] = t + 1 / stream.ratePerS;
    if (batch.count > 8000) {
      check(batch);
      resetBatch(batch);
    }
  }
  check(batch);
}

/** Re-derives user state from the stream and fails on any broken invariant. */
class ShadowChecker {
  private readonly online: Uint8Array;
  private onlineCount: number;
  private readonly dialog = new Map<number, number>();
  private readonly lastCseq = new Map<number, number>();
  private readonly inRooms = new Map<number, Set<number>>();
  posts = 0;

  constructor(
    private readonly w: SimulatedWorld,
    generator: TransactionGenerator,
  ) {
    this.online = Uint8Array.from({ length: w.users }, (_, u) => (generator.isOnline(u) ? 1 : 0));
    this.onlineCount = this.online.reduce((sum, n) => sum + n, 0);
  }

  private rooms(user: number): Set<number> {
    let set = this.inRooms.get(user);
    if (set === undefined) {
      set = new Set(csrRow(this.w.userRooms, user));
      this.inRooms.set(user, set);
    }
    return set;
  }

  check(b: TxBatch): void {
    for (let i = 0; i < b.count; i++) {
      const user = b.user[i] as number;
      const room = b.room[i] as number;
      const where = `row ${i} (${OPS[b.op[i] as number]}, user ${user})`;
      assert.equal(b.roomClass[i], room >= 0 ? this.w.roomClass[room] : NO_ROOM_CLASS, where);
      if (Number.isNaN(b.intendedAt[i] as number)) {
        assert.ok(
          i > 0 && b.user[i - 1] === user && b.dialog[i - 1] === b.dialog[i],
          `${where}: follower of its action`,
        );
      }
      assert.ok(user < this.w.concurrentUsers, `${where}: only users who sign in act`);
      if (b.method[i] === Method.INVITE) {
        if (this.online[user] === 1) {
          assert.equal(
            this.onlineCount,
            this.w.concurrentUsers,
            `${where}: reconnects only when everyone who signs in is online`,
          );
          this.onlineCount--;
        }
        assert.equal(b.cseq[i], 1, `${where}: a new dialog starts at CSeq 1`);
        assert.ok(
          !this.dialog.has(user) || (this.dialog.get(user) as number) < (b.dialog[i] as number),
          'dialogs are new',
        );
        this.online[user] = 1;
        this.onlineCount++;
        this.dialog.set(user, b.dialog[i] as number);
        this.inRooms.set(user, new Set(csrRow(this.w.userRooms, user)));
      } else {
        assert.equal(this.online[user], 1, `${where}: acts while offline`);
        const dialog = this.dialog.get(user);
        if (dialog !== undefined)
          assert.equal(b.dialog[i], dialog, `${where}: one dialog per user`);
        else this.dialog.set(user, b.dialog[i] as number);
        const last = this.lastCseq.get(user);
        if (last !== undefined)
          assert.equal(b.cseq[i], last + 1, `${where}: CSeq increases by one`);
      }
      this.lastCseq.set(user, b.cseq[i] as number);
      this.command(b, i, user, room, where);
      if (b.method[i] === Method.BYE) {
        this.online[user] = 0;
        this.onlineCount--;
      }
    }
  }

  private command(b: TxBatch, i: number, user: number, room: number, where: string): void {
    const member = room >= 0 && csrRow(this.w.userRooms, user).includes(room);
    const joined = this.rooms(user);
    switch (b.command[i]) {
      case Command.grpchat: {
        this.posts++;
        assert.ok(member, `${where}: poster follows room ${room}`);
        assert.ok(joined.has(room), `${where}: poster is in room ${room}`);
        if (((this.w.roomFlags[room] as number) & RoomFlag.auditorium) !== 0) {
          assert.ok(
            csrRow(this.w.roomPresenters, room).includes(user),
            `${where}: auditorium poster is a presenter`,
          );
        }
        break;
      }
      case Command.bjoin:
        assert.deepEqual(
          Array.from(rowList(b, i)),
          Array.from(csrRow(this.w.userRooms, user)),
          `${where}: bjoin lists all rooms`,
        );
        break;
      case Command.join:
        assert.ok(!joined.has(room), `${where}: joins a room it is not in`);
        assert.ok(
          member || ((this.w.roomFlags[room] as number) & RoomFlag.open) !== 0,
          `${where}: member room or open room`,
        );
        joined.add(room);
        break;
      case Command.part:
        assert.ok(joined.delete(room), `${where}: parts a room it is in`);
        break;
      case Command.bccontext:
        assert.ok(joined.has(room), `${where}: reads history of a room it is in`);
        if (b.op[i] === Op.history)
          assert.ok((b.arg1[i] as number) >= (b.arg0[i] as number), 'pages back at least one page');
        else assert.equal(b.arg1[i], 0);
        break;
      case Command.chansrch:
        if (room >= 0) assert.ok(member, `${where}: message search in a member room`);
        break;
    }
  }
}

function actionSequence(
  seed: number,
  n: number,
): { action: (typeof ACTIONS)[number]; at: number }[] {
  const random = new Random(seed);
  return Array.from({ length: n }, (_, k) => ({
    action: ACTIONS[random.int(ACTIONS.length)] as (typeof ACTIONS)[number],
    at: k * 10,
  }));
}

function generate(seed: number, sequence: ReturnType<typeof actionSequence>): TxBatch {
  const generator = new TransactionGenerator(world, lync2013, { seed });
  const batch = createBatch(1024);
  for (const { action, at } of sequence) generator.emit(action, at, batch);
  return batch;
}

describe('TransactionGenerator', () => {
  it('gives a byte-identical stream for the same seed and calls, another for another seed', () => {
    const sequence = actionSequence(1, 2000);
    const a = generate(7, sequence);
    const b = generate(7, sequence);
    const c = generate(8, sequence);
    assert.ok(a.count > 4000);
    assert.ok(batchesEqual(a, b));
    assert.deepEqual(a.user.slice(0, a.count), b.user.slice(0, b.count));
    assert.ok(!batchesEqual(a, c));
    const options = { runEpochMs: Date.UTC(2024, 4, 1) };
    for (let i = 0; i < 3000; i++) {
      assert.equal(
        encodeTransaction(a, i, world.naming, options),
        encodeTransaction(b, i, world.naming, options),
      );
    }
  });

  it('reproduces the documented mix over one simulated hour within 1 %, keeping every invariant', () => {
    const generator = new TransactionGenerator(world, lync2013, { seed: 2013 });
    const checker = new ShadowChecker(world, generator);
    const perOp = new Array<number>(OPS.length).fill(0);
    const postsPerClass = [0, 0, 0];
    drive(generator, modelStreams(lync2013), 3600, (batch) => {
      checker.check(batch);
      for (let i = 0; i < batch.count; i++) {
        const op = batch.op[i] as number;
        perOp[op] = (perOp[op] as number) + 1;
        if (op === Op.post) {
          const code = batch.roomClass[i] as number;
          postsPerClass[code] = (postsPerClass[code] as number) + 1;
        }
      }
    });
    const expected = expectedTxPerS(lync2013);
    OPS.forEach((op, k) => {
      const want = expected[op] * 3600;
      const got = perOp[k] as number;
      if (want === 0) assert.equal(got, 0, op);
      else assert.ok(Math.abs(got - want) <= 0.01 * want, `${op}: ${got} vs ${want.toFixed(0)}`);
    });
    (['small', 'medium', 'large'] as const).forEach((c, code) => {
      const want = lync2013.roomClasses[c].chatRatePerS * 3600;
      const got = postsPerClass[code] as number;
      assert.ok(Math.abs(got - want) <= 0.01 * want, `${c} posts: ${got} vs ${want}`);
    });
    assert.deepEqual(
      Object.values(generator.impossibleCounts()),
      new Array(ACTIONS.length).fill(0),
    );
    assert.ok(checker.posts > 80_000);
    assert.ok(Math.abs(generator.onlineUsers - 80_000) < 50, 'sign-ins and sign-outs balance');
  });

  it('keeps the invariants when starting with nobody online', () => {
    const generator = new TransactionGenerator(world, lync2013, {
      seed: 3,
      initiallyOnline: 'none',
    });
    const batch = createBatch(64);
    assert.equal(generator.emit('post', 0, batch, 'small'), 0, 'no one to post');
    assert.equal(generator.emit('refresh', 0, batch), 0);
    assert.equal(generator.impossibleCounts().post, 1);
    const checker = new ShadowChecker(world, generator);
    for (let k = 0; k < 400; k++) assert.equal(generator.emit('signin', k, batch), 22);
    for (const action of ACTIONS)
      for (let k = 0; k < 50; k++) generator.emit(action, 1000 + k, batch);
    checker.check(batch);
    assert.equal(batch.intendedAt[0], 0);
    assert.ok(Number.isNaN(batch.intendedAt[1] as number));
  });

  it('reconnects a connected user when everyone who signs in is online', () => {
    const everyone: DeploymentModel = {
      ...lync2013,
      population: { ...lync2013.population, provisionedUsers: 2000, concurrentUsers: 2000 },
    };
    const small = buildWorld(everyone, { seed: 4 });
    const generator = new TransactionGenerator(small, everyone, { seed: 4 });
    const checker = new ShadowChecker(small, generator);
    const batch = createBatch(64);
    assert.equal(generator.emit('signin', 0, batch), 22);
    assert.equal(generator.onlineUsers, 2000, 'a reconnect keeps the user online');
    assert.equal(generator.impossibleCounts().signin, 0);
    assert.equal(generator.emit('signout', 1, batch), 1);
    const signedOut = batch.user[22] as number;
    assert.equal(generator.emit('signin', 2, batch), 22);
    assert.equal(batch.user[23], signedOut, 'an offline user signs in before anyone reconnects');
    checker.check(batch);
  });

  it('signs in only the users who follow rooms, never the provisioned users beyond them', () => {
    const model: DeploymentModel = {
      ...lync2013,
      population: { ...lync2013.population, provisionedUsers: 3000, concurrentUsers: 1600 },
      roomClasses: {
        ...lync2013.roomClasses,
        large: { ...lync2013.roomClasses.large, usersPerRoom: 400, usersWithGroupAccess: 400 },
      },
    };
    const small = buildWorld(model, { seed: 6 });
    const generator = new TransactionGenerator(small, model, { seed: 6, initiallyOnline: 'none' });
    const checker = new ShadowChecker(small, generator);
    const batch = createBatch(1024);
    const signedIn = new Set<number>();
    for (let k = 0; k < 2000; k++) {
      assert.equal(generator.emit('signin', k, batch), 22);
      signedIn.add(batch.user[batch.count - 22] as number);
      checker.check(batch);
      resetBatch(batch);
    }
    assert.equal(signedIn.size, 1600);
    assert.ok(Math.max(...signedIn) < 1600);
    assert.equal(generator.onlineUsers, 1600);
  });

  it('draws the message-search share and deeper history pages more rarely', () => {
    const generator = new TransactionGenerator(world, lync2013, { seed: 5 });
    const batch = createBatch(1024);
    for (let k = 0; k < 20_000; k++) generator.emit('search', k, batch);
    let messages = 0;
    for (let i = 0; i < batch.count; i++) if (batch.room[i] !== -1) messages++;
    assert.ok(
      Math.abs(messages / batch.count - 0.1) < 0.01,
      `message searches ${messages / batch.count}`,
    );
    resetBatch(batch);
    for (let k = 0; k < 20_000; k++) generator.emit('history', k, batch);
    const pages = new Map<number, number>();
    for (let i = 0; i < batch.count; i++) {
      const page = (batch.arg1[i] as number) / 25;
      pages.set(page, (pages.get(page) ?? 0) + 1);
    }
    assert.ok(Math.abs((pages.get(1) as number) / batch.count - 0.5) < 0.02);
    assert.ok((pages.get(2) as number) > (pages.get(3) as number));
    assert.equal(batch.command[0], Command.bccontext);
  });
});
