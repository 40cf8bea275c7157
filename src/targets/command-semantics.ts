/**
 * What each SIP transaction does to the store — the semantics every target implements with its
 * own SQL (SQLite: `sqlite/statements.ts`; SQL Server: its T-SQL module). Users and rooms in a
 * TxBatch are world indexes; a target maps them to ids through the IdLayout (prinID =
 * userPrinBase + user, nodeID = roomNodeBase + room) and to names through the Naming.
 *
 * - INVITE (sign-in): resolve the user: tblPrincipal by prinUri (= naming.userUri), prinDisabled
 *   = 0. Not found is an error (the store does not match the world).
 * - getserverinfo: the tblConfig row labelled 'pool' and the root node (nodeID 1).
 * - getassociations: rooms (nodeType 0, not disabled) where the user holds the Member (arg0 0)
 *   or Manager (arg0 1) role, directly or through anything it is affiliated with:
 *   tblPrincipalAffiliations (self row included) ⋈ tblPrincipalRole ⋈ tblNode. The expensive
 *   sign-in read. Grants held through the domain principal ({@link DOMAIN_PRIN_ID}) do not
 *   count: that grant is how open rooms let everyone in, and open rooms have no membership list,
 *   so they are not a user's associations (which would otherwise be every open room of the pool).
 * - bjoin / join: per room, resolve the node by nodeGuid (naming.roomGuid; rooms only, not
 *   disabled). For the first arg0 rooms (ACL cache misses) walk the permissions: the room and
 *   its ancestors via parentID up to the root (its own parent), role grants on them to anything
 *   the user is affiliated with, and the role types' permission sets; the join bit
 *   ({@link JOIN_PERMISSION}) must be among them (open rooms pass through the domain's Member
 *   grant). A refused room makes the transaction a `permission` error. Push a JOIN compliance
 *   event per joined room.
 * - bccontext (history): the newest arg0 messages of the room with chatId < lastChatID − arg1 + 1
 *   (keyset paging on (channelId, chatId), the bound read from tblLastChatId in the same
 *   statement), newest first, with the poster's display name from tblPrincipal. Push a BACKCHAT
 *   compliance event.
 * - grpchat (post): ONE transaction: increment the room's tblLastChatId row and read the new
 *   value, INSERT tblChat (chatDate = ticks of unixNow(), userId, isAlert 0, content =
 *   naming.message(arg0), rtf NULL); after commit push a CHAT compliance event with the chatId.
 *   Under concurrency: chatIds 1..n per room, no duplicate, no gap.
 * - part: a PART compliance event only. BYE: a PART for all of the user's rooms (room −1).
 * - chansrch, arg1 = SearchKind.rooms: rooms whose name contains naming.searchTerm(arg0) (LIKE,
 *   the term escaped), visible to the user (open, or the user holds a role on the room through
 *   its affiliations), ordered by name, at most {@link SEARCH_LIMIT}.
 * - chansrch, arg1 = SearchKind.messages: messages of the room whose content contains the term,
 *   newest first, at most {@link SEARCH_LIMIT}.
 * - getinv: the user's tblPrincipalInvites rows with invID > arg0, with the room's guid and name.
 * - UPDATE (session refresh): no store work.
 *
 * Compliance writes (ComplianceStore.writeCompliance, one transaction per call): chat and
 * backchat events INSERT tblComplianceData (cmplType 1 / 2, the database assigns cmplEventID);
 * join INSERTs tblComplianceParticipant (partedAt NULL); part sets partedAt on the user's open
 * participation in the room, or in every room when the event's room is −1.
 */
import { TargetError } from '../core/errors.js';
import { msToTicks } from '../core/ticks.js';
import type { Naming } from '../workload/types.js';
import { PermissionBit, permissionMask } from './schema/fixed-rows.js';
import { ComplianceEventType, type TargetContext } from './types.js';
import { Command, Method } from '../core/vocabulary.js';

/** Results one search returns (the documented getserverinfo sample's searchLimit). */
export const SEARCH_LIMIT = 999;

export const JOIN_PERMISSION: bigint = permissionMask('join');
export { PermissionBit };

/** The configLabel of tblConfig's single row. */
export const CONFIG_LABEL = 'pool';

/** The domain principal's prinID (IdLayout.domainPrinId): everyone is affiliated with it. */
export const DOMAIN_PRIN_ID = 2;

/** tblComplianceData.cmplType of a chat or backchat event (published codes). */
export function complianceDataType(type: ComplianceEventType): number | null {
  if (type === ComplianceEventType.chat) return 1;
  if (type === ComplianceEventType.backchat) return 2;
  return null;
}

/** Room −1 in a PART event: the user left every room (sign-out). */
export const ALL_ROOMS = -1;

/** The chat server (tblServerIdentity.serverID, 1-based) a user is homed on, of `servers`. */
export function serverOfUser(user: number, servers: number): number {
  return (user % servers) + 1;
}

/** A row the world says exists is missing: the store was provisioned from another world. */
export function notFound(message: string): TargetError {
  return new TargetError('unknown', `${message} (was the store provisioned from this world?)`);
}

/** The `permission` error of a join refused in some of its rooms (their guids, in join order). */
export function refusedJoinError(
  naming: Naming,
  user: number,
  refusedGuids: readonly string[],
): TargetError {
  return new TargetError(
    'permission',
    `${naming.userUri(user)} may not join ${refusedGuids.length} room(s) (first: ${refusedGuids[0]}): ` +
      'no role with the join permission on the room or its categories',
  );
}

/** Hands an event, stamped with the wall clock's ticks, to the compliance queue when it is on. */
export function emitCompliance(
  context: Pick<TargetContext, 'compliance' | 'unixNow'>,
  type: ComplianceEventType,
  room: number,
  user: number,
  chatId: bigint | null,
  message: string | null,
): void {
  context.compliance?.push({
    type,
    ticks: msToTicks(context.unixNow()),
    room,
    user,
    chatId,
    message,
  });
}

/**
 * Whether a transaction does any store work. PART, BYE and the session-refresh UPDATE only hand
 * compliance events to the queue (or nothing): they need no connection, so a network target
 * never makes them wait for one.
 */
export function touchesStore(method: number, command: number): boolean {
  if (method === Method.BYE || method === Method.UPDATE) return false;
  return !(method === Method.INFO && command === Command.part);
}
