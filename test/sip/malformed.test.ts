import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { lync2013 } from '../../src/model/lync2013.js';
import { decodeTransaction, worldResolver } from '../../src/sip/decode.js';
import { encodeTransaction } from '../../src/sip/encode.js';
import { parseSipRequest } from '../../src/sip/parse.js';
import { appendRow, createBatch } from '../../src/workload/batch.js';
import { buildWorld } from '../../src/workload/world.js';
import { Command, Method, NO_ROOM_CLASS, Op } from '../../src/core/vocabulary.js';

const model = {
  ...lync2013,
  population: { ...lync2013.population, provisionedUsers: 3000, concurrentUsers: 1600 },
};
const world = buildWorld(model, { seed: 21 });
const OPTIONS = { runEpochMs: Date.UTC(2024, 4, 1) };

/** A Korean message: its UTF-8 byte count differs from its character count. */
const korean = Array.from({ length: world.naming.messageCount }, (_, i) => i).find((i) =>
  /[\uac00-\ud7af]/.test(world.naming.message(i)),
) as number;
const batch = createBatch(4);
const base = {
  roomClass: NO_ROOM_CLASS,
  user: 7,
  room: -1,
  dialog: 3,
  intendedAt: 0,
  arg0: 0,
  arg1: 0,
  list: [],
};
appendRow(batch, {
  ...base,
  op: Op.join,
  method: Method.INFO,
  command: Command.bccontext,
  roomClass: 0,
  room: 5,
  cseq: 6,
  arg0: 25,
});
appendRow(batch, { ...base, op: Op.signin, method: Method.INVITE, command: Command.none, cseq: 1 });
appendRow(batch, {
  ...base,
  op: Op.post,
  method: Method.INFO,
  command: Command.grpchat,
  roomClass: 0,
  room: 5,
  cseq: 7,
  arg0: korean,
});
const INFO = encodeTransaction(batch, 0, world.naming, OPTIONS);
const INVITE = encodeTransaction(batch, 1, world.naming, OPTIONS);
const POST = encodeTransaction(batch, 2, world.naming, OPTIONS);

function split(text: string): { head: string; body: string } {
  const at = text.indexOf('\r\n\r\n');
  return { head: text.slice(0, at), body: text.slice(at + 4) };
}

/** The request with another body and a Content-Length that matches it. */
function withBody(text: string, body: string): string {
  const { head } = split(text);
  return `${head.replace(/Content-Length: \d+/, `Content-Length: ${Buffer.byteLength(body, 'utf8')}`)}\r\n\r\n${body}`;
}

function editBody(text: string, edit: (body: string) => string): string {
  return withBody(text, edit(split(text).body));
}

/** 1-based line of the first line starting with `prefix`. */
function lineOf(text: string, prefix: string): number {
  return text.split('\r\n').findIndex((l) => l.startsWith(prefix)) + 1;
}

function withoutHeader(text: string, name: string): string {
  return text.replace(new RegExp(`${name}: [^\\r]*\\r\\n`), '');
}

