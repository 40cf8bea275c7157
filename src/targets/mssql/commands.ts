/**
 * What one SIP transaction does on SQL Server: the statements of statements.ts for its command,
 * with the semantics every target shares (`../command-semantics.ts`), and the compliance events
 * it hands to the asynchronous compliance queue.
 */
import { TargetError } from '../../core/errors.js';
import { msToTicks } from '../../core/ticks.js';
import { Association, SearchKind, type TxBatch } from '../../workload/types.js';
import {
  ALL_ROOMS,
  emitCompliance,
  JOIN_PERMISSION,
  notFound,
  refusedJoinError,
  SEARCH_LIMIT,
} from '../command-semantics.js';
import { RoleTypeId } from '../schema/fixed-rows.js';
import { ComplianceEventType, type TargetContext } from '../types.js';
import type { MssqlSession, RetryCounter, Row } from './session.js';
import { ROOM_SLOTS, STATEMENTS } from './statements.js';
import { toBigInt, type SqlValue } from './tsql.js';
import { Command, Method } from '../../core/vocabulary.js';

/** `{ g0: ..., g1: ..., ... }` for one chunk of up to ROOM_SLOTS values, NULL-padded. */
export function slotValues(prefix: string, values: readonly SqlValue[]): Record<string, SqlValue> {
  const out: Record<string, SqlValue> = {};
  for (let i = 0; i < ROOM_SLOTS; i++) out[`${prefix}${i}`] = values[i] ?? null;
  return out;
}

/** ORs the permission sets of the walk's rows per room (T-SQL has no bitwise-OR aggregate). */
export function permissionsByRoom(rows: readonly Row[]): Map<number, bigint> {
  const byRoom = new Map<number, bigint>();
  for (const row of rows) {
    const room = row.roomID as number;
    byRoom.set(room, (byRoom.get(room) ?? 0n) | toBigInt(row.rtypeAllowedPermSet));
  }
  return byRoom;
}

export class MssqlCommands {
  constructor(
    private readonly session: MssqlSession,
    private readonly context: TargetContext,
  ) {}

  async run(batch: TxBatch, i: number, counter: RetryCounter): Promise<number> {
    const user = batch.user[i] as number;
    switch (batch.method[i]) {
      case Method.INVITE:
        return this.resolveUser(user, counter);
      case Method.BYE:
        emitCompliance(this.context, ComplianceEventType.part, ALL_ROOMS, user, null, null);
        return 0;
      case Method.UPDATE:
        return 0;
      default:
        return this.runCommand(batch, i, user, counter);
    }
  }

  private async runCommand(
    batch: TxBatch,
    i: number,
    user: number,
    counter: RetryCounter,
  ): Promise<number> {
    const { layout, naming } = this.context;
    const userId = layout.userPrinBase + user;
    const room = batch.room[i] as number;
    const nodeId = layout.roomNodeBase + room;
    const arg0 = batch.arg0[i] as number;
    const arg1 = batch.arg1[i] as number;
    const s = STATEMENTS;
    switch (batch.command[i]) {
      case Command.getserverinfo:
        return (await this.session.rows(s.serverInfo, {}, counter)).length;
      case Command.getassociations: {
        const roleTypeId = arg0 === Association.manager ? RoleTypeId.manager : RoleTypeId.member;
        return (await this.session.rows(s.associations, { roleTypeId, userId }, counter)).length;
      }
      case Command.bjoin: {
        const start = batch.listStart[i] as number;
        const rooms = batch.list.subarray(start, start + (batch.listLength[i] as number));
        return this.join(user, rooms, arg0, counter);
      }
      case Command.join:
        return this.join(user, Int32Array.of(room), arg0, counter);
      case Command.bccontext: {
        const rows = await this.session.rows(
          s.historyPage,
          { count: arg0, nodeId, skip: arg1 },
          counter,
        );
        emitCompliance(this.context, ComplianceEventType.backchat, room, user, null, null);
        return rows.length;
      }
      case Command.grpchat: {
        const content = naming.message(arg0);
        const ticks = msToTicks(this.context.unixNow());
        const rows = await this.session.rows(s.post, { nodeId, ticks, userId, content }, counter);
        const chatId = toBigInt(rows[0]?.chatId);
        emitCompliance(this.context, ComplianceEventType.chat, room, user, chatId, content);
        return 1;
      }
      case Command.part:
        emitCompliance(this.context, ComplianceEventType.part, room, user, null, null);
        return 0;
      case Command.chansrch: {
        const term = naming.searchTerm(arg0);
        const rows =
          arg1 === SearchKind.messages
            ? await this.session.rows(
                s.searchMessages,
                { limit: SEARCH_LIMIT, nodeId, term },
                counter,
              )
            : await this.session.rows(
                s.searchRooms,
                { limit: SEARCH_LIMIT, term, userId },
                counter,
              );
        return rows.length;
      }
      case Command.getinv:
        return (await this.session.rows(s.invitations, { userId, lastInvId: arg0 }, counter))
          .length;
      default:
        throw new TargetError('unknown', `command code ${batch.command[i]} has no SQL`);
    }
  }

  private async resolveUser(user: number, counter: RetryCounter): Promise<number> {
    const uri = this.context.naming.userUri(user);
    const rows = await this.session.rows(STATEMENTS.resolveUser, { uri }, counter);
    if (rows.length === 0)
      throw notFound(`user ${uri} is not provisioned (or disabled) in this store`);
    return 1;
  }

  /** Resolves every room; the first `aclMisses` are authorised in the store. */
  private async join(
    user: number,
    rooms: Int32Array,
    aclMisses: number,
    counter: RetryCounter,
  ): Promise<number> {
    const { layout, naming } = this.context;
    const userId = layout.userPrinBase + user;
    const resolved = new Set<number>();
    for (let k = 0; k < rooms.length; k += ROOM_SLOTS) {
      const guids = Array.from(rooms.subarray(k, k + ROOM_SLOTS), (r) => naming.roomGuid(r));
      const rows = await this.session.rows(
        STATEMENTS.resolveRooms,
        slotValues('g', guids),
        counter,
      );
      for (const row of rows) resolved.add(row.nodeID as number);
    }
    for (const room of rooms) {
      if (!resolved.has(layout.roomNodeBase + room)) {
        throw notFound(`room ${naming.roomGuid(room)} is not in this store`);
      }
    }
    const walked = rooms.subarray(0, Math.min(aclMisses, rooms.length));
    const permissions = new Map<number, bigint>();
    for (let k = 0; k < walked.length; k += ROOM_SLOTS) {
      const nodes = Array.from(walked.subarray(k, k + ROOM_SLOTS), (r) => layout.roomNodeBase + r);
      const rows = await this.session.rows(
        STATEMENTS.permissionWalk,
        { ...slotValues('r', nodes), userId },
        counter,
      );
      for (const [node, set] of permissionsByRoom(rows)) permissions.set(node, set);
    }
    const refused: string[] = [];
    let joined = 0;
    rooms.forEach((room, k) => {
      const allowed =
        k >= walked.length ||
        ((permissions.get(layout.roomNodeBase + room) ?? 0n) & JOIN_PERMISSION) !== 0n;
      if (!allowed) {
        refused.push(naming.roomGuid(room));
        return;
      }
      joined++;
      emitCompliance(this.context, ComplianceEventType.join, room, user, null, null);
    });
    if (refused.length > 0) throw refusedJoinError(naming, user, refused);
    return joined;
  }
}
