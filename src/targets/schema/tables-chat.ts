/**
 * `mgc` invitations, chat, client support (mgc-schema.md §1.2) and server support (§1.4) as
 * published.
 */
import {
  bigint,
  bit,
  datetime,
  datetime2,
  fk,
  int,
  nn,
  nul,
  nvarchar,
  uniqueidentifier,
  varchar,
  type TableDef,
} from './types.js';

/** Invitations, chat history and client support, in foreign-key order. */
export const CHAT_TABLES: readonly TableDef[] = [
  {
    name: 'tblPrincipalInvites',
    store: 'mgc',
    description: 'pending invitations of users to rooms whose auto-invite is on',
    columns: [nn('prinID', int), nn('invID', int), nn('nodeID', int), nn('createdOn', datetime)],
    primaryKey: ['prinID', 'nodeID'],
    foreignKeys: [
      fk(['prinID'], 'tblPrincipal', ['prinID']),
      fk(['nodeID'], 'tblNode', ['nodeID']),
    ],
    indexes: [],
    notes: [],
  },
  {
    name: 'tblChat',
    store: 'mgc',
    description: 'every chat message',
    columns: [
      nn('channelId', int),
      nn('chatId', bigint),
      nn('chatDate', bigint),
      nn('userId', int),
      nn('isAlert', bit),
      nn('content', nvarchar('max')),
      nul('rtf', varchar('max')),
    ],
    primaryKey: ['channelId', 'chatId'],
    foreignKeys: [],
    indexes: [],
    notes: [
      'The PK is published truncated as <channelID, chatD>; read as (channelId, chatId).',
      'No index on chatDate, userId or content is published: searches scan.',
    ],
  },
  {
    name: 'tblLastInviteId',
    store: 'mgc',
    description: 'per-principal counter: the last invID handed out',
    columns: [nn('prinID', int), nn('lastInviteID', int)],
    primaryKey: ['prinID'],
    foreignKeys: [fk(['prinID'], 'tblPrincipal', ['prinID'])],
    indexes: [],
    notes: [],
  },
  {
    name: 'tblLastChatId',
    store: 'mgc',
    description: 'per-room counter: the last chatId handed out',
    columns: [nn('nodeID', int), nn('lastChatID', bigint)],
    primaryKey: ['nodeID', 'lastChatID'],
    foreignKeys: [fk(['nodeID'], 'tblNode', ['nodeID'])],
    indexes: [],
    notes: [
      'PK (nodeID, lastChatID) as published: every post updates a key column, and a faithful ' +
        'copy pays for that.',
    ],
  },
  {
    name: 'tblPreference',
    store: 'mgc',
    description: 'client preferences of pre-Lync-2013 clients',
    columns: [
      nn('prefLabel', nvarchar(255)),
      nn('prefSeqID', int),
      nul('prefContent', nvarchar('max')),
      nn('lastModifiedBy', int),
    ],
    primaryKey: ['prefLabel', 'prefSeqID'],
    foreignKeys: [],
    indexes: [],
    notes: [],
  },
  {
    name: 'tblFileToken',
    store: 'mgc',
    description: 'short-lived file upload/download tokens',
    columns: [
      nn('fileToken', nvarchar(50)),
      nn('fileTokenUserID', int),
      nn('fileTokenChannelID', uniqueidentifier),
      nn('fileTokenExpireDate', datetime),
      nul('fileTokenComplianceFileUrl', nvarchar(256)),
      nul('fileTokenComplianceThumbnailUrl', nvarchar(256)),
      nul('fileTokenComplianceTime', datetime2),
      nul('fileTokenComplianceIsUpload', bit),
      nn('fileTokenCompliancePinned', bit),
    ],
    primaryKey: ['fileToken'],
    foreignKeys: [fk(['fileTokenChannelID'], 'tblNode', ['nodeGuid'])],
    indexes: [],
    notes: ['The room is referenced by nodeGuid, not nodeID.'],
  },
];

/** Chat-server support: pool identity, leases, revisions, configuration. */
export const SERVER_TABLES: readonly TableDef[] = [
  {
    name: 'tblServerIdentity',
    store: 'mgc',
    description: 'the chat servers active in the pool',
    columns: [
      nn('serverID', int),
      nn('serverAddress', nvarchar(256)),
      nul('serverLastPingTime', datetime),
    ],
    primaryKey: ['serverID'],
    foreignKeys: [],
    indexes: [],
    notes: [],
  },
  {
    name: 'tblAdminLock',
    store: 'mgc',
    description: 'lease that serialises certain admin commands',
    columns: [nn('lockExpiresTime', datetime), nn('lockServerID', int), nn('lockActorID', int)],
    primaryKey: null,
    foreignKeys: [],
    indexes: [],
    notes: ['No key is published (a single-row table [inferred]).'],
  },
  {
    name: 'tblSystemRevision',
    store: 'mgc',
    description: 'revision counter that keeps servers and admin clients consistent',
    columns: [nn('sysRevision', bigint)],
    primaryKey: null,
    foreignKeys: [],
    indexes: [],
    notes: ['No key is published (a single-row table [inferred]).'],
  },
  {
    name: 'tblActivePeers',
    store: 'mgc',
    description: 'peer-to-peer links between chat services',
    columns: [nn('aplServerID', int), nn('aplPeerID', int)],
    primaryKey: ['aplServerID', 'aplPeerID'],
    foreignKeys: [
      fk(['aplServerID'], 'tblServerIdentity', ['serverID']),
      fk(['aplPeerID'], 'tblServerIdentity', ['serverID']),
    ],
    indexes: [],
    notes: [],
  },
  {
    name: 'tblConfig',
    store: 'mgc',
    description: "the pool's single configuration row",
    columns: [
      nn('configLabel', nvarchar(255)),
      nul('configContent', nvarchar('max')),
      nn('configPoolID', uniqueidentifier),
    ],
    primaryKey: ['configLabel'],
    foreignKeys: [],
    indexes: [],
    notes: ["configLabel is always 'pool'."],
  },
];
