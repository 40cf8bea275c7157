/**
 * The compliance store `mgccomp` (mgc-schema.md §1.5) as published, and `chatload_meta`, the
 * table that marks a database as one chatload created. Compliance rows refer to `mgc` objects
 * (chatId, prinID, serverID) across databases, so those references are not foreign keys.
 */
import {
  bigint,
  chatloadIndex,
  datetime2,
  fk,
  int,
  nn,
  nul,
  nvarchar,
  smalldatetime,
  type TableDef,
} from './types.js';

export const COMPLIANCE_TABLES: readonly TableDef[] = [
  {
    name: 'tblComplianceData',
    store: 'mgccomp',
    description: 'compliance events (chat, backchat, file) not yet handed to the adapter',
    columns: [
      { ...nn('cmplEventID', bigint), identity: true },
      nn('entryDate', smalldatetime),
      nn('cmplType', int),
      nn('cmplTime', bigint),
      nn('cmplChannelUri', nvarchar(255)),
      nul('cmplChatID', bigint),
      nn('cmplUserID', int),
      nn('cmplUserUri', nvarchar(255)),
      nul('cmplMessage', nvarchar('max')),
    ],
    primaryKey: ['cmplEventID'],
    foreignKeys: [],
    indexes: [],
    notes: ['How cmplEventID is generated is unpublished: chatload lets the database assign it.'],
  },
  {
    name: 'tblComplianceFanout',
    store: 'mgccomp',
    description: 'which compliance servers have processed which event',
    columns: [nul('fanoutEventID', int), nul('fanoutServerID', int)],
    primaryKey: null,
    foreignKeys: [fk(['fanoutEventID'], 'tblComplianceData', ['cmplEventID'])],
    indexes: [],
    notes: [
      'fanoutEventID is int while cmplEventID is bigint: copied as published, mismatch noted.',
      'No key is published.',
    ],
  },
  {
    name: 'tblComplianceParticipant',
    store: 'mgccomp',
    description: 'who is in which room, per server, from join/part events',
    columns: [
      nn('channelUri', nvarchar(255)),
      nn('userId', int),
      nn('joinedAt', bigint),
      nul('partedAt', bigint),
      nn('userUri', nvarchar(255)),
      nul('serverID', int),
      nul('sessionId', bigint),
    ],
    primaryKey: ['channelUri', 'userId', 'joinedAt'],
    foreignKeys: [],
    indexes: [
      chatloadIndex(
        'IX_tblComplianceParticipant_user',
        ['userId', 'partedAt'],
        false,
        "sign-out parts all of a user's rooms at once; the PK leads with the room",
      ),
    ],
    notes: [],
  },
  {
    name: 'tblComplianceState',
    store: 'mgccomp',
    description: 'pool-wide compliance progress and lock',
    columns: [
      nn('lastProcessedEntryID', bigint),
      nn('activeServerID', int),
      nn('lockExpirationTime', datetime2),
    ],
    primaryKey: null,
    foreignKeys: [],
    indexes: [],
    notes: ['No key is published (a single-row table [inferred]); activeServerID -1 = unlocked.'],
  },
];

/**
 * chatload's mark on a store it created: key/value rows (schema version, world fingerprint, tool
 * version, creation time, which stores, completion). A database with Persistent Chat tables and
 * without this table is someone else's and is never written to.
 */
export const META_TABLE: TableDef = {
  name: 'chatload_meta',
  store: 'mgc',
  description: 'marks a store as created by chatload (not part of the published schema)',
  columns: [nn('metaKey', nvarchar(64)), nn('metaValue', nvarchar('max'))],
  primaryKey: ['metaKey'],
  foreignKeys: [],
  indexes: [],
  notes: ['Created in every database chatload provisions, whichever store it holds.'],
};
