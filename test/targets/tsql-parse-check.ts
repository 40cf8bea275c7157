/**
 * Does a T-SQL statement parse? node-sql-parser's `transactsql` grammar does not cover all of
 * valid T-SQL. Where it falls short, the batch is split or a construct replaced before parsing,
 * by the rules in SPLIT_RULES below — each names the construct, is checked against the exact
 * shape chatload writes (a statement that does not fit fails instead of being skipped), and is
 * counted: the test asserts which statements needed which rule, so nothing is skipped silently
 * and a rule nobody needs any more is noticed.
 */
import assert from 'node:assert/strict';
import parserModule from 'node-sql-parser/build/transactsql.js';
import type { TsqlStatement } from '../../src/targets/mssql/tsql.js';
import { lex, type Token } from './tsql-lint.js';

const parser = new parserModule.Parser();

/**
 * Rules for valid T-SQL that node-sql-parser 5's transactsql grammar rejects or misreads (found
 * by trying each construct on its own). Each takes the statement apart into pieces the parser
 * does handle, or checks it against the one exact shape chatload writes.
 */
export const SPLIT_RULES = {
  /** BEGIN TRY / END TRY / BEGIN CATCH / END CATCH: the statements inside are checked one by one. */
  tryCatch: 'TRY/CATCH blocks split into their statements (order checked)',
  /** IF <condition> <statement>: the condition as SELECT 1 WHERE <condition>, the statement alone. */
  ifStatement: 'IF split into condition and statement',
  /** BEGIN/COMMIT/ROLLBACK TRANSACTION: the grammar misreads them; exact text checked. */
  transactionControl: 'BEGIN/COMMIT/ROLLBACK TRANSACTION matched exactly',
  /** RAISERROR(N'...', 16, 1, args): not in the grammar; shape checked, arguments parsed. */
  raiserror: 'RAISERROR shape-checked, arguments parsed as a SELECT',
  /** TOP (@n): the grammar takes TOP (<number>) only; the variable is replaced by a number. */
  topVariable: 'TOP (@variable) parsed as TOP (1)',
  /** @@ROWCOUNT, @@VERSION: the grammar has no @@ functions; parsed as plain variables. */
  systemVariable: '@@ROWCOUNT / @@VERSION parsed as a variable',
  /** The `image` column type (deprecated, valid through 2022) is not in the grammar. */
  imageType: 'image column type parsed as varbinary(max)',
  /** ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY: shape-checked; names parsed. */
  addForeignKey: 'ALTER TABLE ADD FOREIGN KEY shape-checked, names parsed',
  /** CREATE FUNCTION: header shape-checked, the RETURN expression parsed as a SELECT. */
  createFunction: 'CREATE FUNCTION header shape-checked, body expression parsed',
  /** DROP FUNCTION: shape-checked. */
  dropFunction: 'DROP FUNCTION shape-checked',
} as const;
export type SplitRule = keyof typeof SPLIT_RULES;

const STATEMENT_START = new Set([
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'CREATE',
  'DROP',
  'ALTER',
  'ROLLBACK',
  'COMMIT',
  'RAISERROR',
  'RETURN',
  'SET',
  'DECLARE',
  'BEGIN',
  'WITH',
]);

/**
 * The AST type each statement must parse to, by its first words. The grammar accepts some
 * nonsense as a procedural assignment (`SELEC a FROM t` parses!), so a parse only counts when
 * it produced the kind of statement the text starts with.
 */
const EXPECTED_AST: [RegExp, string][] = [
  [/^(SELECT|WITH) /, 'select'],
  [/^INSERT /, 'insert'],
  [/^UPDATE /, 'update'],
  [/^DELETE /, 'delete'],
  [/^DECLARE /, 'declare'],
  [/^SET /, 'set'],
  [/^CREATE TABLE /, 'create:table'],
  [/^CREATE (UNIQUE )?INDEX /, 'create:index'],
  [/^DROP TABLE /, 'drop:table'],
];

/** `[dbo].[name]` as joined tokens (a space around the dot). */
const NAME = String.raw`\[\w+\] \. \[\w+\]`;

function parseAs(text: string, expected?: string): void {
  const kind = expected ?? EXPECTED_AST.find(([re]) => re.test(text.toUpperCase()))?.[1];
  assert.ok(kind, `no parse rule for a statement starting "${text.slice(0, 30)}"`);
  const parsed = parser.astify(text, { database: 'transactsql' });
  const asts = Array.isArray(parsed) ? parsed : [parsed];
  assert.equal(asts.length, 1, `one statement expected: ${text}`);
  const ast = asts[0] as { type?: string; keyword?: string };
  const got = kind.includes(':') ? `${ast.type}:${ast.keyword}` : ast.type;
  assert.equal(got, kind, `parsed as ${got}, not ${kind}: ${text}`);
}

function joinTokens(tokens: Token[]): string {
  return tokens.map((t) => t.text).join(' ');
}

/** Splits a token list at top-level semicolons. */
function splitStatements(tokens: Token[]): Token[][] {
  const statements: Token[][] = [];
  let current: Token[] = [];
  for (const token of tokens) {
    if (token.kind === 'comment') continue;
    if (token.kind === 'symbol' && token.text === ';') {
      if (current.length > 0) statements.push(current);
      current = [];
    } else {
      current.push(token);
    }
  }
  if (current.length > 0) statements.push(current);
  return statements;
}

