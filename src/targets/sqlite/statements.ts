/**
 * The SQL SQLite runs for each command (semantics: `../command-semantics.ts`). Every value is a
 * positional parameter; identifiers are quoted. Statements are prepared once per connection.
 */
import type Database from 'better-sqlite3';
import { DOMAIN_PRIN_ID } from '../command-semantics.js';

/** Statements on the chat store `mgc`. */
export const CHAT_SQL = {
  resolveUser:
    'SELECT "prinID", "prinDisplayName" FROM "tblPrincipal" WHERE "prinUri" = ? AND "prinDisabled" = 0',

  serverInfo:
    'SELECT c."configPoolID", n."nodeGuid", n."nodeName" FROM "tblConfig" AS c, "tblNode" AS n ' +
    'WHERE c."configLabel" = ? AND n."nodeID" = ?',

  /** Params: role type, user prinID. Domain-wide grants (open rooms) are not associations. */
  associations:
    'SELECT DISTINCT n."nodeID", n."nodeGuid", n."nodeName" ' +
    'FROM "tblPrincipalAffiliations" AS pa ' +
    'JOIN "tblPrincipalRole" AS pr ON pr."prinRolePrinID" = pa."affiliationID" AND pr."prinRoleTypeID" = ? ' +
    'JOIN "tblNode" AS n ON n."nodeID" = pr."prinRoleNodeID" ' +
    `WHERE pa."principalID" = ? AND pa."affiliationID" <> ${DOMAIN_PRIN_ID} ` +
    'AND n."nodeType" = 0 AND n."disabled" = 0',

  resolveRoom:
    'SELECT "nodeID", "visibility" FROM "tblNode" ' +
    'WHERE "nodeGuid" = ? AND "nodeType" = 0 AND "disabled" = 0',

  /**
   * Params: room nodeID, user prinID, permission mask. Counts grants carrying the mask on the
   * room and its ancestors. The user's affiliations drive the join (CROSS JOIN fixes that order
   * in SQLite): ~150 key lookups instead of scanning a large room's thousands of grants.
   */
  grantsWithPermission:
    'WITH RECURSIVE anc("nodeID", "parentID") AS (' +
    'SELECT "nodeID", "parentID" FROM "tblNode" WHERE "nodeID" = ? ' +
    'UNION ALL SELECT n."nodeID", n."parentID" FROM "tblNode" AS n ' +
    'JOIN anc AS a ON n."nodeID" = a."parentID" WHERE a."nodeID" <> a."parentID") ' +
    'SELECT COUNT(*) AS "grants" FROM anc ' +
    'CROSS JOIN "tblPrincipalAffiliations" AS pa ' +
    'CROSS JOIN "tblPrincipalRole" AS pr ' +
    'JOIN "tblRoleType" AS rt ON rt."rtypeID" = pr."prinRoleTypeID" ' +
    'WHERE pa."principalID" = ? AND pr."prinRoleNodeID" = anc."nodeID" ' +
    'AND pr."prinRolePrinID" = pa."affiliationID" AND (rt."rtypeAllowedPermSet" & ?) <> 0',

  /** Params: room nodeID, room nodeID, messages skipped back from the newest, page size. */
  historyPage:
    'SELECT c."chatId", c."chatDate", c."userId", p."prinDisplayName", c."isAlert", c."content" ' +
    'FROM "tblChat" AS c JOIN "tblPrincipal" AS p ON p."prinID" = c."userId" ' +
    'WHERE c."channelId" = ? AND c."chatId" < ' +
    '(SELECT l."lastChatID" FROM "tblLastChatId" AS l WHERE l."nodeID" = ?) - ? + 1 ' +
    'ORDER BY c."chatId" DESC LIMIT ?',

  nextChatId:
    'UPDATE "tblLastChatId" SET "lastChatID" = "lastChatID" + 1 WHERE "nodeID" = ? ' +
    'RETURNING "lastChatID"',

  insertChat:
    'INSERT INTO "tblChat" ("channelId", "chatId", "chatDate", "userId", "isAlert", "content", "rtf") ' +
    'VALUES (?, ?, ?, ?, ?, ?, NULL)',

  /**
   * Params: escaped LIKE pattern, open visibility, user prinID, limit. The user's granted rooms
   * are an uncorrelated IN list, computed once per search (a correlated EXISTS per room costs
   * 100x more on the full population).
   */
  searchRooms:
    'SELECT n."nodeID", n."nodeName" FROM "tblNode" AS n ' +
    'WHERE n."nodeType" = 0 AND n."disabled" = 0 AND n."nodeName" LIKE ? ESCAPE \'\\\' ' +
    'AND (n."visibility" = ? OR n."nodeID" IN (SELECT pr."prinRoleNodeID" ' +
    'FROM "tblPrincipalAffiliations" AS pa JOIN "tblPrincipalRole" AS pr ' +
    'ON pr."prinRolePrinID" = pa."affiliationID" WHERE pa."principalID" = ?)) ' +
    'ORDER BY n."nodeName", n."nodeID" LIMIT ?',

  /** Params: room nodeID, escaped LIKE pattern, limit. */
  searchMessages:
    'SELECT "chatId", "userId", "content" FROM "tblChat" ' +
    'WHERE "channelId" = ? AND "content" LIKE ? ESCAPE \'\\\' ' +
    'ORDER BY "chatId" DESC LIMIT ?',

  invitations:
    'SELECT i."invID", i."nodeID", n."nodeGuid", n."nodeName" FROM "tblPrincipalInvites" AS i ' +
    'JOIN "tblNode" AS n ON n."nodeID" = i."nodeID" ' +
    'WHERE i."prinID" = ? AND i."invID" > ? ORDER BY i."invID"',
} as const;

