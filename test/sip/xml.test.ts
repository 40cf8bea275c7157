import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type XmlElement,
  XmlSyntaxError,
  attribute,
  escapeAttribute,
  escapeText,
  isElement,
  parseXml,
} from '../../src/sip/xml.js';

function fails(text: string, line: number, problem: RegExp): void {
  assert.throws(
    () => parseXml(text),
    (e: unknown) => e instanceof XmlSyntaxError && e.line === line && problem.test(e.problem),
  );
}

describe('XCCOS XML reader', () => {
  it('reads elements, both quote styles, self-closing tags and text with entities', () => {
    const root = parseXml(
      `<a x="1" y='two &amp; &quot;three&quot;'><b/>t &lt;&gt; &#233;&#xAC00;&apos;<c z="&lt;"></c></a>`,
    );
    assert.equal(root.name, 'a');
    assert.equal(attribute(root, 'x'), '1');
    assert.equal(attribute(root, 'y'), 'two & "three"');
    assert.equal(attribute(root, 'missing'), undefined);
    assert.equal(root.children.length, 3);
    const [b, text, c] = root.children;
    assert.ok(b !== undefined && isElement(b) && b.children.length === 0);
    assert.ok(text !== undefined && !isElement(text) && text.text === "t <> é가'");
    assert.equal(attribute(c as XmlElement, 'z'), '<');
  });

  it('keeps CRLF in text and counts lines for elements', () => {
    const root = parseXml('<a>\r\n<b>one\r\ntwo</b>\r\n\r\n<c/></a>');
    const elements = root.children.filter(isElement);
    assert.equal(elements[0]?.line, 2);
    assert.equal(elements[1]?.line, 5);
    const inner = elements[0]?.children[0];
    assert.ok(inner !== undefined && !isElement(inner) && inner.text === 'one\r\ntwo');
  });

  it('escapes the XML specials and leaves other text alone', () => {
    assert.equal(escapeText('a < b & c > d "q"'), 'a &lt; b &amp; c &gt; d "q"');
    assert.equal(escapeAttribute(`"it's" <&>`), '&quot;it&apos;s&quot; &lt;&amp;&gt;');
    const plain = 'no specials 한국어';
    assert.equal(escapeText(plain), plain);
    assert.equal(escapeText('&&'), '&amp;&amp;', 'escapes repeatedly (no regex state kept)');
    assert.equal(escapeText('&&'), '&amp;&amp;');
  });

  it('rejects malformed XML with the line and the problem', () => {
    fails('', 1, /not XML/);
    fails('plain text', 1, /not XML/);
    fails('<a>\r\n<b></a>', 2, /<\/a> closes <b>/);
    fails('<a>\n\n<b>', 3, /<b> is never closed/);
    fails('<a x="1" x="2"/>', 1, /duplicate attribute "x" in <a>/);
    fails('<a x=1/>', 1, /not quoted/);
    fails('<a x="1/>', 1, /not closed/);
    fails('<a x="<"/>', 1, /"<" in an attribute value/);
    fails('<a>&unknown;</a>', 1, /unknown entity "&unknown;"/);
    fails('<a>AT&T</a>', 1, /"&" starts no entity/);
    fails('<a>&#xD800;</a>', 1, /not a valid character/);
    fails('<a><!-- c --></a>', 1, /comments, CDATA/);
    fails('<?xml version="1.0"?><a/>', 1, /processing instructions/);
    fails('<a/><b/>', 1, /content after the root element/);
    fails('<a b="1"c="2"/>', 1, /expected a space before the attribute/);
  });
});