function words(tokens: Token[], n: number): string {
  return tokens
    .slice(0, n)
    .map((t) => t.text.toUpperCase())
    .join(' ');
}

/** Index where the statement after an IF condition begins (first top-level statement keyword). */
function ifBodyStart(tokens: Token[]): number {
  let depth = 0;
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    else if (depth === 0 && t.kind === 'word' && STATEMENT_START.has(t.text.toUpperCase()))
      return i;
  }
  throw new Error(`IF without a statement: ${joinTokens(tokens)}`);
}

/** Replaces what the grammar lacks inside otherwise ordinary statements, recording each rule. */
function substitute(text: string, used: Set<SplitRule>): string {
  let out = text;
  if (/TOP \( @\w+ \)/.test(out)) {
    used.add('topVariable');
    out = out.replace(/TOP \( @\w+ \)/g, 'TOP ( 1 )');
  }
  if (/@@(ROWCOUNT|VERSION)\b/i.test(out)) {
    used.add('systemVariable');
    out = out.replace(/@@(ROWCOUNT|VERSION)\b/gi, (_, name: string) => `@${name.toLowerCase()}`);
  }
  if (/^CREATE TABLE /.test(out) && / image (NOT )?NULL/.test(out)) {
    used.add('imageType');
    out = out.replace(/ image (?=(NOT )?NULL)/g, ' varbinary ( max ) ');
  }
  return out;
}

function checkStatement(tokens: Token[], used: Set<SplitRule>): void {
  let rest = tokens;
  while (/^(BEGIN|END) (TRY|CATCH)$/.test(words(rest, 2))) {
    used.add('tryCatch');
    rest = rest.slice(2);
  }
  if (rest.length === 0) return;
  if (rest[0]?.text.toUpperCase() === 'IF') {
    used.add('ifStatement');
    const body = ifBodyStart(rest);
    parseAs(substitute(`SELECT 1 WHERE ${joinTokens(rest.slice(1, body))}`, used), 'select');
    checkStatement(rest.slice(body), used);
    return;
  }
  const text = joinTokens(rest);
  if (/^(BEGIN|COMMIT|ROLLBACK) /i.test(text)) {
    used.add('transactionControl');
    assert.match(text, /^(BEGIN|COMMIT|ROLLBACK) TRANSACTION$/, text);
    return;
  }
  if (/^RAISERROR/i.test(text)) {
    used.add('raiserror');
    const m = /^RAISERROR \( (N'(?:[^']|'')*') , 16 , 1((?: , @\w+)*) \)$/.exec(text);
    assert.ok(m, `RAISERROR must be RAISERROR(N'...', 16, 1[, @args]): ${text}`);
    parseAs(`SELECT ${m[1]}${m[2] as string}`, 'select');
    return;
  }
  if (/^ALTER TABLE /i.test(text)) {
    used.add('addForeignKey');
    const m = new RegExp(
      String.raw`^ALTER TABLE (${NAME}) ADD CONSTRAINT (\[\w+\]) FOREIGN KEY \( ((?:\[\w+\](?: , )?)+) \) REFERENCES (${NAME}) \( ((?:\[\w+\](?: , )?)+) \)$`,
    ).exec(text);
    assert.ok(m, `ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY has an unexpected shape: ${text}`);
    parseAs(`SELECT ${m[3]} FROM ${m[1]}`, 'select');
    parseAs(`SELECT ${m[5]} FROM ${m[4]}`, 'select');
    return;
  }
  if (/^DROP FUNCTION /i.test(text)) {
    used.add('dropFunction');
    assert.match(text, new RegExp(`^DROP FUNCTION ${NAME}$`), text);
    return;
  }
  parseAs(substitute(text, used));
}

function checkTryCatchOrder(tokens: Token[]): void {
  const markers = tokens
    .map((t, i) => `${t.text} ${tokens[i + 1]?.text ?? ''}`.toUpperCase())
    .filter((pair) => /^(BEGIN|END) (TRY|CATCH)$/.test(pair));
  if (markers.length === 0) return;
  assert.deepEqual(markers, ['BEGIN TRY', 'END TRY', 'BEGIN CATCH', 'END CATCH']);
}

const CREATE_FUNCTION =
  /^CREATE FUNCTION (\[\w+\]\.\[\w+\]) \((@\w+) (\w+)\)\s+RETURNS (\w+)\s+WITH SCHEMABINDING, RETURNS NULL ON NULL INPUT\s+AS\s+BEGIN\s+RETURN ([\s\S]+);\s+END;$/;

/** Checks one statement text; returns the split rules it needed. Throws if anything fails. */
export function checkParses(stmt: Pick<TsqlStatement, 'text'>): Set<SplitRule> {
  const used = new Set<SplitRule>();
  if (/^CREATE FUNCTION/i.test(stmt.text)) {
    const fn = CREATE_FUNCTION.exec(stmt.text);
    assert.ok(fn, `CREATE FUNCTION has an unexpected shape: ${stmt.text}`);
    used.add('createFunction');
    parseAs(`SELECT ${fn[5]} AS v`, 'select');
    return used;
  }
  const tokens = lex(stmt.text);
  checkTryCatchOrder(tokens);
  for (const statement of splitStatements(tokens)) checkStatement(statement, used);
  return used;
}
