/**
 * ParsedRequest -> compact row, so that encode -> parse -> decode -> encode gives the same bytes.
 * Names in the text (aliases, room GUIDs, message text, search terms) map back to indices
 * through a Resolver built from the world. The operation is implied by the request: INVITE and
 * getserverinfo/getassociations are `signin`, bjoin/join and a bccontext reading the newest
 * messages are `join`, a bccontext paging back (skip > 0) is `history`, and so on.
 *
 * The intended start travels only in a post's `ts` (whole seconds); other rows decode with a NaN
 * intendedAt, which the encoder never needs.
 */
import { InputError } from '../core/errors.js';
import { Association, SearchKind, type Naming, type World, type TxRow } from '../workload/types.js';
import { type ParsedRequest, headerValue } from './parse.js';
import { ACL_MISSES_HEADER, dialogOfCallId } from './wire.js';
import type { XccosDocument, XccosItem } from './xccos.js';
import { type XmlElement, attribute, isElement } from './xml.js';
import { Command, Method, NO_ROOM_CLASS, Op } from '../core/vocabulary.js';

/** Maps names in the text back to world indices; -1 when unknown. */
export interface Resolver {
  readonly naming: Naming;
  userOfUri(uri: string): number;
  roomOfGuid(guid: string): number;
  roomClassOf(room: number): number;
  messageIndexOf(text: string): number;
  searchTermIndexOf(term: string): number;
}

export interface DecodeOptions {
  /** The run epoch the text was encoded with (a post's ts = runEpochMs + intendedAt). */
  runEpochMs: number;
}

function lazyIndex(count: number, nameOf: (i: number) => string): () => Map<string, number> {
  let index: Map<string, number> | null = null;
  return () => {
    if (index === null) {
      index = new Map();
      for (let i = 0; i < count; i++) if (!index.has(nameOf(i))) index.set(nameOf(i), i);
    }
    return index;
  };
}

/** A Resolver over a world; reverse tables are built on first use (trace decoding only). */
export function worldResolver(world: World): Resolver {
  const naming = world.naming;
  const inverse = (naming as Partial<{ userOfAlias(alias: string): number }>).userOfAlias?.bind(
    naming,
  );
  const users = lazyIndex(world.users, (u) => naming.userAlias(u));
  const rooms = lazyIndex(world.rooms, (r) => naming.roomGuid(r));
  const messages = lazyIndex(naming.messageCount, (i) => naming.message(i));
  const terms = lazyIndex(naming.searchTermCount, (i) => naming.searchTerm(i));
  const suffix = `@${naming.domain}`;
  return {
    naming,
    userOfUri(uri) {
      if (!uri.startsWith('sip:') || !uri.endsWith(suffix)) return -1;
      const alias = uri.slice(4, uri.length - suffix.length);
      const user = inverse !== undefined ? inverse(alias) : (users().get(alias) ?? -1);
      return user >= 0 && user < world.users ? user : -1;
    },
    roomOfGuid: (guid) => rooms().get(guid) ?? -1,
    roomClassOf: (room) =>
      room >= 0 && room < world.rooms ? (world.roomClass[room] as number) : NO_ROOM_CLASS,
    messageIndexOf: (text) => messages().get(text) ?? -1,
    searchTermIndexOf: (term) => terms().get(term) ?? -1,
  };
}

class Decoder {
  constructor(readonly resolver: Resolver) {}

  fail(element: XmlElement, problem: string): never {
    throw new InputError(`<${element.name}>`, problem);
  }

  roomOfUri(element: XmlElement, name: string): number {
    const uri = attribute(element, name) as string;
    const prefix = `ma-chan://${this.resolver.naming.domain}/`;
    const room = uri.startsWith(prefix) ? this.resolver.roomOfGuid(uri.slice(prefix.length)) : -1;
    if (room < 0) this.fail(element, `${name} "${uri}" names no room of this world`);
    return room;
  }

  roomOfChanid(chanid: XmlElement): number {
    const domain = attribute(chanid, 'domain');
    if (domain !== this.resolver.naming.domain)
      this.fail(chanid, `domain "${domain}" is not the world's "${this.resolver.naming.domain}"`);
    const room = this.resolver.roomOfGuid(attribute(chanid, 'value') as string);
    if (room < 0)
      this.fail(chanid, `value "${attribute(chanid, 'value')}" names no room of this world`);
    return room;
  }

  term(element: XmlElement): number {
    const index = this.resolver.searchTermIndexOf(attribute(element, 'criteria') as string);
    if (index < 0)
      this.fail(
        element,
        `criteria "${attribute(element, 'criteria')}" is not a search term of the corpus`,
      );
    return index;
  }
}

function dataChildren(data: XmlElement): XmlElement[] {
  return data.children.filter(isElement);
}

