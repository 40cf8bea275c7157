/**
 * Every T-SQL text chatload can send to SQL Server, in one list: the schema DDL (every store
 * combination renders a subset of the both-stores schema), the command statements, the
 * compliance writes in every chunk size, the version and server-information queries, the
 * store inspection and the store census. The statement checks (parse, no post-2008 R2 syntax,
 * declared parameters) run over this list, so a statement added anywhere else would escape
 * them: add it here.
 */
import {
  renderTsqlSchema,
  ticksFunctionExistsQuery,
  type DdlBatch,
} from '../schema/render-tsql.js';
import { censusStatements } from './census-statements.js';
import { complianceStatements } from './compliance-statements.js';
import { commandStatements } from './statements.js';
import { storeStatements } from './store-statements.js';
import type { TsqlStatement } from './tsql.js';
import { versionStatements } from './version.js';

function ddlStatement(batch: DdlBatch): TsqlStatement {
  return { name: batch.name, text: batch.text, params: [] };
}

export function ddlStatements(): TsqlStatement[] {
  const schema = renderTsqlSchema({ mgc: true, mgccomp: true });
  return [
    ...schema.tables,
    ...schema.indexes,
    ...schema.foreignKeys,
    ...(schema.ticksFunction === null ? [] : [schema.ticksFunction]),
    ticksFunctionExistsQuery(),
    ...schema.drops,
  ].map(ddlStatement);
}

export function allStatements(): TsqlStatement[] {
  return [
    ...ddlStatements(),
    ...commandStatements(),
    ...complianceStatements(),
    ...versionStatements(),
    ...storeStatements(),
    ...censusStatements(),
  ];
}
