/**
 * The T-SQL lint's rules, applied to every statement chatload sends (mssql-tsql-syntax.test.ts):
 *
 * - {@link forbiddenSyntax}: nothing newer than SQL Server 2008 R2 (mgc-schema.md §5.2);
 * - {@link unportableSyntax}: nothing that TDS-compatible servers such as Babelfish refuse or get
 *   wrong (measured there, issue 11), each with the reason and what to write instead.
 *
 * Both look at tokens, not text: words inside string literals, [bracketed] or "quoted"
 * identifiers, comments, variables (@name) and column references after a dot do not count.
 */

export type TokenKind = 'string' | 'quoted' | 'comment' | 'variable' | 'word' | 'number' | 'symbol';
export interface Token {
  kind: TokenKind;
  text: string;
}

/** A small T-SQL lexer: enough to tell code from literals, names, comments and variables. */
export function lex(sqlText: string): Token[] {
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

/** Keyword positions: words (and `(`), skipping identifiers such as `t.format` after a dot. */
export function keywordStream(tokens: Token[]): string[] {
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

/** Consecutive keywords (upper case); `(` matches an opening parenthesis, `?` any word. */
type KeywordSequence = string[];

function matchesAt(stream: string[], i: number, sequence: KeywordSequence): boolean {
  return sequence.every((word, k) =>
    word === '?' ? (stream[i + k] ?? '') !== '' : stream[i + k] === word,
  );
}

// ---------------------------------------------------------------------------------------------
// Syntax newer than SQL Server 2008 R2.

interface VersionRule {
  name: string;
  sequence: KeywordSequence;
}

const NEWER_THAN_2008_R2: VersionRule[] = [
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

/** Names of the post-2008 R2 constructs in `sqlText` (empty when there are none). */
export function forbiddenSyntax(sqlText: string): string[] {
  const stream = keywordStream(lex(sqlText));
  const found = new Set<string>();
  for (let i = 0; i < stream.length; i++) {
    for (const rule of NEWER_THAN_2008_R2) {
      if (matchesAt(stream, i, rule.sequence)) found.add(rule.name);
    }
  }
  return [...found];
}

// ---------------------------------------------------------------------------------------------
// Constructs TDS-compatible servers refuse or get wrong.

export interface PortabilityRule {
  name: string;
  /** Why it is refused and what to write instead: the lint's message. */
  reason: string;
  /** Whether the construct starts at code token `i` (comments already removed). */
  at(code: Token[], i: number): boolean;
}

const word = (token: Token | undefined, ...words: string[]): boolean =>
  token?.kind === 'word' && words.includes(token.text.toUpperCase());
const symbol = (token: Token | undefined, text: string): boolean =>
  token?.kind === 'symbol' && token.text === text;
const afterDot = (code: Token[], i: number): boolean => symbol(code[i - 1], '.');

/** Index after a column name (`col`, `[col]`, `t.col`), or -1 when there is none at `i`. */
function columnNameEnd(code: Token[], i: number): number {
  let j = i;
  for (;;) {
    const token = code[j];
    if (token?.kind !== 'word' && token?.kind !== 'quoted') return -1;
    j++;
    if (!symbol(code[j], '.')) return j;
    j++;
  }
}

export const PORTABILITY_RULES: PortabilityRule[] = [
  {
    name: 'compound SET @v = col = expr',
    reason:
      'Babelfish refuses it (syntax error at or near RETURNING); UPDATE, then SELECT the row in the same transaction',
    at: (code, i) => {
      const v = code[i];
      if (v?.kind !== 'variable' || v.text.startsWith('@@') || !symbol(code[i + 1], '=')) {
        return false;
      }
      const end = columnNameEnd(code, i + 2);
      if (end === -1) return false;
      // `= expr` or a compound operator (`+= expr`), which the lexer splits into two symbols.
      return (
        symbol(code[end], '=') ||
        (/^[-+*/%&|^]$/.test(code[end]?.text ?? '') && symbol(code[end + 1], '='))
      );
    },
  },
  {
    name: 'OUTPUT inserted./deleted. (OUTPUT for a sequence)',
    reason:
      'Babelfish returned duplicate values with it under concurrency (179 duplicate-key failures in 400 concurrent posts); UPDATE, then SELECT the row in the same transaction',
    at: (code, i) =>
      word(code[i], 'OUTPUT') &&
      !afterDot(code, i) &&
      word(code[i + 1], 'INSERTED', 'DELETED') &&
      symbol(code[i + 2], '.'),
  },
  {
    name: 'MERGE',
    reason:
      "TDS-compatible servers such as Babelfish refuse it or get it wrong, and SQL Server's MERGE has known defects under concurrency; UPDATE, then INSERT when @@ROWCOUNT = 0",
    at: (code, i) => word(code[i], 'MERGE') && !afterDot(code, i),
  },
  {
    name: 'explicit WITH CHECK on a new constraint',
    reason:
      'Babelfish refuses ALTER TABLE ... WITH CHECK ADD CONSTRAINT; SQL Server already checks a new constraint (and marks it trusted) by default, so leave the clause out',
    at: (code, i) =>
      word(code[i], 'WITH') && word(code[i + 1], 'CHECK') && word(code[i + 2], 'ADD', 'CHECK'),
  },
  {
    name: 'server-side prepare (sp_prepare)',
    reason:
      "TDS-compatible servers such as Babelfish handle sp_prepare/sp_execute unlike SQL Server, and node-mssql's PreparedStatement pins a pool connection per statement; send a parameterized request.query() (sp_executesql)",
    at: (code, i) =>
      word(
        code[i],
        'SP_PREPARE',
        'SP_PREPEXEC',
        'SP_EXECUTE',
        'SP_UNPREPARE',
        'SP_CURSORPREPARE',
        'SP_CURSORPREPEXEC',
      ) && !afterDot(code, i),
  },
];

/** `name: reason` of each unportable construct in `sqlText` (empty when there are none). */
export function unportableSyntax(sqlText: string): string[] {
  const code = lex(sqlText).filter((t) => t.kind !== 'comment');
  const found = new Set<string>();
  for (let i = 0; i < code.length; i++) {
    for (const rule of PORTABILITY_RULES) {
      if (rule.at(code, i)) found.add(`${rule.name}: ${rule.reason}`);
    }
  }
  return [...found];
}
