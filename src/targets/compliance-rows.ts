/**
 * What a compliance event writes to the compliance store (semantics: `command-semantics.ts`),
 * as the values of the published columns, in their order: every target runs its own statements
 * with these values. Events name world indexes; rows carry prinIDs and URIs.
 */
import { ALL_ROOMS, complianceDataType, serverOfUser } from './command-semantics.js';
import { SIMULATED_SERVERS } from './store-rows.js';
import { ComplianceEventType, type ComplianceEvent, type TargetContext } from './types.js';

/** tblComplianceData's values after entryDate (the writer's now). */
export type ComplianceDataValues = [
  cmplType: number,
  cmplTime: bigint,
  cmplChannelUri: string,
  cmplChatID: bigint | null,
  cmplUserID: number,
  cmplUserUri: string,
  cmplMessage: string | null,
];

/** tblComplianceParticipant's values of a join; partedAt is NULL, sessionId the writer's. */
export type ParticipantValues = [
  channelUri: string,
  userId: number,
  joinedAt: bigint,
  userUri: string,
  serverID: number,
];

export type ComplianceWrite =
  | { kind: 'data'; values: ComplianceDataValues }
  | { kind: 'join'; values: ParticipantValues }
  /** Closes the user's open participation in the room, or in every room when channelUri is null. */
  | { kind: 'part'; partedAt: bigint; channelUri: string | null; userId: number };

export function complianceWrite(
  event: ComplianceEvent,
  { naming, layout }: Pick<TargetContext, 'naming' | 'layout'>,
): ComplianceWrite {
  const userId = layout.userPrinBase + event.user;
  const cmplType = complianceDataType(event.type);
  if (cmplType !== null) {
    return {
      kind: 'data',
      values: [
        cmplType,
        event.ticks,
        naming.roomUri(event.room),
        event.chatId,
        userId,
        naming.userUri(event.user),
        event.message,
      ],
    };
  }
  if (event.type === ComplianceEventType.join) {
    return {
      kind: 'join',
      values: [
        naming.roomUri(event.room),
        userId,
        event.ticks,
        naming.userUri(event.user),
        serverOfUser(event.user, SIMULATED_SERVERS),
      ],
    };
  }
  return {
    kind: 'part',
    partedAt: event.ticks,
    channelUri: event.room === ALL_ROOMS ? null : naming.roomUri(event.room),
    userId,
  };
}
