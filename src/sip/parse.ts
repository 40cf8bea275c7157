/**
 * SIP request text -> ParsedRequest: start line, headers, body and (for text/plain bodies) the
 * XCCOS document. Strict: anything a chatload trace would not contain, or a real request must
 * not, is rejected with an InputError whose `where` is `line N` (the SIP line, counted from 1)
 * or `<element>` (an XCCOS element), and whose message says what is wrong.
 */
import { InputError } from '../core/errors.js';
import { type XccosDocument, readXccos } from './xccos.js';
import { XmlSyntaxError, parseXml } from './xml.js';
import { METHODS, type MethodName } from '../core/vocabulary.js';

export interface SipHeader {
  /** Canonical name (compact forms expanded: `i` -> `Call-ID`). */
  name: string;
  value: string;
  line: number;
}

/** `"Display" <uri>;tag=...;param=...` */
export interface NameAddress {
  displayName: string | null;
  uri: string;
  params: Record<string, string>;
}

export interface ParsedRequest {
  method: MethodName;
  uri: string;
  headers: SipHeader[];
  callId: string;
  cseq: number;
  from: NameAddress;
  to: NameAddress;
  contentType: string | null;
  /** Body bytes as declared (and checked). */
  contentLength: number;
  body: string;
  /** The XCCOS document of a text/plain body; null otherwise. */
  xccos: XccosDocument | null;
}

