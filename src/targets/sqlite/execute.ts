/**
 * Runs a TxBatch against the SQLite chat store: one SIP transaction at a time, the SQL its
 * command calls for (semantics: `../command-semantics.ts`), timed on the run clock, failures
 * classified per transaction without stopping the batch.
 */
import type Database from 'better-sqlite3';
import {
  messageOf,
  TargetError,
  TargetErrorKind,
  type TargetErrorKindName,
} from '../../core/errors.js';
import { msToTicks } from '../../core/ticks.js';
import { SearchKind, type TxBatch, type BatchOutcome } from '../../workload/types.js';
import {
  ALL_ROOMS,
  CONFIG_LABEL,
  emitCompliance,
  JOIN_PERMISSION,
  notFound,
  refusedJoinError,
  SEARCH_LIMIT,
} from '../command-semantics.js';
import { RoleTypeId, Visibility } from '../schema/fixed-rows.js';
import { emptyOutcome } from '../outcome.js';
import type { TargetContext } from '../types.js';
import { ComplianceEventType } from '../types.js';
import { classifySqliteError } from './errors.js';
import { containsPattern, type ChatStatements } from './statements.js';
import type { WriteLock } from './write-lock.js';
import { Command, Method } from '../../core/vocabulary.js';

export class SqliteExecutor {
  private readonly post: (room: number, user: number, message: number) => bigint;

  constructor(
    db: Database.Database,
    private readonly statements: ChatStatements,
    private readonly context: TargetContext,
    writeLock: WriteLock | null,
  ) {
    // IMMEDIATE takes the write lock up front: two connections that both read first and then
    // write would otherwise deadlock on the upgrade (SQLITE_BUSY despite the busy timeout).
    const postTransaction = db.transaction((room: number, user: number, message: number) => {
      const next = statements.nextChatId.get(room) as { lastChatID: bigint } | undefined;
      if (next === undefined) throw notFound(`room node ${room} has no tblLastChatId row`);
      statements.insertChat.run(
        room,
        next.lastChatID,
        msToTicks(this.context.unixNow()),
        user,
        0,
        this.context.naming.message(message),
      );
      return next.lastChatID;
    });
    this.post =
      writeLock === null
        ? (room, user, message) => postTransaction.immediate(room, user, message)
        : (room, user, message) =>
            writeLock.run(() => postTransaction.immediate(room, user, message));
  }

  execute(batch: TxBatch): BatchOutcome {
    const outcome = emptyOutcome(batch.count);
    const sampled = new Set<TargetErrorKindName>();
    for (let i = 0; i < batch.count; i++) {
      outcome.startedAt[i] = this.context.runClock();
      try {
        outcome.rows[i] = this.run(batch, i);
      } catch (error) {
        const kind = classifySqliteError(error);
        outcome.errorKind[i] = TargetErrorKind[kind];
        if (!sampled.has(kind)) {
          sampled.add(kind);
          outcome.errorSamples.push({
            index: i,
            kind: TargetErrorKind[kind],
            message: messageOf(error),
          });
        }
      }
      outcome.endedAt[i] = this.context.runClock();
    }
    return outcome;
  }

  private run(batch: TxBatch, i: number): number {
    const user = batch.user[i] as number;
    const room = batch.room[i] as number;
    switch (batch.method[i]) {
      case Method.INVITE:
        return this.resolveUser(user);
      case Method.BYE:
        emitCompliance(this.context, ComplianceEventType.part, ALL_ROOMS, user, null, null);
        return 0;
      case Method.UPDATE:
        return 0;
      default:
        return this.runCommand(batch, i, user, room);
    }
  }

  private runCommand(batch: TxBatch, i: number, user: number, room: number): number {
    const { layout } = this.context;
    const prinId = layout.userPrinBase + user;
    const arg0 = batch.arg0[i] as number;
    const arg1 = batch.arg1[i] as number;
    const s = this.statements;
    switch (batch.command[i]) {
      case Command.getserverinfo:
        return s.serverInfo.all(CONFIG_LABEL, layout.rootNodeId).length;
      case Command.getassociations:
        return s.associations.all(arg0 === 1 ? RoleTypeId.manager : RoleTypeId.member, prinId)
          .length;
      case Command.bjoin: {
        const start = batch.listStart[i] as number;
        const rooms = batch.list.subarray(start, start + (batch.listLength[i] as number));
        return this.join(user, rooms, arg0);
      }
      case Command.join:
        return this.join(user, Int32Array.of(room), arg0);
      case Command.bccontext: {
        const node = layout.roomNodeBase + room;
        const rows = s.historyPage.all(node, node, arg1, arg0).length;
        emitCompliance(this.context, ComplianceEventType.backchat, room, user, null, null);
        return rows;
      }
      case Command.grpchat: {
        const chatId = this.post(layout.roomNodeBase + room, prinId, arg0);
        emitCompliance(
          this.context,
          ComplianceEventType.chat,
          room,
          user,
          chatId,
          this.context.naming.message(arg0),
        );
        return 1;
      }
      case Command.part:
        emitCompliance(this.context, ComplianceEventType.part, room, user, null, null);
        return 0;
      case Command.chansrch: {
        const pattern = containsPattern(this.context.naming.searchTerm(arg0));
        if (arg1 === SearchKind.messages) {
          return s.searchMessages.all(layout.roomNodeBase + room, pattern, SEARCH_LIMIT).length;
        }
        return s.searchRooms.all(pattern, Visibility.open, prinId, SEARCH_LIMIT).length;
      }
      case Command.getinv:
        return s.invitations.all(prinId, arg0).length;
      default:
        throw new TargetError('unknown', `command code ${batch.command[i]} has no SQL`);
    }
  }

  private resolveUser(user: number): number {
    const uri = this.context.naming.userUri(user);
    if (this.statements.resolveUser.get(uri) === undefined) {
      throw notFound(`user ${uri} is not provisioned (or disabled) in this store`);
    }
    return 1;
  }

  /** Resolves each room; the first `aclMisses` are authorised in the store. */
  private join(user: number, rooms: Int32Array, aclMisses: number): number {
    const { layout, naming } = this.context;
    const prinId = layout.userPrinBase + user;
    const refused: string[] = [];
    let joined = 0;
    rooms.forEach((room, k) => {
      const guid = naming.roomGuid(room);
      const node = this.statements.resolveRoom.get(guid) as { nodeID: number } | undefined;
      if (node === undefined) throw notFound(`room ${guid} is not in this store`);
      if (k < aclMisses) {
        const { grants } = this.statements.grantsWithPermission.get(
          node.nodeID,
          prinId,
          JOIN_PERMISSION,
        ) as {
          grants: number;
        };
        if (grants === 0) {
          refused.push(guid);
          return;
        }
      }
      joined++;
      emitCompliance(this.context, ComplianceEventType.join, room, user, null, null);
    });
    if (refused.length > 0) throw refusedJoinError(naming, user, refused);
    return joined;
  }
}
