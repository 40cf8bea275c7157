/**
 * A small strict XML reader for exactly what XCCOS bodies use: elements, attributes in single or
 * double quotes, text, the five predefined entities and numeric character references. Comments,
 * processing instructions, CDATA and DOCTYPE are rejected, as is anything malformed, with the
 * line of the problem. Line breaks are kept as written (XCCOS chat text carries CRLF).
 */

export interface XmlAttribute {
  name: string;
  value: string;
}

export interface XmlElement {
  name: string;
  attributes: XmlAttribute[];
  children: XmlNode[];
  /** Line of the start tag, counted from 1 at the first line of the parsed text. */
  line: number;
}

export interface XmlText {
  text: string;
  line: number;
}

export type XmlNode = XmlElement | XmlText;

export function isElement(node: XmlNode): node is XmlElement {
  return 'name' in node;
}

/** A syntax error at a line of the parsed text (the SIP parser shifts it to the message line). */
export class XmlSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`line ${line}: ${problem}`);
    this.name = 'XmlSyntaxError';
  }
}

export function attribute(element: XmlElement, name: string): string | undefined {
  for (const a of element.attributes) if (a.name === name) return a.value;
  return undefined;
}

const NAME = /[A-Za-z_][A-Za-z0-9_.:-]*/y;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

class Reader {
  pos = 0;
  line = 1;

  constructor(readonly text: string) {}

  fail(problem: string): never {
    throw new XmlSyntaxError(this.line, problem);
  }

  /** Advances to `to`, counting line breaks passed. */
  advance(to: number): void {
    for (let i = this.pos; i < to; i++) if (this.text.charCodeAt(i) === 10) this.line++;
    this.pos = to;
  }

  name(what: string): string {
    NAME.lastIndex = this.pos;
    const match = NAME.exec(this.text);
    if (match === null)
      this.fail(`expected ${what} at "${this.text.slice(this.pos, this.pos + 12)}"`);
    this.pos += match[0].length;
    return match[0];
  }

  skipSpace(): boolean {
    const start = this.pos;
    let i = this.pos;
    while (i < this.text.length && /[ \t\r\n]/.test(this.text.charAt(i))) i++;
    this.advance(i);
    return i > start;
  }

  /** Text up to `end`, with entity and character references decoded. */
  decode(end: number, inAttribute: boolean): string {
    let out = '';
    let i = this.pos;
    while (i < end) {
      const amp = this.text.indexOf('&', i);
      const stop = amp < 0 || amp >= end ? end : amp;
      const chunk = this.text.slice(i, stop);
      if (inAttribute && chunk.includes('<'))
        this.fail('"<" in an attribute value must be written &lt;');
      out += chunk;
      this.advance(stop);
      if (stop === end) break;
      const semi = this.text.indexOf(';', stop);
      if (semi < 0 || semi > end || semi - stop > 10)
        this.fail('"&" starts no entity (write &amp;)');
      out += this.reference(this.text.slice(stop + 1, semi));
      this.advance(semi + 1);
      i = semi + 1;
    }
    return out;
  }

  reference(body: string): string {
    if (body.startsWith('#')) {
      const hex = body.startsWith('#x');
      const digits = body.slice(hex ? 2 : 1);
      if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits))
        this.fail(`bad character reference "&${body};"`);
      const code = parseInt(digits, hex ? 16 : 10);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        this.fail(`character reference "&${body};" is not a valid character`);
      }
      return String.fromCodePoint(code);
    }
    const value = ENTITIES[body];
    if (value === undefined)
      this.fail(`unknown entity "&${body};" (XCCOS uses only &amp; &lt; &gt; &quot; &apos;)`);
    return value;
  }
}

function readAttributes(r: Reader, element: string): XmlAttribute[] {
  const attributes: XmlAttribute[] = [];
  for (;;) {
    const spaced = r.skipSpace();
    const c = r.text.charAt(r.pos);
    if (c === '>' || c === '/' || c === '') return attributes;
    if (!spaced) r.fail(`expected a space before the attribute in <${element}>`);
    const name = r.name(`an attribute name in <${element}>`);
    r.skipSpace();
    if (r.text.charAt(r.pos) !== '=') r.fail(`attribute "${name}" of <${element}> has no value`);
    r.advance(r.pos + 1);
    r.skipSpace();
    const quote = r.text.charAt(r.pos);
    if (quote !== '"' && quote !== "'")
      r.fail(`value of attribute "${name}" of <${element}> is not quoted`);
    const end = r.text.indexOf(quote, r.pos + 1);
    if (end < 0) r.fail(`value of attribute "${name}" of <${element}> is not closed`);
    r.advance(r.pos + 1);
    const value = r.decode(end, true);
    r.advance(end + 1);
    if (attributes.some((a) => a.name === name))
      r.fail(`duplicate attribute "${name}" in <${element}>`);
    attributes.push({ name, value });
  }
}

function readElement(r: Reader): XmlElement {
  const line = r.line;
  r.advance(r.pos + 1);
  const name = r.name('an element name after "<"');
  const element: XmlElement = { name, attributes: readAttributes(r, name), children: [], line };
  if (r.text.startsWith('/>', r.pos)) {
    r.advance(r.pos + 2);
    return element;
  }
  if (r.text.charAt(r.pos) !== '>') r.fail(`start tag <${name}> is not closed`);
  r.advance(r.pos + 1);
  for (;;) {
    const lt = r.text.indexOf('<', r.pos);
    if (lt < 0) r.fail(`<${name}> is never closed`);
    if (lt > r.pos) {
      const textLine = r.line;
      element.children.push({ text: r.decode(lt, false), line: textLine });
    }
    if (r.text.startsWith('</', lt)) {
      r.advance(lt + 2);
      const closing = r.name('an element name after "</"');
      if (closing !== name) r.fail(`</${closing}> closes <${name}>`);
      r.skipSpace();
      if (r.text.charAt(r.pos) !== '>') r.fail(`end tag </${closing}> is not closed`);
      r.advance(r.pos + 1);
      return element;
    }
    const next = r.text.charAt(lt + 1);
    if (next === '!' || next === '?')
      r.fail('comments, CDATA, DOCTYPE and processing instructions are not allowed in XCCOS');
    element.children.push(readElement(r));
  }
}

/** Parses a document with one root element (whitespace around it allowed). */
export function parseXml(text: string): XmlElement {
  const r = new Reader(text);
  r.skipSpace();
  if (r.text.charAt(r.pos) !== '<') r.fail('not XML: expected "<" to start the root element');
  const next = r.text.charAt(r.pos + 1);
  if (next === '!' || next === '?')
    r.fail('comments, CDATA, DOCTYPE and processing instructions are not allowed in XCCOS');
  const root = readElement(r);
  r.skipSpace();
  if (r.pos < text.length) r.fail('content after the root element');
  return root;
}

const TEXT_SPECIALS = /[&<>]/;
const ATTRIBUTE_SPECIALS = /[&<>"']/;
const REPLACEMENT: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const replace = (c: string): string => REPLACEMENT[c] as string;

/** Escapes element text (CR and LF are kept as they are). */
export function escapeText(text: string): string {
  return TEXT_SPECIALS.test(text) ? text.replace(/[&<>]/g, replace) : text;
}

export function escapeAttribute(text: string): string {
  return ATTRIBUTE_SPECIALS.test(text) ? text.replace(/[&<>"']/g, replace) : text;
}
