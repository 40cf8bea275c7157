/**
 * A small, strict XML 1.0 reader for tests (no dependency offers one here): elements,
 * attributes, text, the five predefined entities and numeric references, comments and the XML
 * declaration. Throws on anything malformed, so a test that parses a file proves it well-formed.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
// eslint-disable-next-line no-control-regex -- the controls XML 1.0 forbids
const INVALID_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

function decode(raw: string, at: number): string {
  if (INVALID_CHAR.test(raw))
    throw new SyntaxError(`character not allowed in XML near offset ${at}`);
  if (/<|&(?!(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(raw)) {
    throw new SyntaxError(`unescaped < or & near offset ${at}`);
  }
  return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (_, ref: string) =>
    ref.startsWith('#x')
      ? String.fromCodePoint(parseInt(ref.slice(2), 16))
      : ref.startsWith('#')
        ? String.fromCodePoint(Number(ref.slice(1)))
        : (ENTITIES[ref] as string),
  );
}

export function parseXml(source: string): XmlElement {
  let pos = 0;
  const skip = (pattern: RegExp): void => {
    const match = pattern.exec(source.slice(pos));
    if (match !== null && match.index === 0) pos += match[0].length;
  };
  skip(/^<\?xml[^?]*\?>/);
  const misc = (): void => {
    for (;;) {
      const before = pos;
      skip(/^\s+/);
      skip(/^<!--[\s\S]*?-->/);
      if (pos === before) return;
    }
  };
  const element = (): XmlElement => {
    if (source[pos] !== '<') throw new SyntaxError(`expected an element at offset ${pos}`);
    pos++;
    const name = NAME.exec(source.slice(pos))?.[0];
    if (name === undefined) throw new SyntaxError(`bad element name at offset ${pos}`);
    pos += name.length;
    const attributes: Record<string, string> = {};
    for (;;) {
      skip(/^\s+/);
      if (source.startsWith('/>', pos)) {
        pos += 2;
        return { name, attributes, children: [], text: '' };
      }
      if (source[pos] === '>') {
        pos++;
        break;
      }
      const attr = /^([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(source.slice(pos));
      if (attr === null) throw new SyntaxError(`bad attribute in <${name}> at offset ${pos}`);
      const attrName = attr[1] as string;
      if (attrName in attributes)
        throw new SyntaxError(`duplicate attribute ${attrName} in <${name}>`);
      attributes[attrName] = decode(attr[3] ?? attr[4] ?? '', pos);
      pos += attr[0].length;
    }
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      const next = source.indexOf('<', pos);
      if (next < 0) throw new SyntaxError(`<${name}> is never closed`);
      text += decode(source.slice(pos, next), pos);
      pos = next;
      if (source.startsWith('</', pos)) {
        const close = new RegExp(`^</${name.replace(/[.]/g, '\\.')}\\s*>`).exec(source.slice(pos));
        if (close === null) throw new SyntaxError(`</${name}> expected at offset ${pos}`);
        pos += close[0].length;
        return { name, attributes, children, text };
      }
      if (source.startsWith('<!--', pos)) skip(/^<!--[\s\S]*?-->/);
      else children.push(element());
    }
  };
  misc();
  const root = element();
  misc();
  if (pos !== source.length)
    throw new SyntaxError(`content after the root element at offset ${pos}`);
  return root;
}

/** Every element below `root` (inclusive) with the given name, in document order. */
export function findAll(root: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    if (e.name === name) found.push(e);
    e.children.forEach(walk);
  };
  walk(root);
  return found;
}
