/**
 * Removes secrets from text that ends up in results and reports: driver error messages can
 * echo a connection string, a URL with credentials or a token. Applied to every error sample
 * message and target description before they leave the worker or reach a file.
 */

const MASK = '***';

/**
 * Keys whose value is a secret in `key=value`, `key: value` and `"key": "value"` forms. A bare
 * `token` is left out: SQL syntax errors say "near token: x", which must stay readable.
 */
const SECRET_KEY =
  '(?:password|passwd|pwd|pass|secret|client[_-]?secret|api[_-]?key|access[_-]?key|' +
  'account[_-]?key|shared[_-]?access[_-]?key|access[_-]?token|auth[_-]?token)';

const PATTERNS: readonly [RegExp, string][] = [
  // scheme://user:password@host (to the last @ of the authority: a raw @ in the password)
  [/([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s/]*@/gi, `$1${MASK}@`],
  // "password": "value" (JSON)
  [new RegExp(`("${SECRET_KEY}"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*"`, 'gi'), `$1${MASK}"`],
  // Password='va;lue' / Password="value" (quoted ADO values may hold ';')
  [new RegExp(`(\\b${SECRET_KEY}\\s*[=:]\\s*)(['"])[^'"]*\\2`, 'gi'), `$1$2${MASK}$2`],
  // Password=value; and ?password=value& (an unquoted ADO value may hold spaces: up to ; or &)
  [new RegExp(`(\\b${SECRET_KEY}\\s*=\\s*)(?!['"])[^;&\\r\\n]+`, 'gi'), `$1${MASK}`],
  // password: value (prose): up to the next space
  [new RegExp(`(\\b${SECRET_KEY}\\s*:\\s*)(?!['"])[^\\s;&,]+`, 'gi'), `$1${MASK}`],
  // Authorization: Bearer xyz / Basic xyz
  [/(\b(?:bearer|basic)\s+)[a-z0-9._~+/=-]{8,}/gi, `$1${MASK}`],
];

/** The text with every password-like value replaced by `***`. Idempotent. */
export function redactSecrets(text: string): string {
  let result = text;
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

/** Error samples are one line of bounded length: enough to recognise, never a payload dump. */
export const MAX_SAMPLE_MESSAGE_CHARS = 500;

export function sampleMessage(text: string): string {
  const oneLine = redactSecrets(text).replace(/\s+/g, ' ').trim();
  return oneLine.length <= MAX_SAMPLE_MESSAGE_CHARS
    ? oneLine
    : `${oneLine.slice(0, MAX_SAMPLE_MESSAGE_CHARS - 1)}…`;
}