/** Fills command, op, room, args and list of an INFO row from its single XCCOS item. */
function decodeItem(
  d: Decoder,
  item: XccosItem,
  row: TxRow,
  parsed: ParsedRequest,
  options: DecodeOptions,
): void {
  const set = (fields: Partial<TxRow>): void => void Object.assign(row, fields);
  if (item.kind === 'grpchat') {
    const grpchat = (parsed.xccos as XccosDocument).root.children.find(isElement) as XmlElement;
    if (item.author !== parsed.from.uri)
      d.fail(grpchat, `author "${item.author}" is not the sender "${parsed.from.uri}"`);
    const message = d.resolver.messageIndexOf(item.text);
    if (message < 0)
      d.fail(
        grpchat.children.find(isElement) as XmlElement,
        'chat text is not a message of the corpus',
      );
    const at = Date.parse(item.ts);
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(item.ts) || Number.isNaN(at)) {
      d.fail(grpchat, `ts "${item.ts}" is not ISO-8601 UTC with seconds`);
    }
    const room = d.roomOfUri(grpchat, 'chanUri');
    set({
      op: Op.post,
      command: Command.grpchat,
      room,
      arg0: message,
      intendedAt: at - options.runEpochMs,
    });
    return;
  }
  const [first, second] = dataChildren(item.data) as [XmlElement, XmlElement | undefined];
  const aclMisses = Number(headerValue(parsed, ACL_MISSES_HEADER) ?? '0');
  row.command = Command[item.command];
  switch (item.command) {
    case 'getserverinfo':
      row.op = Op.signin;
      break;
    case 'getassociations': {
      const role = attribute(first, 'role');
      if (role !== 'member' && role !== 'manager')
        d.fail(first, `role "${role}" (expected member or manager)`);
      set({ op: Op.signin, arg0: Association[role] });
      break;
    }
    case 'bjoin':
      set({
        op: Op.join,
        arg0: aclMisses,
        list: dataChildren(item.data).map((c) => d.roomOfChanid(c)),
      });
      break;
    case 'join':
      set({ op: Op.join, room: d.roomOfChanid(first), arg0: aclMisses });
      break;
    case 'bccontext': {
      const query = (second as XmlElement).children.find(isElement) as XmlElement;
      const skip = query.name === 'last' ? 0 : Number(attribute(query, 'skip'));
      const room = d.roomOfUri(first, 'uri');
      set({
        op: skip > 0 ? Op.history : Op.join,
        room,
        arg0: Number(attribute(query, 'cnt')),
        arg1: skip,
      });
      break;
    }
    case 'part':
      set({ op: Op.part, room: d.roomOfUri(first, 'uri') });
      break;
    case 'chansrch':
      if (first.name === 'qib') {
        if (attribute(first, 'qtype') !== 'BYNAME' || attribute(first, 'extended') !== 'false') {
          d.fail(first, 'only qtype="BYNAME" extended="false" room searches are decoded');
        }
        set({ op: Op.search, arg0: d.term(first), arg1: SearchKind.rooms });
      } else {
        set({
          op: Op.search,
          room: d.roomOfUri(first, 'chanUri'),
          arg0: d.term(first),
          arg1: SearchKind.messages,
        });
      }
      break;
    case 'getinv':
      set({ op: Op.invites, arg0: Number(attribute(first, 'inviteId')) });
      break;
  }
}

/** The compact row of a parsed request (list: the rooms of a bjoin). */
export function decodeTransaction(
  parsed: ParsedRequest,
  resolver: Resolver,
  options: DecodeOptions,
): TxRow {
  const fromLine = parsed.headers.find((h) => h.name === 'From')?.line ?? 1;
  const user = resolver.userOfUri(parsed.from.uri);
  if (user < 0)
    throw new InputError(
      `line ${fromLine}`,
      `From "${parsed.from.uri}" names no user of this world`,
    );
  const dialog = dialogOfCallId(parsed.callId);
  if (dialog < 0) {
    const line = parsed.headers.find((h) => h.name === 'Call-ID')?.line ?? 1;
    throw new InputError(
      `line ${line}`,
      `Call-ID "${parsed.callId}" was not made by chatload (expected 32 hex digits)`,
    );
  }
  const row: TxRow = {
    op: Op.signin,
    method: Method[parsed.method],
    command: Command.none,
    roomClass: NO_ROOM_CLASS,
    user,
    room: -1,
    dialog,
    cseq: parsed.cseq,
    intendedAt: NaN,
    arg0: 0,
    arg1: 0,
    list: [],
  };
  if (parsed.method === 'BYE') row.op = Op.signout;
  else if (parsed.method === 'UPDATE') row.op = Op.refresh;
  else if (parsed.method === 'INFO') {
    const document = parsed.xccos;
    if (document === null) throw new InputError('line 1', 'INFO without an XCCOS document');
    if (document.items.length !== 1) {
      throw new InputError(
        '<xccos>',
        `a client request carries one command; this one has ${document.items.length}`,
      );
    }
    decodeItem(new Decoder(resolver), document.items[0] as XccosItem, row, parsed, options);
  }
  row.roomClass = row.room >= 0 ? resolver.roomClassOf(row.room) : NO_ROOM_CLASS;
  return row;
}
