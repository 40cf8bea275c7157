/**
 * The T-SQL SQL Server runs for each command. The semantics are shared with every target and
 * described once in `../command-semantics.ts`; this module is only their SQL Server shape:
 * 2008 R2-valid (TOP (@n) and keyset paging, no OFFSET/FETCH; counters through tblLastChatId,
 * no SEQUENCE; RAISERROR, no THROW; no MERGE) and portable to TDS-compatible servers such as
 * Babelfish (no compound variable assignment, no OUTPUT for sequences), every value a typed
 * parameter.
 *
 * Multi-room commands (bjoin) use a fixed number of parameter slots per statement
 * ({@link ROOM_SLOTS}; unused slots are NULL, which IN never matches) so there is one statement
 * text, one cached plan, whatever the number of rooms.
 */
import { CONFIG_LABEL, DOMAIN_PRIN_ID } from '../command-semantics.js';
import { Visibility } from '../schema/fixed-rows.js';
import { RETHROW_PREFIX } from './errors.js';
import { p, statement, type ParamSpec, type TsqlStatement } from './tsql.js';

/** Rooms per resolve / permission-walk statement; the documented user follows 16 rooms. */
export const ROOM_SLOTS = 16;

function slots(prefix: string, type: ParamSpec['type']): { list: string; params: ParamSpec[] } {
  const names = Array.from({ length: ROOM_SLOTS }, (_, i) => `${prefix}${i}`);
  return { list: names.map((n) => `@${n}`).join(', '), params: names.map((n) => p(n, type)) };
}

/**
 * The CATCH block of every explicit transaction: roll back what is left, then re-raise. RAISERROR
 * cannot keep the original error number, so it travels in the message (see errors.ts) and the
 * deadlock and lock-timeout retries still see 1205 / 1222.
 */
export const CATCH_AND_RERAISE = `
BEGIN CATCH
    IF XACT_STATE() <> 0 ROLLBACK TRANSACTION;
    DECLARE @errorNumber int;
    DECLARE @errorMessage nvarchar(2048);
    SELECT @errorNumber = ERROR_NUMBER(), @errorMessage = ERROR_MESSAGE();
    RAISERROR(N'${RETHROW_PREFIX} %d: %s', 16, 1, @errorNumber, @errorMessage);
END CATCH;`;

/** The LIKE pattern "contains @term", escaping the term's wildcards with brackets in SQL. */
const CONTAINS_TERM =
  "(N'%' + REPLACE(REPLACE(REPLACE(@term, N'[', N'[[]'), N'%', N'[%]'), N'_', N'[_]') + N'%')";

const guidSlots = slots('g', 'uniqueidentifier');
const roomSlots = slots('r', 'int');

