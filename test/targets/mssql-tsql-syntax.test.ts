/**
 * Every T-SQL text chatload can send (allStatements()) must (a) parse as T-SQL and (b) use nothing
 * newer than SQL Server 2008 R2.
 *
 * (a) uses node-sql-parser's `transactsql` grammar, which does not cover all of valid T-SQL.
 * Where it falls short, the batch is split or a construct replaced before parsing, by the rules
 * in SPLIT_RULES below — each names the construct, is checked against the exact shape chatload
 * writes (a statement that does not fit fails the test instead of being skipped), and is counted:
 * the test asserts which statements needed which rule, so nothing is skipped silently and a
 * rule nobody needs any more is noticed.
 *
 * (b) looks at tokens, not text: words inside string literals, [bracketed] or "quoted"
 * identifiers, comments, variables (@name) and column references after a dot do not count.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import parserModule from 'node-sql-parser/build/transactsql.js';
import { allStatements } from '../../src/targets/mssql/all-statements.js';
import type { TsqlStatement } from '../../src/targets/mssql/tsql.js';

const parser = new parserModule.Parser();

// ---------------------------------------------------------------------------------------------
// A small T-SQL lexer.

type TokenKind = 'string' | 'quoted' | 'comment' | 'variable' | 'word' | 'number' | 'symbol';
interface Token {
  kind: TokenKind;
  text: string;
}

function lex(sqlText: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number): void => {
    tokens.push({ kind, text: sqlText.slice(i, end) });
    i = end;
  };
  const closing = (open: number, quote: string): number => {
    let j = open + 1;
    for (;;) {
      const k = sqlText.indexOf(quote, j);
      if (k === -1) throw new Error(`unterminated ${quote} at ${open}`);
      if (sqlText[k + 1] === quote) j = k + 2;
      else return k + 1;
    }
  };
  while (i < sqlText.length) {
    const c = sqlText[i] as string;
    const rest = sqlText.slice(i);
    if (/\s/.test(c)) i++;
    else if (rest.startsWith('--'))
      push('comment', sqlText.indexOf('\n', i) === -1 ? sqlText.length : sqlText.indexOf('\n', i));
    else if (rest.startsWith('/*')) push('comment', sqlText.indexOf('*/', i) + 2);
    else if (/^N'/i.test(rest)) push('string', closing(i + 1, "'"));
    else if (c === "'") push('string', closing(i, "'"));
    else if (c === '[') push('quoted', closing(i, ']'));
    else if (c === '"') push('quoted', closing(i, '"'));
    else if (c === '@') push('variable', i + (/^@@?\w+/.exec(rest)?.[0].length ?? 1));
    else if (/\d/.test(c)) push('number', i + (/^\d+(\.\d+)?/.exec(rest)?.[0].length ?? 1));
    else if (/[A-Za-z_#]/.test(c)) push('word', i + (/^[\w#$]+/.exec(rest)?.[0].length ?? 1));
    else push('symbol', i + (/^(<>|<=|>=|!=)/.exec(rest)?.[0].length ?? 1));
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// (b) Syntax newer than SQL Server 2008 R2 (mgc-schema.md §5.2).

interface ForbiddenRule {
  name: string;
  /** Consecutive keyword tokens (upper case); `(` matches an opening parenthesis, `?` any word. */
  sequence: string[];
}

const FORBIDDEN: ForbiddenRule[] = [
  { name: 'OFFSET/FETCH (2012)', sequence: ['OFFSET'] },
  { name: 'OFFSET/FETCH (2012)', sequence: ['FETCH', 'NEXT'] },
  { name: 'OFFSET/FETCH (2012)', sequence: ['FETCH', 'FIRST'] },
  { name: 'IIF (2012)', sequence: ['IIF', '('] },
  { name: 'CHOOSE (2012)', sequence: ['CHOOSE', '('] },
  { name: 'CONCAT (2012)', sequence: ['CONCAT', '('] },
  { name: 'TRY_CONVERT (2012)', sequence: ['TRY_CONVERT', '('] },
  { name: 'TRY_CAST (2012)', sequence: ['TRY_CAST', '('] },
  { name: 'TRY_PARSE (2012)', sequence: ['TRY_PARSE', '('] },
  { name: 'PARSE (2012)', sequence: ['PARSE', '('] },
  { name: 'FORMAT (2012)', sequence: ['FORMAT', '('] },
  { name: 'EOMONTH (2012)', sequence: ['EOMONTH', '('] },
  { name: 'DATEFROMPARTS (2012)', sequence: ['DATEFROMPARTS', '('] },
  { name: 'DATETIMEFROMPARTS (2012)', sequence: ['DATETIMEFROMPARTS', '('] },
  { name: 'LAG/LEAD (2012)', sequence: ['LAG', '('] },
  { name: 'LAG/LEAD (2012)', sequence: ['LEAD', '('] },
  { name: 'FIRST_VALUE (2012)', sequence: ['FIRST_VALUE', '('] },
  { name: 'LAST_VALUE (2012)', sequence: ['LAST_VALUE', '('] },
  { name: 'THROW (2012)', sequence: ['THROW'] },
  { name: 'SEQUENCE (2012)', sequence: ['SEQUENCE'] },
  { name: 'NEXT VALUE FOR (2012)', sequence: ['NEXT', 'VALUE', 'FOR'] },
  { name: 'CREATE OR ALTER (2016 SP1)', sequence: ['CREATE', 'OR', 'ALTER'] },
  { name: 'DROP ... IF EXISTS (2016)', sequence: ['DROP', '?', 'IF', 'EXISTS'] },
  { name: 'STRING_AGG (2017)', sequence: ['STRING_AGG', '('] },
  { name: 'STRING_SPLIT (2016)', sequence: ['STRING_SPLIT', '('] },
  { name: 'DATEDIFF_BIG (2016)', sequence: ['DATEDIFF_BIG', '('] },
  { name: 'OPENJSON (2016)', sequence: ['OPENJSON'] },
  { name: 'FOR JSON (2016)', sequence: ['FOR', 'JSON'] },
  { name: 'JSON_VALUE (2016)', sequence: ['JSON_VALUE', '('] },
  { name: 'JSON_QUERY (2016)', sequence: ['JSON_QUERY', '('] },
  { name: 'JSON_MODIFY (2016)', sequence: ['JSON_MODIFY', '('] },
  { name: 'ISJSON (2016)', sequence: ['ISJSON', '('] },
  { name: 'AT TIME ZONE (2016)', sequence: ['AT', 'TIME', 'ZONE'] },
  { name: 'TRIM (2017)', sequence: ['TRIM', '('] },
  { name: 'CONCAT_WS (2017)', sequence: ['CONCAT_WS', '('] },
  { name: 'TRANSLATE (2017)', sequence: ['TRANSLATE', '('] },
  { name: 'GREATEST (2022)', sequence: ['GREATEST', '('] },
  { name: 'LEAST (2022)', sequence: ['LEAST', '('] },
  { name: 'GENERATE_SERIES (2022)', sequence: ['GENERATE_SERIES', '('] },
  { name: 'IS DISTINCT FROM (2022)', sequence: ['DISTINCT', 'FROM'] },
  { name: 'columnstore index (2012)', sequence: ['COLUMNSTORE'] },
];

/** Keyword positions: words (and `(`), skipping identifiers such as `t.format` after a dot. */
function keywordStream(tokens: Token[]): string[] {
  const out: string[] = [];
  tokens.forEach((token, i) => {
    if (token.kind === 'word') {
      const afterDot = tokens[i - 1]?.kind === 'symbol' && tokens[i - 1]?.text === '.';
      out.push(afterDot ? '' : token.text.toUpperCase());
    } else if (token.kind === 'symbol' && token.text === '(') {
      out.push('(');
    } else if (token.kind !== 'comment') {
      out.push('');
    }
  });
  return out;
}

export function forbiddenSyntax(sqlText: string): string[] {
  const stream = keywordStream(lex(sqlText));
  const found = new Set<string>();
  for (let i = 0; i < stream.length; i++) {
    for (const rule of FORBIDDEN) {
      const matches = rule.sequence.every((word, k) =>
        word === '?' ? (stream[i + k] ?? '') !== '' : stream[i + k] === word,
      );
      if (matches) found.add(rule.name);
    }
  }
  return [...found];
}

// ---------------------------------------------------------------------------------------------
// (a) Parsing, with the checked split for what node-sql-parser's grammar lacks.

/**
 * Rules for valid T-SQL that node-sql-parser 5's transactsql grammar rejects or misreads (found
 * by trying each construct on its own). Each takes the statement apart into pieces the parser
 * does handle, or checks it against the one exact shape chatload writes.
 */
const SPLIT_RULES = {
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
  /** @@ROWCOUNT: the grammar has no @@ functions; parsed as a plain variable. */
  systemVariable: '@@ROWCOUNT parsed as a variable',
  /** The `image` column type (deprecated, valid through 2022) is not in the grammar. */
  imageType: 'image column type parsed as varbinary(max)',
  /** ALTER TABLE ... WITH CHECK ADD CONSTRAINT ... FOREIGN KEY: shape-checked; names parsed. */
  addForeignKey: 'ALTER TABLE ADD FOREIGN KEY shape-checked, names parsed',
  /** CREATE FUNCTION: header shape-checked, the RETURN expression parsed as a SELECT. */
  createFunction: 'CREATE FUNCTION header shape-checked, body expression parsed',
  /** DROP FUNCTION: shape-checked. */
  dropFunction: 'DROP FUNCTION shape-checked',
} as const;
type SplitRule = keyof typeof SPLIT_RULES;

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
  if (/@@ROWCOUNT\b/i.test(out)) {
    used.add('systemVariable');
    out = out.replace(/@@ROWCOUNT\b/gi, '@rowcount');
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
      String.raw`^ALTER TABLE (${NAME}) WITH CHECK ADD CONSTRAINT (\[\w+\]) FOREIGN KEY \( ((?:\[\w+\](?: , )?)+) \) REFERENCES (${NAME}) \( ((?:\[\w+\](?: , )?)+) \)$`,
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

// ---------------------------------------------------------------------------------------------

describe('the T-SQL checks themselves', () => {
  it('find post-2008 R2 syntax in code, in any letter case', () => {
    const cases: [string, string][] = [
      ['SELECT a FROM t ORDER BY a OFFSET 10 ROWS FETCH NEXT 5 ROWS ONLY;', 'OFFSET/FETCH (2012)'],
      ['SELECT iif(a > 1, 1, 0) FROM t;', 'IIF (2012)'],
      ['SELECT CONCAT(a, b) FROM t;', 'CONCAT (2012)'],
      ['SELECT TRY_CONVERT(int, a) FROM t;', 'TRY_CONVERT (2012)'],
      ["SELECT FORMAT(d, N'yyyy') FROM t;", 'FORMAT (2012)'],
      ["THROW 50000, N'x', 1;", 'THROW (2012)'],
      ['SELECT NEXT VALUE FOR dbo.s;', 'NEXT VALUE FOR (2012)'],
      ['CREATE OR ALTER PROCEDURE p AS RETURN 0;', 'CREATE OR ALTER (2016 SP1)'],
      ['DROP TABLE IF EXISTS dbo.t;', 'DROP ... IF EXISTS (2016)'],
      ["SELECT STRING_AGG(a, N',') FROM t;", 'STRING_AGG (2017)'],
      ["SELECT value FROM STRING_SPLIT(@a, N',');", 'STRING_SPLIT (2016)'],
      ['SELECT DATEDIFF_BIG(ms, a, b) FROM t;', 'DATEDIFF_BIG (2016)'],
      ['SELECT * FROM OPENJSON(@j);', 'OPENJSON (2016)'],
      ['SELECT a FROM t FOR JSON PATH;', 'FOR JSON (2016)'],
      ["SELECT JSON_VALUE(@j, N'$.a');", 'JSON_VALUE (2016)'],
      ['SELECT TRIM(a) FROM t;', 'TRIM (2017)'],
      ["SELECT CONCAT_WS(N',', a, b) FROM t;", 'CONCAT_WS (2017)'],
      ['SELECT GREATEST(a, b) FROM t;', 'GREATEST (2022)'],
      ['SELECT least (a, b) FROM t;', 'LEAST (2022)'],
    ];
    for (const [text, rule] of cases) assert.ok(forbiddenSyntax(text).includes(rule), text);
  });

  it('ignore the same words in strings, bracketed names, comments, variables and columns', () => {
    const clean = [
      "SELECT N'use CONCAT( and THROW and OFFSET here' AS note;",
      'SELECT [format], [least], "trim" FROM t;',
      'SELECT a FROM t; -- no OFFSET or FETCH NEXT here\n',
      'SELECT a /* IIF( */ FROM t;',
      'SELECT @format, @@concat FROM t;',
      'SELECT t.format, t.throw FROM t;',
      "SELECT N'it''s OFFSET' AS x;",
    ];
    for (const text of clean) assert.deepEqual(forbiddenSyntax(text), [], text);
  });

  it('fail a statement that does not parse or does not fit a split rule', () => {
    assert.throws(() => checkParses({ text: 'SELEC a FROM t;' }), /no parse rule/);
    assert.throws(() => checkParses({ text: 'SELECT a FROM t; SELEC b FROM t;' }));
    assert.throws(() => checkParses({ text: 'BEGIN TRANSACTION x;' }));
    assert.throws(() => checkParses({ text: 'SELECT a FROM WHERE;' }));
    assert.throws(() => checkParses({ text: "RAISERROR(N'x', 10, 1);" }), /RAISERROR must be/);
    assert.throws(() =>
      checkParses({ text: 'BEGIN CATCH SELECT 1; END CATCH; BEGIN TRY SELECT 1; END TRY;' }),
    );
    assert.throws(() =>
      checkParses({
        text: 'ALTER TABLE [dbo].[a] ADD CONSTRAINT [x] FOREIGN KEY ([b]) REFERENCES [dbo].[c] ([d]);',
      }),
    );
    assert.throws(() => checkParses({ text: 'IF @@ROWCOUNT = 0 SELEC 1;' }));
    assert.throws(() =>
      checkParses({ text: 'CREATE FUNCTION dbo.f () RETURNS int AS BEGIN RETURN 1; END;' }),
    );
    assert.deepEqual(forbiddenSyntax('IF EXISTS (SELECT 1 FROM t) SELECT 1;'), []);
  });
});

describe('every T-SQL statement chatload sends', () => {
  const statements = allStatements();

  it('is a non-empty list with unique names', () => {
    assert.ok(statements.length > 50, `${statements.length} statements`);
    const names = statements.map((s) => s.name);
    assert.equal(new Set(names).size, names.length, 'statement names repeat');
  });

  it('parses as T-SQL, with the split rules used exactly where expected', (t) => {
    const byRule = new Map<SplitRule, string[]>();
    for (const stmt of statements) {
      let used: Set<SplitRule>;
      try {
        used = checkParses(stmt);
      } catch (error) {
        assert.fail(`${stmt.name} does not parse: ${(error as Error).message}\n${stmt.text}`);
      }
      for (const rule of used) byRule.set(rule, [...(byRule.get(rule) ?? []), stmt.name]);
    }
    for (const rule of Object.keys(SPLIT_RULES) as SplitRule[]) {
      const names = byRule.get(rule) ?? [];
      t.diagnostic(
        `${SPLIT_RULES[rule]}: ${names.length} statement(s): ${names.slice(0, 6).join('; ')}${names.length > 6 ? '; ...' : ''}`,
      );
      assert.ok(names.length > 0, `split rule ${rule} is used by no statement: remove it`);
    }
    assert.deepEqual(byRule.get('tryCatch'), ['grpchat']);
    assert.deepEqual(byRule.get('raiserror'), ['grpchat']);
    assert.deepEqual(byRule.get('transactionControl'), ['grpchat']);
    assert.deepEqual(byRule.get('createFunction'), ['create function fnTicksToDate']);
    assert.deepEqual(byRule.get('dropFunction'), ['drop function fnTicksToDate']);
    assert.deepEqual(byRule.get('imageType'), ['create table tblADCookie']);
    assert.deepEqual(byRule.get('systemVariable'), ['grpchat', 'provision: write chatload_meta']);
    assert.deepEqual((byRule.get('topVariable') ?? []).sort(), [
      'bccontext',
      'chansrch: messages',
      'chansrch: rooms',
    ]);
  });

  it('uses no syntax newer than SQL Server 2008 R2', () => {
    for (const stmt of statements) {
      assert.deepEqual(forbiddenSyntax(stmt.text), [], `${stmt.name}:\n${stmt.text}`);
    }
  });

  it('never uses MERGE or a GO separator', () => {
    for (const stmt of statements) {
      const keywords = keywordStream(lex(stmt.text));
      assert.ok(!keywords.includes('MERGE'), `${stmt.name} uses MERGE`);
      assert.ok(!keywords.includes('GO'), `${stmt.name} contains GO`);
    }
  });
});
