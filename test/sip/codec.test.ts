import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Random } from '../../src/core/random.js';
import { lync2013 } from '../../src/model/lync2013.js';
import { decodeTransaction, worldResolver } from '../../src/sip/decode.js';
import { SipEncoder, encodeTransaction, isoSeconds } from '../../src/sip/encode.js';
import { headerValue, parseSipRequest } from '../../src/sip/parse.js';
import { appendRow, createBatch, readRow, resetBatch } from '../../src/workload/batch.js';
import type { Corpus } from '../../src/workload/corpus.js';
import { TransactionGenerator } from '../../src/workload/generator.js';
import { createNaming } from '../../src/workload/naming.js';
import { type TxBatch } from '../../src/workload/types.js';
import { buildWorld } from '../../src/workload/world.js';
import {
  ACTIONS,
  COMMANDS,
  Command,
  Method,
  NO_ROOM_CLASS,
  OPS,
  Op,
} from '../../src/core/vocabulary.js';

const model = {
  ...lync2013,
  population: { ...lync2013.population, provisionedUsers: 6000, concurrentUsers: 3200 },
};
const world = buildWorld(model, { seed: 11 });
const OPTIONS = { runEpochMs: Date.UTC(2024, 4, 1, 9, 0, 0, 250) };

/** At least `n` transactions of every kind: random actions at irregular, fractional times. */
function stream(n: number): TxBatch {
  const generator = new TransactionGenerator(world, model, { seed: 11 });
  const random = new Random(12);
  const batch = createBatch(n);
  let t = 0;
  while (batch.count < n) {
    t += random.exponential(40);
    generator.emit(ACTIONS[random.int(ACTIONS.length)] as (typeof ACTIONS)[number], t, batch);
  }
  return batch;
}

