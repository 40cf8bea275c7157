/**
 * The key=value pairs of an ADO.NET connection string, in order, as @tediousjs/connection-string
 * (the parser node-mssql itself uses) reads them: `;` between pairs, values quoted with `"`, `'`
 * or `{}` keep their `;` and `=`, a doubled quote inside stands for one, keys case-insensitive.
 *
 * The library returns a map: a key named twice keeps its last value, and text after the last
 * `;` without an `=` is dropped. chatload refuses both (a repeat or a stray fragment is usually
 * a password broken by an unquoted `;`), so it cuts the text at each `;` where the library
 * agrees a pair ends — parsing the two sides apart gives what parsing the whole gives — and
 * parses each piece on its own. Messages never quote a value: it may be part of a password.
 */
import { parse } from '@tediousjs/connection-string';
import { badInput } from './config.js';

type Pairs = ReadonlyMap<string, string>;

function tryParse(text: string): Pairs | null {
  try {
    return parse(text);
  } catch {
    return null;
  }
}

function sameMap(a: Pairs, b: Pairs): boolean {
  return a.size === b.size && [...a].every(([key, value]) => b.get(key) === value);
}

/** Whether the `;` at `at` ends a pair: the text means the same cut there. */
function endsAPair(text: string, at: number, whole: Pairs): boolean {
  const left = tryParse(text.slice(0, at));
  const right = tryParse(text.slice(at + 1));
  return left !== null && right !== null && sameMap(new Map([...left, ...right]), whole);
}

/** The library's verdict on the whole text, worded without quoting any of it. */
function parseWhole(text: string): Pairs {
  try {
    return parse(text);
  } catch (error) {
    if (/terminated unexpectedly/i.test((error as Error).message)) {
      throw badInput(
        `a quoted value runs to the end of the text: no closing ", ' or } (a quote character inside a value quoted with it is written twice)`,
      );
    }
    throw badInput(
      'unexpected text after a quoted value (a value that starts with a quote ends at the matching quote; a ; must follow it)',
    );
  }
}

/** Names where the text went wrong without echoing it: the fragment may be part of a password. */
export function notAPair(previousKey: string | undefined, secretKeys: ReadonlySet<string>): Error {
  if (previousKey === undefined) return badInput('the text does not start with a key=value pair');
  const quoteHint = secretKeys.has(previousKey)
    ? ` (a password containing ';' must be quoted: Password="..." or '...')`
    : '';
  return badInput(`the text after "${previousKey}=..." is not a key=value pair${quoteHint}`);
}

/** [key, value] pairs in text order; keys lower-cased with inner whitespace collapsed. */
export function adoPairs(text: string, secretKeys: ReadonlySet<string>): [string, string][] {
  const whole = parseWhole(text);
  const cuts = [-1];
  for (let at = text.indexOf(';'); at !== -1; at = text.indexOf(';', at + 1)) {
    if (endsAPair(text, at, whole)) cuts.push(at);
  }
  cuts.push(text.length);
  const pairs: [string, string][] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const piece = text.slice((cuts[k] as number) + 1, cuts[k + 1]);
    const parsed = [...parseWhole(piece)];
    if (parsed.length === 0 && piece.trim() !== '') {
      throw notAPair(pairs[pairs.length - 1]?.[0], secretKeys);
    }
    for (const [rawKey, value] of parsed) {
      const key = rawKey.replace(/\s+/g, ' ');
      // A key holding ';' is a fragment without '=' glued to the next pair.
      if (key.includes(';')) throw notAPair(pairs[pairs.length - 1]?.[0], secretKeys);
      pairs.push([key, value]);
    }
  }
  return pairs;
}
