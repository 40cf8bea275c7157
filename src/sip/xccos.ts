/**
 * The XCCOS vocabulary a client sends (sip-xccos.md §2-§5) and its validation: an XML tree in,
 * a typed document out, or an InputError whose `where` is the offending `<element>` and whose
 * message gives the SIP line. Server elements (`rpl`, `ntc`) are recognised and refused: only
 * client requests are parsed.
 */
import { InputError } from '../core/errors.js';
import { ASSUMPTION_NS, ASSUMPTION_PREFIX, XCCOS_NS } from './wire.js';
import { type XmlElement, attribute, isElement } from './xml.js';
import { COMMANDS, type CommandName } from '../core/vocabulary.js';

export type ClientCommand = Exclude<CommandName, 'none' | 'grpchat'>;

export interface XccosCommand {
  kind: 'cmd';
  command: ClientCommand;
  seqid: number;
  /** The `data` element: its children are the command's arguments. */
  data: XmlElement;
}

export interface XccosChat {
  kind: 'grpchat';
  chanUri: string;
  author: string;
  ts: string;
  /** The chat text, entities decoded. */
  text: string;
}

export type XccosItem = XccosCommand | XccosChat;

export interface XccosDocument {
  envid: number;
  items: XccosItem[];
  root: XmlElement;
}

/** Every element a client document may hold, with its required attributes. */
const REQUIRED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  xccos: ['xmlns', 'ver', 'envid'],
  cmd: ['id', 'seqid'],
  data: [],
  grpchat: ['id', 'chanUri', 'author', 'ts'],
  chat: [],
  sib: ['domain', 'infoType'],
  chanid: ['key', 'domain', 'value'],
  chanib: ['uri'],
  bcq: [],
  last: ['cnt'],
  qib: ['qtype', 'criteria'],
  inv: ['inviteId', 'domain'],
  'cl:assoc': ['xmlns:cl', 'role'],
  'cl:older': ['xmlns:cl', 'cnt', 'skip'],
  'cl:msgsrch': ['xmlns:cl', 'chanUri', 'criteria'],
};
const WHOLE_NUMBER_ATTRIBUTES = new Set(['envid', 'seqid', 'key', 'cnt', 'skip', 'inviteId']);

/**
 * What `data` holds per command: a sequence of element names; `a|b` = either, `x+` = one or more.
 * The `cl:` elements are chatload's assumptions where the real shape is not public.
 */
const DATA_PATTERN: Readonly<Record<ClientCommand, readonly string[]>> = {
  getserverinfo: ['sib'],
  getassociations: ['cl:assoc'],
  bjoin: ['chanid+'],
  join: ['chanid'],
  bccontext: ['chanib', 'bcq'],
  part: ['chanib'],
  chansrch: ['qib|cl:msgsrch'],
  getinv: ['inv'],
};
const CHILD_PATTERN: Readonly<Record<string, readonly string[]>> = {
  cmd: ['data'],
  grpchat: ['chat'],
  bcq: ['last|cl:older'],
};
const CLIENT_COMMANDS = COMMANDS.filter((c): c is ClientCommand => c !== 'none' && c !== 'grpchat');

class Validator {
  constructor(private readonly lineOffset: number) {}

  fail(element: XmlElement, problem: string): never {
    throw new InputError(
      `<${element.name}>`,
      `${problem} (line ${element.line + this.lineOffset})`,
    );
  }

  /** Known name, required attributes, whole numbers, namespaces, no stray text; recursively. */
  element(element: XmlElement): void {
    const required = REQUIRED_ATTRIBUTES[element.name];
    if (required === undefined) {
      if (element.name === 'rpl' || element.name === 'ntc') {
        this.fail(element, 'server reply or notice; only client requests are parsed');
      }
      this.fail(element, 'unknown XCCOS element');
    }
    for (const name of required) {
      if (attribute(element, name) === undefined)
        this.fail(element, `missing required attribute "${name}"`);
    }
    for (const { name, value } of element.attributes) {
      if (WHOLE_NUMBER_ATTRIBUTES.has(name) && !/^\d{1,15}$/.test(value)) {
        this.fail(element, `attribute "${name}" is "${value}", not a whole number`);
      }
    }
    if (
      element.name.startsWith(`${ASSUMPTION_PREFIX}:`) &&
      attribute(element, 'xmlns:cl') !== ASSUMPTION_NS
    ) {
      this.fail(element, `xmlns:cl must be "${ASSUMPTION_NS}" (chatload's labelled assumption)`);
    }
    for (const child of element.children) {
      if (isElement(child)) this.element(child);
      else if (element.name !== 'chat' && child.text.trim() !== '') {
        this.fail(element, `unexpected text "${child.text.trim().slice(0, 20)}"`);
      }
    }
  }