const bodyLine = lineOf(INFO, '<xccos');
const cases: { name: string; text: string; where: string; message: RegExp }[] = [
  {
    name: 'bad start line',
    text: INFO.replace(/^INFO \S+ SIP\/2\.0/, 'INFO sip:x'),
    where: 'line 1',
    message: /bad start line "INFO sip:x"/,
  },
  {
    name: 'unknown method',
    text: INFO.replace(/^INFO/, 'PUBLISH'),
    where: 'line 1',
    message: /unknown method "PUBLISH" \(expected INVITE, INFO, UPDATE, BYE\)/,
  },
  {
    name: 'a response',
    text: INFO.replace(/^[^\r]*/, 'SIP/2.0 200 OK'),
    where: 'line 1',
    message: /is a response; only requests are parsed/,
  },
  { name: 'LF line ends', text: INFO.replace(/\r\n/g, '\n'), where: 'line 1', message: /LF only/ },
  {
    name: 'no blank line',
    text: split(INVITE).head,
    where: `line ${lineOf(INVITE, 'Content-Length')}`,
    message: /no empty line ends the headers/,
  },
  {
    name: 'folded header',
    text: INFO.replace('Max-Forwards: 70', 'Max-Forwards:\r\n 70'),
    where: `line ${lineOf(INFO, 'Max-Forwards') + 1}`,
    message: /folded header lines/,
  },
  {
    name: 'malformed header',
    text: INFO.replace('Max-Forwards: 70', 'Max-Forwards 70'),
    where: `line ${lineOf(INFO, 'Max-Forwards')}`,
    message: /malformed header "Max-Forwards 70"/,
  },
  {
    name: 'missing Content-Length',
    text: withoutHeader(INFO, 'Content-Length'),
    where: `line ${bodyLine - 2}`,
    message: /missing Content-Length header/,
  },
  {
    name: 'missing Call-ID',
    text: withoutHeader(INFO, 'Call-ID'),
    where: `line ${bodyLine - 2}`,
    message: /missing Call-ID header/,
  },
  {
    name: 'missing CSeq',
    text: withoutHeader(INFO, 'CSeq'),
    where: `line ${bodyLine - 2}`,
    message: /missing CSeq header/,
  },
  {
    name: 'missing From',
    text: withoutHeader(INFO, 'From'),
    where: `line ${bodyLine - 2}`,
    message: /missing From header/,
  },
  {
    name: 'missing To',
    text: withoutHeader(INFO, 'To'),
    where: `line ${bodyLine - 2}`,
    message: /missing To header/,
  },
  {
    name: 'duplicate Content-Length',
    text: INFO.replace(/(Content-Length: \d+\r\n)/, 'l: 12\r\n$1'),
    where: `line ${lineOf(INFO, 'Content-Length') + 1}`,
    message: new RegExp(
      `duplicate Content-Length header \\(first on line ${lineOf(INFO, 'Content-Length')}\\)`,
    ),
  },
  {
    name: 'Content-Length in characters instead of bytes',
    text: POST.replace(/Content-Length: \d+/, `Content-Length: ${split(POST).body.length}`),
    where: `line ${lineOf(POST, 'Content-Length')}`,
    message: /Content-Length \d+ does not match the body's \d+ bytes \(UTF-8\)/,
  },
  {
    name: 'Content-Length not a number',
    text: INFO.replace(/Content-Length: \d+/, 'Content-Length: ten'),
    where: `line ${lineOf(INFO, 'Content-Length')}`,
    message: /Content-Length "ten" is not a byte count/,
  },
  {
    name: 'CSeq method mismatch',
    text: INFO.replace(/CSeq: 6 INFO/, 'CSeq: 6 BYE'),
    where: `line ${lineOf(INFO, 'CSeq')}`,
    message: /CSeq method BYE does not match the request method INFO/,
  },
  {
    name: 'malformed From',
    text: INFO.replace(/From: [^\r]*/, 'From: alice'),
    where: `line ${lineOf(INFO, 'From')}`,
    message: /From "alice" is not a name-addr/,
  },
  {
    name: 'INFO without a body',
    text: withBody(INFO, ''),
    where: `line ${bodyLine}`,
    message: /INFO without a body/,
  },
  {
    name: 'body not XML',
    text: withBody(INFO, 'hello there'),
    where: `line ${bodyLine}`,
    message: /body is not well-formed XML: not XML/,
  },
  {
    name: 'unclosed tag',
    text: editBody(INFO, (b) => b.replace('</xccos>', '')),
    where: `line ${bodyLine}`,
    message: /<xccos> is never closed/,
  },
  {
    name: 'mismatched tags',
    text: editBody(INFO, (b) => b.replace('</data></cmd>', '</cmd></data>')),
    where: `line ${bodyLine}`,
    message: /<\/cmd> closes <data>/,
  },
  {
    name: 'broken XML on a later body line',
    text: editBody(INFO, (b) => b.replace('<bcq>', '\r\n\r\n<bcq attr>')),
    where: `line ${bodyLine + 2}`,
    message: /attribute "attr" of <bcq> has no value/,
  },
  {
    name: 'unknown entity',
    text: editBody(POST, (b) => b.replace('<chat>', '<chat>&nbsp;')),
    where: `line ${lineOf(POST, '<xccos')}`,
    message: /unknown entity "&nbsp;"/,
  },
  {
    name: 'comment',
    text: editBody(INFO, (b) => b.replace('<bcq>', '<!-- x --><bcq>')),
    where: `line ${bodyLine}`,
    message: /comments, CDATA, DOCTYPE/,
  },
  {
    name: 'unknown XCCOS element',
    text: editBody(INFO, (b) => b.replace('<last ', '<first ')),
    where: '<first>',
    message: new RegExp(`unknown XCCOS element \\(line ${bodyLine}\\)`),
  },
  {
    name: 'unknown command id',
    text: editBody(INFO, (b) => b.replace('cmd:bccontext', 'cmd:teleport')),
    where: '<cmd>',
    message: /unknown command id "cmd:teleport"/,
  },
  {
    name: 'missing required attribute',
    text: editBody(INFO, (b) => b.replace(' cnt="25"', '')),
    where: '<last>',
    message: /missing required attribute "cnt"/,
  },
  {
    name: 'not a whole number',
    text: editBody(INFO, (b) => b.replace(/envid="\d+"/, 'envid="soon"')),
    where: '<xccos>',
    message: /attribute "envid" is "soon", not a whole number/,
  },
  {
    name: 'wrong namespace',
    text: editBody(INFO, (b) => b.replace('urn:parlano:xml:ns:xccos', 'urn:example')),
    where: '<xccos>',
    message: /xmlns must be "urn:parlano:xml:ns:xccos"/,
  },
  {
    name: 'wrong data children',
    text: editBody(INFO, (b) => b.replace(/<bcq>.*<\/bcq>/, '')),
    where: '<data>',
    message: /expected <chanib> then <bcq> in cmd:bccontext, found <chanib>/,
  },
  {
    name: 'server reply',
    text: editBody(INFO, (b) => b.replace(/<cmd .*<\/cmd>/, '<rpl id="rpl:join" seqid="1"/>')),
    where: '<rpl>',
    message: /server reply or notice/,
  },
  {
    name: 'unlabelled assumption',
    text: editBody(INFO, (b) =>
      b.replace('<last cnt="25"/>', '<cl:older xmlns:cl="urn:other" cnt="25" skip="25"/>'),
    ),
    where: '<cl:older>',
    message: /xmlns:cl must be "urn:chatload:assumption"/,
  },
];