export const STATEMENTS = {
  /** INVITE: the signing-in user by SIP URI. */
  resolveUser: statement(
    'signin: resolve user',
    `
SELECT p.prinID, p.prinDisplayName
FROM dbo.tblPrincipal AS p
WHERE p.prinUri = @uri AND p.prinDisabled = 0;`,
    [p('uri', 'nvarchar(256)')],
  ),

  /** getserverinfo: the pool's configuration row and the root category. */
  serverInfo: statement(
    'getserverinfo',
    `
SELECT c.configPoolID, n.nodeGuid, n.nodeName
FROM dbo.tblConfig AS c
CROSS JOIN dbo.tblNode AS n
WHERE c.configLabel = N'${CONFIG_LABEL}' AND n.nodeID = 1;`,
  ),

  /** getassociations: rooms where the user holds @roleTypeId through any affiliation but the domain. */
  associations: statement(
    'getassociations',
    `
SELECT DISTINCT n.nodeID, n.nodeGuid, n.nodeName
FROM dbo.tblPrincipalAffiliations AS pa
INNER JOIN dbo.tblPrincipalRole AS pr
        ON pr.prinRolePrinID = pa.affiliationID AND pr.prinRoleTypeID = @roleTypeId
INNER JOIN dbo.tblNode AS n ON n.nodeID = pr.prinRoleNodeID
WHERE pa.principalID = @userId AND pa.affiliationID <> ${DOMAIN_PRIN_ID}
  AND n.nodeType = 0 AND n.disabled = 0;`,
    [p('roleTypeId', 'int'), p('userId', 'int')],
  ),

  /** bjoin / join: up to ROOM_SLOTS rooms by GUID (enabled rooms only), with the reply's name and topic. */
  resolveRooms: statement(
    'join: resolve rooms',
    `
SELECT n.nodeID, n.nodeName, n.nodeDesc
FROM dbo.tblNode AS n
WHERE n.nodeGuid IN (${guidSlots.list}) AND n.nodeType = 0 AND n.disabled = 0;`,
    guidSlots.params,
  ),

  /**
   * The permission walk (mgc-schema.md §2.2) for up to ROOM_SLOTS rooms at once: each room and
   * its ancestor categories, the role grants on them to anything the user is affiliated with,
   * and the permission set of each granted role, one row per grant. T-SQL has no bitwise-OR
   * aggregate, so the caller ORs the sets per room and tests the join bit.
   */
  permissionWalk: statement(
    'join: permission walk',
    `
WITH anc (roomID, nodeID, parentID) AS (
    SELECT n.nodeID, n.nodeID, n.parentID
    FROM dbo.tblNode AS n
    WHERE n.nodeID IN (${roomSlots.list})
    UNION ALL
    SELECT a.roomID, n.nodeID, n.parentID
    FROM dbo.tblNode AS n
    INNER JOIN anc AS a ON n.nodeID = a.parentID
    WHERE a.nodeID <> a.parentID
)
SELECT anc.roomID, rt.rtypeAllowedPermSet
FROM anc
INNER JOIN dbo.tblPrincipalRole AS pr ON pr.prinRoleNodeID = anc.nodeID
INNER JOIN dbo.tblPrincipalAffiliations AS pa
        ON pa.affiliationID = pr.prinRolePrinID AND pa.principalID = @userId
INNER JOIN dbo.tblRoleType AS rt ON rt.rtypeID = pr.prinRoleTypeID;`,
    [...roomSlots.params, p('userId', 'int')],
  ),

  /** bccontext: newest @count messages older than lastChatID − @skip + 1, keyset on the PK. */
  historyPage: statement(
    'bccontext',
    `
SELECT TOP (@count) c.chatId, c.chatDate, c.userId, p.prinDisplayName, c.isAlert, c.content
FROM dbo.tblChat AS c
INNER JOIN dbo.tblPrincipal AS p ON p.prinID = c.userId
WHERE c.channelId = @nodeId
  AND c.chatId < (SELECT l.lastChatID - @skip + 1 FROM dbo.tblLastChatId AS l WHERE l.nodeID = @nodeId)
ORDER BY c.chatId DESC;`,
    [p('count', 'int'), p('nodeId', 'int'), p('skip', 'int')],
  ),

  /**
   * grpchat: the next chatId and the message in one transaction (mgc-schema.md §2.1). The UPDATE
   * takes the room's counter row and holds it until commit, so concurrent posts to a room
   * serialise: the SELECT after it reads this transaction's own increment, and no other post can
   * take the same value or leave a gap. Not `SET @chatId = lastChatID = lastChatID + 1` (TDS
   * servers such as Babelfish refuse it) nor `OUTPUT ... INTO` (Babelfish returned duplicates
   * with it under concurrency). Returns one row, `chatId` (bigint, as a string from the driver).
   */
  post: statement(
    'grpchat',
    `
SET XACT_ABORT ON;
BEGIN TRY
    BEGIN TRANSACTION;
    DECLARE @chatId bigint;
    UPDATE dbo.tblLastChatId WITH (ROWLOCK)
       SET lastChatID = lastChatID + 1
     WHERE nodeID = @nodeId;
    IF @@ROWCOUNT = 0
        RAISERROR(N'room %d has no tblLastChatId row', 16, 1, @nodeId);
    SELECT @chatId = l.lastChatID FROM dbo.tblLastChatId AS l WHERE l.nodeID = @nodeId;
    INSERT INTO dbo.tblChat (channelId, chatId, chatDate, userId, isAlert, content, rtf)
    VALUES (@nodeId, @chatId, @ticks, @userId, 0, @content, NULL);
    COMMIT TRANSACTION;
    SELECT @chatId AS chatId;
END TRY${CATCH_AND_RERAISE}`,
    [p('nodeId', 'int'), p('ticks', 'bigint'), p('userId', 'int'), p('content', 'nvarchar(max)')],
  ),

  /** chansrch (rooms): names containing @term, visible to the user, by name. */
  searchRooms: statement(
    'chansrch: rooms',
    `
SELECT TOP (@limit) n.nodeID, n.nodeName
FROM dbo.tblNode AS n
WHERE n.nodeType = 0 AND n.disabled = 0
  AND n.nodeName LIKE ${CONTAINS_TERM}
  AND (n.visibility = ${Visibility.open}
       OR EXISTS (SELECT 1
                  FROM dbo.tblPrincipalAffiliations AS pa
                  INNER JOIN dbo.tblPrincipalRole AS pr
                          ON pr.prinRoleNodeID = n.nodeID AND pr.prinRolePrinID = pa.affiliationID
                  WHERE pa.principalID = @userId))
ORDER BY n.nodeName, n.nodeID;`,
    [p('limit', 'int'), p('term', 'nvarchar(256)'), p('userId', 'int')],
  ),

  /** chansrch (messages): a room's messages containing @term, newest first. */
  searchMessages: statement(
    'chansrch: messages',
    `
SELECT TOP (@limit) c.chatId, c.userId, c.content
FROM dbo.tblChat AS c
WHERE c.channelId = @nodeId AND c.content LIKE ${CONTAINS_TERM}
ORDER BY c.chatId DESC;`,
    [p('limit', 'int'), p('nodeId', 'int'), p('term', 'nvarchar(256)')],
  ),

  /** getinv: the user's invitations after the last one seen. */
  invitations: statement(
    'getinv',
    `
SELECT i.invID, i.nodeID, n.nodeGuid, n.nodeName
FROM dbo.tblPrincipalInvites AS i
INNER JOIN dbo.tblNode AS n ON n.nodeID = i.nodeID
WHERE i.prinID = @userId AND i.invID > @lastInvId
ORDER BY i.invID;`,
    [p('userId', 'int'), p('lastInvId', 'int')],
  ),
} as const satisfies Record<string, TsqlStatement>;

export type StatementName = keyof typeof STATEMENTS;

export function commandStatements(): TsqlStatement[] {
  return Object.values(STATEMENTS);
}
