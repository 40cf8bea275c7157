/**
 * The T-SQL that looks at a database before chatload writes to it (which Persistent Chat tables
 * exist, what chatload_meta says) and that records chatload's mark on a store it created.
 */
import { META_TABLE, TABLES } from '../schema/tables.js';
import { p, statement, type TsqlStatement } from './tsql.js';

function nameList(names: readonly string[]): string {
  return names.map((n) => `N'${n.replaceAll("'", "''")}'`).join(', ');
}

/** Which of the published tables and chatload_meta exist in the dbo schema (one row each). */
export const FIND_TABLES: TsqlStatement = statement(
  'inspect store: find tables',
  `
SELECT t.name
FROM sys.tables AS t
WHERE t.schema_id = SCHEMA_ID(N'dbo')
  AND t.name IN (${nameList([META_TABLE.name, ...TABLES.map((table) => table.name)])});`,
);

export const READ_META: TsqlStatement = statement(
  'inspect store: read chatload_meta',
  'SELECT m.metaKey, m.metaValue FROM dbo.chatload_meta AS m;',
);

export const WRITE_META: TsqlStatement = statement(
  'provision: write chatload_meta',
  `
UPDATE dbo.chatload_meta SET metaValue = @value WHERE metaKey = @key;
IF @@ROWCOUNT = 0
    INSERT INTO dbo.chatload_meta (metaKey, metaValue) VALUES (@key, @value);`,
  [p('value', 'nvarchar(max)'), p('key', 'nvarchar(64)')],
);

export function storeStatements(): TsqlStatement[] {
  return [FIND_TABLES, READ_META, WRITE_META];
}