describe('SIP parser rejects malformed input', () => {
  it('accepts the unmodified requests', () => {
    for (const text of [INFO, INVITE, POST]) assert.doesNotThrow(() => parseSipRequest(text));
  });

  for (const { name, text, where, message } of cases) {
    it(`${name}: ${where}`, () => {
      assert.throws(
        () => parseSipRequest(text),
        (e: unknown) => {
          assert.ok(e instanceof InputError, `InputError, got ${String(e)}`);
          assert.equal(e.code, 'E_INPUT');
          assert.equal(e.where, where, e.message);
          assert.match(e.message, message);
          assert.ok(e.message.startsWith(`${where}: `));
          return true;
        },
      );
    });
  }
});

describe('SIP decoder rejects what is not of this world', () => {
  const resolver = worldResolver(world);
  const reject = (text: string, where: string, message: RegExp): void => {
    assert.throws(
      () => decodeTransaction(parseSipRequest(text), resolver, OPTIONS),
      (e: unknown) => e instanceof InputError && e.where === where && message.test(e.message),
    );
  };

  it('names the header or element that does not resolve', () => {
    reject(
      INFO.replace(/<sip:[a-z.0-9]+@/g, '<sip:nobody.here@'),
      `line ${lineOf(INFO, 'From')}`,
      /From "sip:nobody.here@corp.example" names no user/,
    );
    reject(
      INFO.replace(/Call-ID: \w+/, 'Call-ID: abc@host'),
      `line ${lineOf(INFO, 'Call-ID')}`,
      /was not made by chatload/,
    );
    reject(
      editBody(INFO, (b) =>
        b.replace(
          /uri="[^"]+"/,
          'uri="ma-chan://corp.example/00000000-0000-4000-8000-000000000000"',
        ),
      ),
      '<chanib>',
      /names no room of this world/,
    );
    reject(
      editBody(POST, (b) => b.replace(/<chat>[^<]*<\/chat>/, '<chat>not in the corpus</chat>')),
      '<chat>',
      /not a message of the corpus/,
    );
    reject(
      editBody(POST, (b) => b.replace(/author="[^"]+"/, 'author="sip:someone.else@corp.example"')),
      '<grpchat>',
      /is not the sender/,
    );
  });
});