/** Statements on the compliance store `mgccomp`. */
export const COMPLIANCE_SQL = {
  insertComplianceData:
    'INSERT INTO "tblComplianceData" ("entryDate", "cmplType", "cmplTime", "cmplChannelUri", ' +
    '"cmplChatID", "cmplUserID", "cmplUserUri", "cmplMessage") VALUES (?, ?, ?, ?, ?, ?, ?, ?)',

  /** A repeated join at the same tick is the same participation: keep the first. */
  insertParticipant:
    'INSERT INTO "tblComplianceParticipant" ("channelUri", "userId", "joinedAt", "partedAt", ' +
    '"userUri", "serverID", "sessionId") VALUES (?, ?, ?, NULL, ?, ?, ?) ON CONFLICT DO NOTHING',

  partRoom:
    'UPDATE "tblComplianceParticipant" SET "partedAt" = ? ' +
    'WHERE "channelUri" = ? AND "userId" = ? AND "partedAt" IS NULL',

  partAllRooms:
    'UPDATE "tblComplianceParticipant" SET "partedAt" = ? WHERE "userId" = ? AND "partedAt" IS NULL',
} as const;

/** The LIKE pattern "contains term", with `\` escaping the wildcards in the term. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

type Prepared<T> = { -readonly [K in keyof T]: Database.Statement<unknown[], unknown> };
export type ChatStatements = Prepared<typeof CHAT_SQL>;
export type ComplianceStatements = Prepared<typeof COMPLIANCE_SQL>;

/** Statements reading ticks or chatIds return integers as bigint (ticks exceed 2^53). */
const BIGINT_RESULTS = new Set<string>(['historyPage', 'nextChatId', 'searchMessages']);

function prepareAll<T extends Record<string, string>>(db: Database.Database, sql: T): Prepared<T> {
  const prepared = {} as Prepared<T>;
  for (const name of Object.keys(sql) as (keyof T & string)[]) {
    const statement = db.prepare<unknown[], unknown>(sql[name] as string);
    if (BIGINT_RESULTS.has(name)) statement.safeIntegers(true);
    prepared[name] = statement;
  }
  return prepared;
}

export function prepareChatStatements(db: Database.Database): ChatStatements {
  return prepareAll(db, CHAT_SQL);
}

export function prepareComplianceStatements(db: Database.Database): ComplianceStatements {
  return prepareAll(db, COMPLIANCE_SQL);
}