const COMPACT: Record<string, string> = {
  i: 'Call-ID',
  f: 'From',
  t: 'To',
  l: 'Content-Length',
  m: 'Contact',
  v: 'Via',
  c: 'Content-Type',
  k: 'Supported',
};
const CANONICAL: Record<string, string> = Object.fromEntries(
  [
    'Call-ID',
    'CSeq',
    'From',
    'To',
    'Content-Length',
    'Content-Type',
    'Contact',
    'Via',
    'Max-Forwards',
    'Supported',
  ].map((n) => [n.toLowerCase(), n]),
);
/** Headers a request must carry exactly once. */
const REQUIRED = ['Call-ID', 'CSeq', 'From', 'To', 'Content-Length'] as const;
const SINGLE = new Set<string>([...REQUIRED, 'Content-Type', 'Max-Forwards']);
const HEADER_LINE = /^([A-Za-z0-9!%*_+`'~.-]+)[ \t]*:[ \t]*(.*)$/;
const START_LINE = /^([A-Za-z]+) (\S+) SIP\/2\.0$/;

function fail(line: number, problem: string): never {
  throw new InputError(`line ${line}`, problem);
}

function canonicalName(raw: string): string {
  const lower = raw.toLowerCase();
  return COMPACT[lower] ?? CANONICAL[lower] ?? raw;
}

function parseNameAddress(value: string, line: number, header: string): NameAddress {
  const match =
    /^(?:"((?:[^"\\]|\\.)*)"\s*|([^<"]*?)\s*)?<([^<>\s]+)>\s*((?:;\s*[^;=\s]+(?:=[^;\s]*)?\s*)*)$/.exec(
      value,
    );
  if (match === null)
    fail(line, `${header} "${value}" is not a name-addr (expected "Name" <sip:...>;tag=...)`);
  const quotedName = match[1];
  const bare = match[2];
  const params: Record<string, string> = {};
  for (const part of (match[4] ?? '').split(';').slice(1)) {
    const [key, v] = part.trim().split('=', 2) as [string, string | undefined];
    params[key] = v ?? '';
  }
  const displayName =
    quotedName !== undefined
      ? quotedName.replace(/\\(.)/g, '$1')
      : bare !== undefined && bare !== ''
        ? bare
        : null;
  return { displayName, uri: match[3] as string, params };
}

function splitHead(text: string): { headLines: string[]; body: string } {
  if (text === '') fail(1, 'empty request');
  const end = text.indexOf('\r\n\r\n');
  if (end < 0 && !text.includes('\r\n') && text.includes('\n')) {
    fail(1, 'lines end with LF only (SIP lines end with CRLF)');
  }
  if (end < 0) {
    const lines = text.split('\r\n').length;
    fail(
      lines,
      'no empty line ends the headers (every SIP request needs CRLF CRLF before the body)',
    );
  }
  return { headLines: text.slice(0, end).split('\r\n'), body: text.slice(end + 4) };
}

function readHeaders(lines: string[]): SipHeader[] {
  const headers: SipHeader[] = [];
  const seen = new Map<string, number>();
  for (let k = 1; k < lines.length; k++) {
    const raw = lines[k] as string;
    const line = k + 1;
    if (/[\r\n]/.test(raw))
      fail(line, 'bare CR or LF inside a header line (SIP lines end with CRLF)');
    if (/^[ \t]/.test(raw)) fail(line, 'folded header lines are not supported');
    const match = HEADER_LINE.exec(raw);
    if (match === null) fail(line, `malformed header "${raw}" (expected "Name: value")`);
    const name = canonicalName(match[1] as string);
    const first = seen.get(name);
    if (first !== undefined && SINGLE.has(name))
      fail(line, `duplicate ${name} header (first on line ${first})`);
    seen.set(name, first ?? line);
    headers.push({ name, value: (match[2] as string).trimEnd(), line });
  }
  return headers;
}

function parseBody(
  method: MethodName,
  contentType: SipHeader | undefined,
  body: string,
  bodyLine: number,
): XccosDocument | null {
  if (body === '') {
    if (method === 'INFO') fail(bodyLine, 'INFO without a body (expected one XCCOS document)');
    return null;
  }
  if (contentType === undefined)
    fail(bodyLine, `a ${body.length}-character body without a Content-Type header`);
  const type = contentType.value.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/sdp') {
    if (method !== 'INVITE')
      fail(contentType.line, `${method} with an SDP body (only INVITE carries SDP)`);
    if (!body.startsWith('v=0\r\n')) fail(bodyLine, 'SDP body does not start with "v=0"');
    return null;
  }
  if (type !== 'text/plain')
    fail(
      contentType.line,
      `Content-Type "${contentType.value}" (expected text/plain or application/sdp)`,
    );
  if (method !== 'INFO')
    fail(contentType.line, `${method} with an XCCOS body (only INFO carries XCCOS)`);
  try {
    return readXccos(parseXml(body), bodyLine - 1);
  } catch (error) {
    if (error instanceof XmlSyntaxError)
      fail(bodyLine + error.line - 1, `body is not well-formed XML: ${error.problem}`);
    throw error;
  }
}

export function parseSipRequest(text: string): ParsedRequest {
  const { headLines, body } = splitHead(text);
  const start = headLines[0] as string;
  const startMatch = START_LINE.exec(start);
  if (startMatch === null) {
    const problem = start.startsWith('SIP/2.0 ')
      ? `"${start}" is a response; only requests are parsed`
      : `bad start line "${start}" (expected "METHOD sip:uri SIP/2.0")`;
    fail(1, problem);
  }
  const method = startMatch[1] as string;
  if (!(METHODS as readonly string[]).includes(method)) {
    fail(1, `unknown method "${method}" (expected ${METHODS.join(', ')})`);
  }
  const headers = readHeaders(headLines);
  const blankLine = headLines.length + 1;
  const byName = (name: string): SipHeader | undefined => headers.find((h) => h.name === name);
  for (const name of REQUIRED) {
    if (byName(name) === undefined)
      fail(blankLine, `missing ${name} header (required in every request)`);
  }
  const lengthHeader = byName('Content-Length') as SipHeader;
  if (!/^\d+$/.test(lengthHeader.value))
    fail(lengthHeader.line, `Content-Length "${lengthHeader.value}" is not a byte count`);
  const contentLength = Number(lengthHeader.value);
  const bytes = Buffer.byteLength(body, 'utf8');
  if (contentLength !== bytes) {
    fail(
      lengthHeader.line,
      `Content-Length ${contentLength} does not match the body's ${bytes} bytes (UTF-8)`,
    );
  }
  const cseqHeader = byName('CSeq') as SipHeader;
  const cseqMatch = /^(\d{1,10}) ([A-Za-z]+)$/.exec(cseqHeader.value);
  if (cseqMatch === null)
    fail(cseqHeader.line, `CSeq "${cseqHeader.value}" (expected "<number> <METHOD>")`);
  if (cseqMatch[2] !== method)
    fail(
      cseqHeader.line,
      `CSeq method ${cseqMatch[2]} does not match the request method ${method}`,
    );
  const callId = (byName('Call-ID') as SipHeader).value;
  if (callId === '') fail((byName('Call-ID') as SipHeader).line, 'empty Call-ID');
  const fromHeader = byName('From') as SipHeader;
  const toHeader = byName('To') as SipHeader;
  const contentType = byName('Content-Type');
  return {
    method: method as MethodName,
    uri: startMatch[2] as string,
    headers,
    callId,
    cseq: Number(cseqMatch[1]),
    from: parseNameAddress(fromHeader.value, fromHeader.line, 'From'),
    to: parseNameAddress(toHeader.value, toHeader.line, 'To'),
    contentType: contentType?.value ?? null,
    contentLength,
    body,
    xccos: parseBody(method as MethodName, contentType, body, blankLine + 1),
  };
}

/** The value of the first header of that (canonical) name. */
export function headerValue(parsed: ParsedRequest, name: string): string | undefined {
  return parsed.headers.find((h) => h.name === name)?.value;
}
