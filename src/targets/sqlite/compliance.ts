/**
 * Writes compliance events into the SQLite `mgccomp` tables (the values: `../compliance-rows.ts`),
 * one transaction per call (the queue hands over batches).
 */
import type Database from 'better-sqlite3';
import { complianceWrite } from '../compliance-rows.js';
import type { ComplianceEvent, TargetContext } from '../types.js';
import type { ComplianceStatements } from './statements.js';
import type { WriteLock } from './write-lock.js';

export function complianceWriter(
  db: Database.Database,
  statements: ComplianceStatements,
  context: TargetContext,
  /** Distinguishes this chat-service session's participant rows (tblComplianceParticipant). */
  sessionId: bigint,
  writeLock: WriteLock | null,
): (events: readonly ComplianceEvent[]) => void {
  const write = db.transaction((events: readonly ComplianceEvent[]) => {
    const entryDate = new Date(context.unixNow()).toISOString();
    for (const event of events) {
      const write = complianceWrite(event, context);
      if (write.kind === 'data') {
        statements.insertComplianceData.run(entryDate, ...write.values);
      } else if (write.kind === 'join') {
        statements.insertParticipant.run(...write.values, sessionId);
      } else if (write.channelUri === null) {
        statements.partAllRooms.run(write.partedAt, write.userId);
      } else {
        statements.partRoom.run(write.partedAt, write.channelUri, write.userId);
      }
    }
  }).immediate;
  return writeLock === null ? write : (events) => writeLock.run(() => write(events));
}
