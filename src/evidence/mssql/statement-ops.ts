/**
 * Which of chatload's operations send each T-SQL statement, so that the server's statement
 * statistics read as "post: 71 % of elapsed time" rather than as SQL text. Statements are
 * recognised by their text: chatload's are parameterized `sp_executesql` batches, whose text in
 * sys.dm_exec_sql_text is the parameter declaration followed by exactly the text chatload sent.
 */
import type { OpName } from '../../core/vocabulary.js';
import { allStatements } from '../../targets/mssql/all-statements.js';
import type { TsqlStatement } from '../../targets/mssql/tsql.js';

/** Statement name (targets/mssql/statements.ts) → the operations whose transactions run it. */
export const OPS_BY_STATEMENT: Readonly<Record<string, readonly OpName[]>> = {
  'signin: resolve user': ['signin'],
  getserverinfo: ['signin'],
  getassociations: ['signin'],
  'join: resolve rooms': ['join'],
  'join: permission walk': ['join'],
  bccontext: ['join', 'history'],
  grpchat: ['post'],
  'chansrch: rooms': ['search'],
  'chansrch: messages': ['search'],
  getinv: ['invites'],
};

/** The operations of a chatload statement: compliance writes by prefix, housekeeping none. */
export function opsOfStatement(name: string): readonly OpName[] {
  if (name.startsWith('compliance:')) return ['compliance'];
  return OPS_BY_STATEMENT[name] ?? [];
}

/** Whitespace collapsed: the server keeps the text as sent, the comparison ignores layout. */
export function normaliseSql(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The statement part of an `sp_executesql` batch text: `(@a int,@b nvarchar(256))SELECT …`
 * → `SELECT …` (the declaration's parentheses may nest, as in nvarchar(256)).
 */
export function statementPart(batchText: string): string {
  const text = batchText.trimStart();
  if (!text.startsWith('(@')) return text;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(i + 1);
  }
  return text;
}

export interface StatementIdentity {
  /** The chatload statement's name, e.g. `grpchat`. */
  name: string;
  ops: readonly OpName[];
  /** True for the evidence sampler's own queries (left out of the top statements). */
  sampler: boolean;
}

/** Recognises batch texts: every statement chatload sends, plus the sampler's own. */
export class StatementCatalog {
  private readonly byText = new Map<string, StatementIdentity>();

  constructor(samplerStatements: readonly TsqlStatement[], chatload = allStatements()) {
    for (const stmt of chatload) {
      this.byText.set(normaliseSql(stmt.text), {
        name: stmt.name,
        ops: opsOfStatement(stmt.name),
        sampler: false,
      });
    }
    for (const stmt of samplerStatements) {
      this.byText.set(normaliseSql(stmt.text), { name: stmt.name, ops: [], sampler: true });
    }
  }

  identify(batchText: string): StatementIdentity | null {
    return this.byText.get(normaliseSql(statementPart(batchText))) ?? null;
  }
}