  /** Child elements match the pattern (see DATA_PATTERN). */
  children(element: XmlElement, pattern: readonly string[], context: string): void {
    const names = element.children.filter(isElement).map((c) => c.name);
    const expected = pattern.map(
      (p) =>
        p
          .replace(/\+$/, '')
          .split('|')
          .map((n) => `<${n}>`)
          .join(' or ') + (p.endsWith('+') ? ' (one or more)' : ''),
    );
    const describe = `expected ${expected.join(' then ')}${context}, found ${names.length === 0 ? 'nothing' : names.map((n) => `<${n}>`).join(' ')}`;
    let at = 0;
    for (const token of pattern) {
      const repeat = token.endsWith('+');
      const options = token.replace(/\+$/, '').split('|');
      if (at >= names.length || !options.includes(names[at] as string))
        this.fail(element, describe);
      at++;
      while (repeat && at < names.length && options.includes(names[at] as string)) at++;
    }
    if (at !== names.length) this.fail(element, describe);
  }
}

function firstChild(element: XmlElement, name: string): XmlElement {
  return element.children.find(
    (c): c is XmlElement => isElement(c) && c.name === name,
  ) as XmlElement;
}

function readCommand(v: Validator, cmd: XmlElement): XccosCommand {
  const id = attribute(cmd, 'id') as string;
  const command = CLIENT_COMMANDS.find((c) => `cmd:${c}` === id);
  if (command === undefined) v.fail(cmd, `unknown command id "${id}"`);
  v.children(cmd, CHILD_PATTERN.cmd as string[], '');
  const data = firstChild(cmd, 'data');
  v.children(data, DATA_PATTERN[command], ` in ${id}`);
  if (command === 'bccontext')
    v.children(firstChild(data, 'bcq'), CHILD_PATTERN.bcq as string[], '');
  return { kind: 'cmd', command, seqid: Number(attribute(cmd, 'seqid')), data };
}

function readChat(v: Validator, grpchat: XmlElement): XccosChat {
  if (attribute(grpchat, 'id') !== 'grpchat')
    v.fail(grpchat, `id must be "grpchat", not "${attribute(grpchat, 'id')}"`);
  v.children(grpchat, CHILD_PATTERN.grpchat as string[], '');
  const chat = firstChild(grpchat, 'chat');
  const text = chat.children.map((c) => (isElement(c) ? '' : c.text)).join('');
  return {
    kind: 'grpchat',
    chanUri: attribute(grpchat, 'chanUri') as string,
    author: attribute(grpchat, 'author') as string,
    ts: attribute(grpchat, 'ts') as string,
    text,
  };
}

/** Validates a parsed body as a client XCCOS document. `lineOffset` maps body lines to SIP lines. */
export function readXccos(root: XmlElement, lineOffset: number): XccosDocument {
  const v = new Validator(lineOffset);
  if (root.name !== 'xccos') v.fail(root, 'root element must be <xccos>');
  v.element(root);
  if (attribute(root, 'xmlns') !== XCCOS_NS) v.fail(root, `xmlns must be "${XCCOS_NS}"`);
  if (attribute(root, 'ver') !== '1')
    v.fail(root, `ver must be "1", not "${attribute(root, 'ver')}"`);
  const items: XccosItem[] = [];
  for (const child of root.children) {
    if (!isElement(child)) continue;
    if (child.name === 'cmd') items.push(readCommand(v, child));
    else if (child.name === 'grpchat') items.push(readChat(v, child));
    else v.fail(child, 'not allowed directly in <xccos> (expected <cmd> or <grpchat>)');
  }
  if (items.length === 0) v.fail(root, 'empty envelope (expected a <cmd> or <grpchat>)');
  return { envid: Number(attribute(root, 'envid')), items, root };
}
