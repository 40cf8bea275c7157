/**
 * The T-SQL lint: every text chatload can send (allStatements() and the evidence sampler's
 * queries) must (a) parse as T-SQL (tsql-parse-check.ts), (b) use nothing newer than SQL Server
 * 2008 R2 and (c) use nothing that TDS-compatible servers such as Babelfish refuse or get wrong
 * (tsql-lint.ts: compound variable assignment, OUTPUT for sequences, MERGE, explicit WITH CHECK,
 * server-side prepare). Each rule is shown to fire on an offending statement, so the lint cannot
 * pass by matching nothing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evidenceStatements } from '../../src/evidence/mssql/queries.js';
import { allStatements } from '../../src/targets/mssql/all-statements.js';
import { STATEMENTS } from '../../src/targets/mssql/statements.js';
import { checkParses, SPLIT_RULES, type SplitRule } from './tsql-parse-check.js';
import {
  forbiddenSyntax,
  keywordStream,
  lex,
  PORTABILITY_RULES,
  unportableSyntax,
} from './tsql-lint.js';

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

  it('reject each construct Babelfish refuses or gets wrong, naming it with the reason', () => {
    const offending: [string, string][] = [
      [
        'UPDATE dbo.tblLastChatId SET @chatId = lastChatID = lastChatID + 1 WHERE nodeID = @n;',
        'compound SET @v = col = expr',
      ],
      ['UPDATE t SET @v = [t].[c] += 1;', 'compound SET @v = col = expr'],
      [
        'UPDATE dbo.tblLastChatId SET lastChatID = lastChatID + 1 OUTPUT inserted.lastChatID INTO @ids WHERE nodeID = @n;',
        'OUTPUT inserted./deleted. (OUTPUT for a sequence)',
      ],
      ['DELETE FROM t OUTPUT deleted.id WHERE id = 1;', 'OUTPUT inserted./deleted.'],
      [
        'MERGE dbo.chatload_meta AS m USING (SELECT @k AS k) AS s ON m.metaKey = s.k WHEN NOT MATCHED THEN INSERT (metaKey) VALUES (s.k);',
        'MERGE',
      ],
      [
        'ALTER TABLE [dbo].[a] WITH CHECK ADD CONSTRAINT [fk] FOREIGN KEY ([b]) REFERENCES [dbo].[c] ([d]);',
        'explicit WITH CHECK on a new constraint',
      ],
      ['ALTER TABLE dbo.a with check check constraint fk;', 'explicit WITH CHECK'],
      [
        "DECLARE @h int; EXEC sp_prepare @h OUTPUT, N'@p int', N'SELECT @p'; EXEC sp_execute @h, 1;",
        'server-side prepare (sp_prepare)',
      ],
    ];
    for (const [text, rule] of offending) {
      const problems = unportableSyntax(text);
      assert.equal(problems.length, 1, `${text}: ${problems.join('; ')}`);
      const message = problems[0] ?? '';
      assert.ok(message.startsWith(rule), `${text} → ${message}`);
      const reason = PORTABILITY_RULES.find((r) => message.startsWith(r.name))?.reason ?? '';
      assert.ok(reason.length > 40 && message.endsWith(`: ${reason}`), message);
    }
    const fired = new Set(
      offending.map(
        ([text]) =>
          PORTABILITY_RULES.find((r) => unportableSyntax(text)[0]?.startsWith(r.name))?.name,
      ),
    );
    assert.deepEqual([...fired].sort(), PORTABILITY_RULES.map((r) => r.name).sort());
    assert.match(
      unportableSyntax('UPDATE t SET @v = c = c + 1;')[0] ?? '',
      /Babelfish refuses it \(syntax error at or near RETURNING\); UPDATE, then SELECT the row in the same transaction/,
    );
  });

  it('leave the portable look-alikes alone', () => {
    const clean = [
      'UPDATE t SET c = c + 1 WHERE id = @id;',
      'SELECT @v = t.c FROM t WHERE t.id = @id;',
      'UPDATE t SET @v = @v + 1;',
      'IF @@ROWCOUNT = 0 INSERT INTO t (c) VALUES (@c);',
      "SELECT N'MERGE and WITH CHECK ADD, OUTPUT inserted.x, sp_prepare' AS note;",
      'SELECT [merge], t.output, [sp_prepare] FROM t; -- MERGE t USING s\n',
      'ALTER TABLE [dbo].[a] ADD CONSTRAINT [fk] FOREIGN KEY ([b]) REFERENCES [dbo].[c] ([d]);',
      "EXEC sp_executesql N'SELECT @p', N'@p int', @p = 1;",
    ];
    for (const text of clean) assert.deepEqual(unportableSyntax(text), [], text);
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
        text: 'ALTER TABLE [dbo].[a] ADD CONSTRAINT [x] CHECK ([b] > 0);',
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
  // The evidence sampler's queries are T-SQL chatload sends too (to the same servers).
  const statements = [...allStatements(), ...evidenceStatements()];

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
    assert.deepEqual(byRule.get('systemVariable'), [
      'grpchat',
      'serverinfo: version',
      'provision: write chatload_meta',
    ]);
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

  it('uses nothing TDS-compatible servers such as Babelfish refuse or get wrong', () => {
    for (const stmt of statements) {
      assert.deepEqual(unportableSyntax(stmt.text), [], `${stmt.name}:\n${stmt.text}`);
    }
  });

  it('never contains a GO separator', () => {
    for (const stmt of statements) {
      assert.ok(!keywordStream(lex(stmt.text)).includes('GO'), `${stmt.name} contains GO`);
    }
  });
});

/** The code words of a statement, in order, with the given ones only (for ordering checks). */
function positions(text: string, ...wanted: string[]): string[] {
  return keywordStream(lex(text)).filter((w) => wanted.includes(w));
}

describe('grpchat (post) takes the next chatId portably', () => {
  const text = STATEMENTS.post.text;

  it('increments the room counter, then reads the same row back, inside one transaction', () => {
    const compact = text.replace(/\s+/g, ' ');
    assert.match(
      compact,
      /UPDATE dbo\.tblLastChatId WITH \(ROWLOCK\) SET lastChatID = lastChatID \+ 1 WHERE nodeID = @nodeId;/,
    );
    assert.match(
      compact,
      /SELECT @chatId = l\.lastChatID FROM dbo\.tblLastChatId AS l WHERE l\.nodeID = @nodeId;/,
    );
    assert.deepEqual(positions(text, 'BEGIN', 'UPDATE', 'SELECT', 'INSERT', 'COMMIT'), [
      'BEGIN', // TRY
      'BEGIN', // TRANSACTION
      'UPDATE',
      'SELECT', // the read-back, before the row lock is released
      'INSERT',
      'COMMIT',
      'SELECT', // the result row
      'BEGIN', // CATCH
      'SELECT', // the error number and message, re-raised
    ]);
  });
});
