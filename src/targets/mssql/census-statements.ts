/**
 * The store census (../census.ts) in T-SQL: the shared queries on the dbo tables, the class
 * boundaries as int parameters. Listed in all-statements.ts, so the 2008 R2 checks cover them.
 */
import { censusQueries } from '../census.js';
import { p, statement, type TsqlStatement } from './tsql.js';

export function censusStatements(): TsqlStatement[] {
  return censusQueries((table) => `dbo.${table}`).map((query) =>
    statement(
      `census: ${query.name}`,
      query.text,
      query.params.map((name) => p(name, 'int')),
    ),
  );
}
