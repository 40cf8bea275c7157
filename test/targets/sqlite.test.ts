/**
 * The embedded target: the shared contract on a real SQLite file (with worker threads for the
 * concurrency test), then what only SQLite lets us look at directly — the exact rows each
 * statement returns and the rows provisioning wrote.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ticksToMs } from '../../src/core/ticks.js';
import { classifySqliteError } from '../../src/targets/sqlite/errors.js';
import { CHAT_SQL, containsPattern } from '../../src/targets/sqlite/statements.js';
import { SqliteTarget } from '../../src/targets/sqlite/target.js';
import { RoleTypeId, Visibility } from '../../src/targets/schema/fixed-rows.js';
import type { ComplianceEvent } from '../../src/targets/types.js';
import { ComplianceEventType } from '../../src/targets/types.js';
import { workWindows } from '../../src/targets/rows/history.js';
import { RoomFlag } from '../../src/workload/types.js';
import { runTargetContract } from './contract.js';
import { associatedMemberRooms, managerRooms } from './expectations.js';
import { csrRow, provisionOptions, smallWorld, tempDir, testContext, txBatch } from './fixtures.js';

const dir = tempDir('sqlite');
after(() => dir.remove());

const contractPath = join(dir.path, 'contract', 'mgc.db');
runTargetContract(
  'sqlite',
  () => new SqliteTarget({ path: contractPath, synchronous: 'full' }),
  undefined,
  {
    // Sequencing does not depend on durability; normal spares the test ~150 fsyncs.
    workerUrl: `sqlite:${contractPath}?synchronous=normal`,
    makeForeignStore: async () => {
      const path = join(dir.path, 'foreign.db');
      const db = new Database(path);
      db.exec('CREATE TABLE "tblChat" ("channelId" int, "chatId" bigint, "content" nvarchar)');
      db.close();
      return new SqliteTarget({ path, synchronous: 'full' });
    },
  },
);

describe('sqlite store, read directly', () => {
  const world = smallWorld(11);
  const path = join(dir.path, 'direct.db');
  let db: Database.Database;

  before(async () => {
    const target = new SqliteTarget({ path, synchronous: 'normal' });
    await target.open(testContext(world, null));
    await target.provision(world, provisionOptions());
    await target.close();
    db = new Database(path, { readonly: true });
  });
  after(() => db.close());

  const user = (u: number) => world.layout.userPrinBase + u;
  const node = (r: number) => world.layout.roomNodeBase + r;
  const roomOf = (nodeId: number) => nodeId - world.layout.roomNodeBase;

  it('answers getassociations with exactly the world’s member and manager rooms', () => {
    const statement = db.prepare(CHAT_SQL.associations);
    for (const u of [0, 99, 250]) {
      const members = (statement.all(RoleTypeId.member, user(u)) as { nodeID: number }[]).map((r) =>
        roomOf(r.nodeID),
      );
      assert.deepEqual(new Set(members), associatedMemberRooms(world, u));
      const managers = (statement.all(RoleTypeId.manager, user(u)) as { nodeID: number }[]).map(
        (r) => roomOf(r.nodeID),
      );
      assert.deepEqual(new Set(managers), managerRooms(world, u));
    }
  });

  it('pages history back by exactly the right chatIds, newest first, with poster names', () => {
    const statement = db.prepare(CHAT_SQL.historyPage).safeIntegers(true);
    const room = 3;
    const { lastChatID } = db
      .prepare('SELECT "lastChatID" FROM "tblLastChatId" WHERE "nodeID" = ?')
      .safeIntegers(true)
      .get(node(room)) as { lastChatID: bigint };
    const last = Number(lastChatID);
    assert.ok(last >= 12, `room ${room} has seeded history (${last})`);
    const page = (n: number, skip: number) =>
      statement.all(node(room), node(room), skip, n) as {
        chatId: bigint;
        prinDisplayName: string;
        userId: bigint;
      }[];
    assert.deepEqual(
      page(5, 0).map((r) => Number(r.chatId)),
      [last, last - 1, last - 2, last - 3, last - 4],
    );
    assert.deepEqual(
      page(4, 5).map((r) => Number(r.chatId)),
      [last - 5, last - 6, last - 7, last - 8],
    );
    assert.deepEqual(
      page(10, last - 2).map((r) => Number(r.chatId)),
      [2, 1],
    );
    for (const row of page(3, 0)) {
      assert.equal(
        row.prinDisplayName,
        world.naming.userDisplayName(Number(row.userId) - world.layout.userPrinBase),
      );
    }
  });

  it('seeds history in working hours, chatDate rising with chatId, posted by the room’s people', () => {
    const windows = workWindows({
      days: 2,
      ratesPerS: { small: 0, medium: 0, large: 0 },
      workdayHours: 8,
      endMs: provisionOptions().historyEndMs,
    });
    const rows = db
      .prepare(
        'SELECT "channelId", "chatId", "chatDate", "userId", "content" FROM "tblChat" ORDER BY "channelId", "chatId"',
      )
      .safeIntegers(true)
      .all() as {
      channelId: bigint;
      chatId: bigint;
      chatDate: bigint;
      userId: bigint;
      content: string;
    }[];
    let previous: { room: number; chatId: number; ticks: bigint } | null = null;
    const corpus = new Set(
      Array.from({ length: world.naming.messageCount }, (_, i) => world.naming.message(i)),
    );
    for (const row of rows) {
      const room = roomOf(Number(row.channelId));
      const ms = ticksToMs(row.chatDate);
      assert.ok(
        windows.some(([start, end]) => ms >= start && ms < end),
        `chatDate ${new Date(ms).toISOString()} in working hours`,
      );
      if (previous !== null && previous.room === room) {
        assert.equal(Number(row.chatId), previous.chatId + 1);
        assert.ok(row.chatDate > previous.ticks);
      } else {
        assert.equal(row.chatId, 1n);
      }
      const poster = Number(row.userId) - world.layout.userPrinBase;
      const auditorium = ((world.roomFlags[room] as number) & RoomFlag.auditorium) !== 0;
      const people =
        auditorium && csrRow(world.roomPresenters, room).length > 0
          ? csrRow(world.roomPresenters, room)
          : csrRow(world.roomMembers, room);
      assert.ok(people.includes(poster), `poster ${poster} belongs in room ${room}`);
      assert.ok(corpus.has(row.content));
      previous = { room, chatId: Number(row.chatId), ticks: row.chatDate };
    }
    const counters = db
      .prepare(
        'SELECT l."nodeID", l."lastChatID", (SELECT COUNT(*) FROM "tblChat" c WHERE c."channelId" = l."nodeID") AS n FROM "tblLastChatId" l',
      )
      .all() as { lastChatID: number; n: number }[];
    assert.ok(
      counters.every((c) => c.lastChatID === c.n),
      'each counter equals its room’s seeded messages',
    );
  });

  it('writes each user’s affiliations as self (-1), domain (1), then 2..n without gaps', () => {
    const rows = db.prepare(
      'SELECT "affiliationID", "index" FROM "tblPrincipalAffiliations" WHERE "principalID" = ? ORDER BY "index"',
    );
    for (const u of [0, 150, 299]) {
      const affiliations = rows.all(user(u)) as { affiliationID: number; index: number }[];
      assert.equal(affiliations.length, world.affiliationCount(u));
      assert.deepEqual(affiliations[0], { affiliationID: user(u), index: -1 });
      assert.deepEqual(affiliations[1], { affiliationID: world.layout.domainPrinId, index: 1 });
      assert.deepEqual(
        affiliations.slice(1).map((a) => a.index),
        affiliations.slice(1).map((_, i) => i + 1),
      );
      assert.equal(
        new Set(affiliations.map((a) => a.affiliationID)).size,
        affiliations.length,
        'no repeated affiliation',
      );
    }
  });

  it('stores rooms with the published flags, and gives groups the GUID of their URI', () => {
    const rooms = db
      .prepare(
        'SELECT "nodeID", "parentID", "invite", "logged", "filePost", "behavior", "visibility" FROM "tblNode" WHERE "nodeType" = 0',
      )
      .all() as Record<string, number | null>[];
    for (const row of rooms) {
      const flags = world.roomFlags[roomOf(row['nodeID'] as number)] as number;
      assert.equal(row['visibility'], flags & RoomFlag.open ? Visibility.open : Visibility.private);
      assert.equal(row['behavior'], flags & RoomFlag.auditorium ? 5 : 4);
      assert.equal(row['invite'], flags & RoomFlag.invitations ? null : 0);
      assert.equal(row['logged'], null);
      assert.equal(row['filePost'], null);
    }
    const root = db.prepare('SELECT "parentID" FROM "tblNode" WHERE "nodeID" = 1').get() as {
      parentID: number;
    };
    assert.equal(root.parentID, 1, 'the root is its own parent');
    const groups = db
      .prepare('SELECT "prinGuid", "prinUri" FROM "tblPrincipal" WHERE "prinTypeID" = 9')
      .all() as { prinGuid: string; prinUri: string }[];
    assert.equal(groups.length, world.directoryGroups + world.roomGroups);
    for (const g of groups) assert.ok(g.prinUri.endsWith(`/${g.prinGuid}`), g.prinUri);
  });

  it('finds rooms by name with the LIKE wildcards of the term taken literally', () => {
    const search = db.prepare(CHAT_SQL.searchRooms);
    const name = world.naming.roomName(csrRow(world.userRooms, 0)[0] as number);
    const hits = search.all(containsPattern(name), Visibility.open, user(0), 999) as {
      nodeName: string;
    }[];
    assert.ok(hits.some((h) => h.nodeName === name));
    assert.deepEqual(search.all(containsPattern('%'), Visibility.open, user(0), 999), []);
    assert.deepEqual(search.all(containsPattern('_'), Visibility.open, user(0), 999), []);
    assert.equal(containsPattern('50%_off\\'), '%50\\%\\_off\\\\%');
  });
});

describe('sqlite compliance store', () => {
  const world = smallWorld(11);

  it('writes chat and backchat rows, joins, and parts one room or all rooms', async () => {
    const path = join(dir.path, 'compliance.db');
    const target = new SqliteTarget({ path, synchronous: 'normal' });
    const events: ComplianceEvent[] = [];
    await target.open(testContext(world, events));
    await target.provision(world, provisionOptions({ historyDays: 0 }));
    const [a, b] = [
      csrRow(world.userRooms, 4)[0] as number,
      csrRow(world.userRooms, 4)[1] as number,
    ];
    await target.execute(
      txBatch([
        { op: 'join', command: 'join', user: 4, room: a },
        { op: 'join', command: 'join', user: 4, room: b },
        { op: 'post', command: 'grpchat', user: 4, room: a, arg0: 7 },
        { op: 'history', command: 'bccontext', user: 4, room: b, arg0: 25 },
        { op: 'part', command: 'part', user: 4, room: a },
      ]),
    );
    await target.writeCompliance(events);
    await target.writeCompliance([
      { type: ComplianceEventType.part, ticks: 1n, room: -1, user: 4, chatId: null, message: null },
    ]);
    await target.close();

    const db = new Database(path, { readonly: true });
    const data = db
      .prepare(
        'SELECT "cmplEventID", "cmplType", "cmplChannelUri", "cmplChatID", "cmplUserID", "cmplUserUri", "cmplMessage" FROM "tblComplianceData" ORDER BY "cmplEventID"',
      )
      .all();
    assert.deepEqual(data, [
      {
        cmplEventID: 1,
        cmplType: 1,
        cmplChannelUri: world.naming.roomUri(a),
        cmplChatID: 1,
        cmplUserID: world.layout.userPrinBase + 4,
        cmplUserUri: world.naming.userUri(4),
        cmplMessage: world.naming.message(7),
      },
      {
        cmplEventID: 2,
        cmplType: 2,
        cmplChannelUri: world.naming.roomUri(b),
        cmplChatID: null,
        cmplUserID: world.layout.userPrinBase + 4,
        cmplUserUri: world.naming.userUri(4),
        cmplMessage: null,
      },
    ]);
    const participants = db
      .prepare(
        'SELECT "channelUri", "partedAt" FROM "tblComplianceParticipant" ORDER BY "joinedAt"',
      )
      .safeIntegers(true)
      .all() as { channelUri: string; partedAt: bigint | null }[];
    assert.equal(participants.length, 2);
    assert.ok(
      participants[0]?.partedAt !== null && (participants[0]?.partedAt ?? 0n) > 1n,
      'room a parted by its PART',
    );
    assert.equal(participants[1]?.partedAt, 1n, 'room b parted by the sign-out');
    db.close();
  });

  it('refuses to run against a store that was never provisioned', async () => {
    const target = new SqliteTarget({ path: join(dir.path, 'empty.db'), synchronous: 'full' });
    await target.open(testContext(world, null));
    assert.deepEqual(await target.inspectStore(), { state: 'empty' });
    await assert.rejects(
      target.execute(txBatch([{ op: 'signin', method: 'INVITE', user: 0 }])),
      /E_NOT_PROVISIONED|no provisioned mgc/,
    );
    await target.close();
  });
});

describe('sqlite error classification', () => {
  const error = (code: string) => Object.assign(new Error(code), { code });
  it('maps SQLite result codes to target error kinds', () => {
    assert.equal(classifySqliteError(error('SQLITE_BUSY')), 'timeout');
    assert.equal(classifySqliteError(error('SQLITE_BUSY_SNAPSHOT')), 'timeout');
    assert.equal(classifySqliteError(error('SQLITE_LOCKED')), 'timeout');
    assert.equal(classifySqliteError(error('SQLITE_CONSTRAINT_PRIMARYKEY')), 'constraint');
    assert.equal(classifySqliteError(error('SQLITE_CANTOPEN')), 'unreachable');
    assert.equal(classifySqliteError(error('SQLITE_READONLY')), 'permission');
    assert.equal(classifySqliteError(error('SQLITE_PERM')), 'permission');
    assert.equal(classifySqliteError(error('SQLITE_CORRUPT')), 'unknown');
    assert.equal(classifySqliteError(new Error('plain')), 'unknown');
  });

  it('reports a duplicate key from a real statement as a constraint failure', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY)');
    db.exec('INSERT INTO t VALUES (1)');
    assert.throws(
      () => db.exec('INSERT INTO t VALUES (1)'),
      (e) => classifySqliteError(e) === 'constraint',
    );
    db.close();
  });

  it('classifies a transaction that cannot get the write lock as a timeout', () => {
    const path = join(dir.path, 'locked.db');
    const holder = new Database(path, { timeout: 0 });
    holder.exec('CREATE TABLE t (k INTEGER)');
    holder.exec('BEGIN IMMEDIATE');
    const locked = new Database(path, { timeout: 0 });
    assert.throws(
      () => locked.exec('BEGIN IMMEDIATE'),
      (e) => classifySqliteError(e) === 'timeout',
    );
    holder.exec('ROLLBACK');
    locked.close();
    holder.close();
  });
});
