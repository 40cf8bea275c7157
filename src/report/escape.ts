/**
 * Escaping for the three contexts the report writes into: HTML text and attributes, JSON inside
 * a `<script>` element, and XML (JUnit). Every value that came from a results file (scenario
 * names, driver error messages, threshold expressions) passes through one of these.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text or attribute value for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

/**
 * JSON that is safe inside `<script type="application/json">`: `<`, `>` and `&` become \u
 * escapes so no `</script>` or `<!--` in the data can end or confuse the element, and the line
 * separators U+2028/U+2029 are escaped for older parsers. JSON.parse gives back the same value.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/**
 * A script body (the vega bundles) made safe to inline: a literal `</script` can only occur
 * inside a string, regex or comment in valid JavaScript, where `<\/script` means the same.
 */
export function inlineScriptSource(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1');
}

const XML_ESCAPES: Record<string, string> = { ...HTML_ESCAPES, "'": '&apos;' };

/**
 * Text or attribute value for XML 1.0. Characters XML 1.0 cannot carry at all (most C0
 * controls, lone surrogates) are replaced with U+FFFD rather than producing an unparsable file.
 */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- these controls are exactly what XML 1.0 forbids
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
      .replace(/[&<>"']/g, (c) => XML_ESCAPES[c] as string)
  );
}
