/**
 * Writes compliance events into the SQLite `mgccomp` tables, one transaction per call (the queue
 * hands over batches). Events name world indexes; rows carry prinIDs and URIs.
 */
import type Database from 'better-sqlite3';
import { ALL_ROOMS, complianceDataType, serverOfUser } from '../command-semantics.js';
import { SIMULATED_SERVERS } from '../store-rows.js';
import { ComplianceEventType, type ComplianceEvent, type TargetContext } from '../types.js';
import type { ComplianceStatements } from './statements.js';

export function complianceWriter(
  db: Database.Database,
  statements: ComplianceStatements,
  context: TargetContext,
  /** Distinguishes this chat-service session's participant rows (tblComplianceParticipant). */
  sessionId: bigint,
): (events: readonly ComplianceEvent[]) => void {
  const { naming, layout } = context;
  return db.transaction((events: readonly ComplianceEvent[]) => {
    const entryDate = new Date(context.unixNow()).toISOString();
    for (const event of events) {
      const prinId = layout.userPrinBase + event.user;
      const dataType = complianceDataType(event.type);
      if (dataType !== null) {
        statements.insertComplianceData.run(
          entryDate,
          dataType,
          event.ticks,
          naming.roomUri(event.room),
          event.chatId,
          prinId,
          naming.userUri(event.user),
          event.message,
        );
      } else if (event.type === ComplianceEventType.join) {
        statements.insertParticipant.run(
          naming.roomUri(event.room),
          prinId,
          event.ticks,
          naming.userUri(event.user),
          serverOfUser(event.user, SIMULATED_SERVERS),
          sessionId,
        );
      } else if (event.room === ALL_ROOMS) {
        statements.partAllRooms.run(event.ticks, prinId);
      } else {
        statements.partRoom.run(event.ticks, naming.roomUri(event.room), prinId);
      }
    }
  }).immediate;
}
