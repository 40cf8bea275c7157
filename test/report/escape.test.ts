import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  escapeHtml,
  escapeXml,
  inlineScriptSource,
  jsonForScript,
} from '../../src/report/escape.js';
import { parseXml } from './xml.js';

describe('escaping', () => {
  it('jsonForScript round-trips any JSON value and never contains < > & or line separators', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = jsonForScript(value);
        assert.doesNotMatch(text, /[<>&\u2028\u2029]/);
        assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('keeps </script> and <!-- in data from ending the script element', () => {
    const text = jsonForScript({ name: '</script><script>alert(1)</script><!--' });
    assert.equal(text.toLowerCase().includes('</script'), false);
    assert.equal(text.includes('<!--'), false);
    assert.equal(JSON.parse(text).name, '</script><script>alert(1)</script><!--');
  });

  it('escapeHtml neutralises markup and attribute quotes', () => {
    assert.equal(
      escapeHtml(`<a href="x" title='y'>&</a>`),
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('escapeXml round-trips every string XML 1.0 can carry', () => {
    const allowed = fc
      .string({ unit: 'binary' })
      .filter((v) => !/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.test(v));
    fc.assert(
      fc.property(allowed, (value) => {
        const root = parseXml(`<r a="${escapeXml(value)}">${escapeXml(value)}</r>`);
        assert.equal(root.text, value);
        assert.equal(root.attributes['a'], value);
      }),
    );
  });

  it('escapeXml yields well-formed XML for any string, replacing what XML cannot carry', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const root = parseXml(`<r>${escapeXml(value)}</r>`);
        // Each character XML cannot carry becomes exactly one U+FFFD; the rest stay.
        assert.equal([...root.text].length, [...value].length);
      }),
    );
    assert.equal(parseXml(`<r>${escapeXml('a\u0001b\ud800c')}</r>`).text, 'a\ufffdb\ufffdc');
  });

  it('inlineScriptSource breaks up a literal </script inside library code', () => {
    assert.equal(
      inlineScriptSource('var s = "</script>"; var t = "</SCRIPT>";'),
      'var s = "<\\/script>"; var t = "<\\/SCRIPT>";',
    );
  });
});