describe('SIP codec round trip', () => {
  it('encodes, parses, decodes and re-encodes 10,000 generated transactions byte for byte', () => {
    const batch = stream(10_000);
    const resolver = worldResolver(world);
    const encoder = new SipEncoder(world.naming);
    const one = createBatch(1, 32);
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const text = encoder.encode(batch, i, OPTIONS);
      const row = decodeTransaction(parseSipRequest(text), resolver, OPTIONS);
      const original = readRow(batch, i);
      const where = `row ${i}: ${COMMANDS[original.command]}`;
      for (const field of [
        'op',
        'method',
        'command',
        'roomClass',
        'user',
        'room',
        'dialog',
        'cseq',
        'arg0',
        'arg1',
      ] as const) {
        assert.equal(row[field], original[field], `${where}: ${field}`);
      }
      assert.deepEqual(Array.from(row.list), Array.from(original.list), where);
      if (original.command === Command.grpchat) {
        const wholeSecond = Math.floor((OPTIONS.runEpochMs + original.intendedAt) / 1000) * 1000;
        assert.equal(row.intendedAt, wholeSecond - OPTIONS.runEpochMs, where);
      }
      resetBatch(one);
      appendRow(one, row);
      assert.equal(encodeTransaction(one, 0, world.naming, OPTIONS), text, where);
      seen.add(`${COMMANDS[original.command]}:${OPS[original.op]}`);
      if (original.command === Command.chansrch)
        seen.add(original.room >= 0 ? 'chansrch:messages' : 'chansrch:rooms');
    }
    const kinds = [
      'none:signin',
      'none:signout',
      'none:refresh',
      'getserverinfo:signin',
      'getassociations:signin',
      'bjoin:join',
      'join:join',
      'bccontext:join',
      'bccontext:history',
      'grpchat:post',
      'part:part',
      'chansrch:messages',
      'chansrch:rooms',
      'getinv:invites',
    ];
    for (const kind of kinds) assert.ok(seen.has(kind), `covers ${kind}`);
  });

  it('writes Content-Length in UTF-8 bytes (Korean and Japanese text take more than one byte)', () => {
    const batch = stream(3000);
    let checked = 0;
    for (let i = 0; i < batch.count && checked < 20; i++) {
      if (batch.command[i] !== Command.grpchat) continue;
      const text = encodeTransaction(batch, i, world.naming, OPTIONS);
      const body = text.slice(text.indexOf('\r\n\r\n') + 4);
      const declared = Number(/Content-Length: (\d+)/.exec(text)?.[1]);
      assert.equal(declared, Buffer.byteLength(body, 'utf8'));
      if (/[\u3040-\u30ff\uac00-\ud7af]/.test(body)) {
        assert.ok(declared > body.length);
        checked++;
      }
    }
    assert.ok(checked > 0, 'saw CJK posts');
  });

  it('follows the reference shapes: request line, dialog headers, SDP on INVITE, no body on BYE', () => {
    const batch = createBatch(64);
    const generator = new TransactionGenerator(world, model, { seed: 2, initiallyOnline: 'none' });
    generator.emit('signin', 1500, batch);
    generator.emit('signout', 2000, batch);
    const invite = parseSipRequest(
      encodeTransaction(batch, 0, world.naming, {
        ...OPTIONS,
        endpoint: 'GC-2-PersistentChatService-3',
      }),
    );
    assert.equal(invite.method, 'INVITE');
    assert.equal(invite.uri, `sip:GC-2-PersistentChatService-3@${world.naming.domain}`);
    assert.equal(headerValue(invite, 'Supported'), 'ms-sender');
    assert.equal(invite.contentType, 'application/sdp');
    assert.match(
      invite.body,
      /^v=0\r\no=- 0 0 IN IP4 10\.\d+\.\d+\.\d+\r\ns=session\r\n.*m=message \d+ sip null\r\n/s,
    );
    assert.equal(invite.to.params.tag, undefined, 'INVITE opens the dialog: no To tag yet');
    assert.equal(invite.cseq, 1);
    const info = parseSipRequest(encodeTransaction(batch, 1, world.naming, OPTIONS));
    assert.equal(info.callId, invite.callId);
    assert.equal(info.from.params.tag, invite.from.params.tag);
    assert.match(info.to.params.tag ?? '', /^[0-9a-f]{8}$/);
    assert.match(
      headerValue(info, 'Via') ?? '',
      /^SIP\/2\.0\/TLS [\d.]+:\d+;branch=z9hG4bK[0-9a-f]{16}$/,
    );
    assert.equal(info.cseq, 2);
    const bye = parseSipRequest(encodeTransaction(batch, batch.count - 1, world.naming, OPTIONS));
    assert.equal(bye.method, 'BYE');
    assert.equal(bye.body, '');
    assert.equal(bye.contentType, null);
    assert.equal(bye.callId, invite.callId);
    const envids = Array.from(
      { length: batch.count - 2 },
      (_, k) =>
        parseSipRequest(encodeTransaction(batch, k + 1, world.naming, OPTIONS)).xccos
          ?.envid as number,
    );
    for (let k = 1; k < envids.length; k++)
      assert.ok(
        (envids[k] as number) > (envids[k - 1] as number),
        'envid increases along the dialog',
      );
  });

  it('XML-escapes chat text and formats ts as ISO-8601 UTC seconds', () => {
    const corpus: Corpus = {
      seed: 1,
      firstNames: ['Ana'],
      firstAscii: ['ana'],
      lastNames: ['Lee'],
      lastAscii: ['lee'],
      cjkNames: ['김민준'],
      departments: ['Ops'],
      places: ['Lyon'],
      roomQualifiers: ['red'],
      roomNouns: ['desk'],
      topics: ['t'],
      messages: ['5 < 6 & "quotes" > \'apostrophes\'\r\nnext line'],
      searchTerms: ['a&b'],
    };
    const naming = createNaming(1, 'corp.example', corpus);
    const batch = createBatch(2);
    appendRow(batch, {
      op: Op.post,
      method: Method.INFO,
      command: Command.grpchat,
      roomClass: 0,
      user: 0,
      room: 0,
      dialog: 0,
      cseq: 2,
      intendedAt: 2000.5,
      arg0: 0,
      arg1: 0,
      list: [],
    });
    appendRow(batch, {
      op: Op.search,
      method: Method.INFO,
      command: Command.chansrch,
      roomClass: NO_ROOM_CLASS,
      user: 0,
      room: -1,
      dialog: 0,
      cseq: 3,
      intendedAt: 5,
      arg0: 0,
      arg1: 0,
      list: [],
    });
    const text = encodeTransaction(batch, 0, naming, {
      runEpochMs: Date.UTC(2024, 4, 1, 9, 29, 58),
    });
    assert.ok(
      text.includes(`<chat>5 &lt; 6 &amp; "quotes" &gt; 'apostrophes'\r\nnext line</chat>`),
    );
    assert.ok(text.includes('ts="2024-05-01T09:30:00Z"'));
    const parsed = parseSipRequest(text);
    const chat = parsed.xccos?.items[0];
    assert.equal(chat?.kind === 'grpchat' ? chat.text : '', corpus.messages[0]);
    assert.ok(encodeTransaction(batch, 1, naming, OPTIONS).includes('criteria="a&amp;b"'));
    assert.equal(isoSeconds(Date.UTC(2024, 0, 2, 3, 4, 5, 999)), '2024-01-02T03:04:05Z');
  });
});
