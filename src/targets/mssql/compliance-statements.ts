/**
 * The T-SQL of the compliance store writes (semantics: `../command-semantics.ts`): chat and
 * backchat events into tblComplianceData, joins into tblComplianceParticipant, parts as an
 * UPDATE of partedAt.
 *
 * Inserts go as multi-row VALUES lists. A list's length is a power of two up to
 * {@link MAX_ROWS_PER_INSERT} and a batch of n events is sent as the binary decomposition of n
 * (37 = 32 + 4 + 1): at most eight statement texts exist, so the server caches eight plans, and
 * a batch costs a handful of round trips instead of one per event. 128 rows × 7 parameters stays
 * far below SQL Server's 2,100 parameters per request.
 */
import { p, statement, type ParamSpec, type TsqlStatement } from './tsql.js';

export const MAX_ROWS_PER_INSERT = 128;

/** Powers of two, largest first, that add up to n (the chunk sizes a batch is sent in). */
export function chunkSizes(n: number): number[] {
  const sizes: number[] = [];
  let left = n;
  while (left >= MAX_ROWS_PER_INSERT) {
    sizes.push(MAX_ROWS_PER_INSERT);
    left -= MAX_ROWS_PER_INSERT;
  }
  for (let size = MAX_ROWS_PER_INSERT / 2; size >= 1; size /= 2) {
    if (left >= size) {
      sizes.push(size);
      left -= size;
    }
  }
  return sizes;
}

function rowsOf(
  rows: number,
  columns: ParamSpec[],
  literals: (row: number) => string[],
): {
  values: string;
  params: ParamSpec[];
} {
  const lines: string[] = [];
  const params: ParamSpec[] = [];
  for (let row = 0; row < rows; row++) {
    const names = columns.map((c) => `${c.name}${row}`);
    params.push(...columns.map((c, i) => p(names[i] as string, c.type)));
    lines.push(`(${[...literals(row), ...names.map((n) => `@${n}`)].join(', ')})`);
  }
  return { values: lines.join(',\n       '), params };
}

/** Per-row parameters of a tblComplianceData insert, in VALUES order after entryDate. */
export const DATA_COLUMNS: ParamSpec[] = [
  p('type', 'int'),
  p('time', 'bigint'),
  p('channel', 'nvarchar(255)'),
  p('chat', 'bigint'),
  p('user', 'int'),
  p('userUri', 'nvarchar(255)'),
  p('message', 'nvarchar(max)'),
];

const dataCache = new Map<number, TsqlStatement>();

/** INSERT of `rows` compliance events; cmplEventID is IDENTITY, entryDate the server's UTC now. */
export function insertComplianceData(rows: number): TsqlStatement {
  let cached = dataCache.get(rows);
  if (cached === undefined) {
    const { values, params } = rowsOf(rows, DATA_COLUMNS, () => ['GETUTCDATE()']);
    cached = statement(
      `compliance: insert ${rows} tblComplianceData`,
      `
INSERT INTO dbo.tblComplianceData
       (entryDate, cmplType, cmplTime, cmplChannelUri, cmplChatID, cmplUserID, cmplUserUri, cmplMessage)
VALUES ${values};`,
      params,
    );
    dataCache.set(rows, cached);
  }
  return cached;
}

/** Per-row parameters of a tblComplianceParticipant insert (partedAt is NULL: still joined). */
export const PARTICIPANT_COLUMNS: ParamSpec[] = [
  p('channel', 'nvarchar(255)'),
  p('user', 'int'),
  p('time', 'bigint'),
  p('userUri', 'nvarchar(255)'),
  p('server', 'int'),
];

const participantCache = new Map<number, TsqlStatement>();

/**
 * INSERT of `rows` joins, all from one chat-service session (@session, the writer's sessionId).
 * A join repeated at the same tick is the same participation (the PK is room, user, joinedAt):
 * the NOT EXISTS keeps the first one instead of failing the whole batch. The caller removes
 * duplicates within one list.
 */
export function insertParticipants(rows: number): TsqlStatement {
  let cached = participantCache.get(rows);
  if (cached === undefined) {
    const { values, params } = rowsOf(rows, PARTICIPANT_COLUMNS, () => []);
    cached = statement(
      `compliance: insert ${rows} tblComplianceParticipant`,
      `
INSERT INTO dbo.tblComplianceParticipant (channelUri, userId, joinedAt, partedAt, userUri, serverID, sessionId)
SELECT v.channelUri, v.userId, v.joinedAt, NULL, v.userUri, v.serverID, @session
FROM (VALUES ${values}) AS v (channelUri, userId, joinedAt, userUri, serverID)
WHERE NOT EXISTS (SELECT 1
                  FROM dbo.tblComplianceParticipant AS cp
                  WHERE cp.channelUri = v.channelUri AND cp.userId = v.userId AND cp.joinedAt = v.joinedAt);`,
      [...params, p('session', 'bigint')],
    );
    participantCache.set(rows, cached);
  }
  return cached;
}

/** PART of one room: closes the user's open participation there. */
export const PART_ROOM: TsqlStatement = statement(
  'compliance: part room',
  `
UPDATE dbo.tblComplianceParticipant
SET partedAt = @time
WHERE channelUri = @channel AND userId = @user AND partedAt IS NULL;`,
  [p('time', 'bigint'), p('channel', 'nvarchar(255)'), p('user', 'int')],
);

/** PART of every room (sign-out). */
export const PART_ALL_ROOMS: TsqlStatement = statement(
  'compliance: part all rooms',
  `
UPDATE dbo.tblComplianceParticipant
SET partedAt = @time
WHERE userId = @user AND partedAt IS NULL;`,
  [p('time', 'bigint'), p('user', 'int')],
);

/** Every compliance statement text chatload can send. */
export function complianceStatements(): TsqlStatement[] {
  const sizes = [MAX_ROWS_PER_INSERT];
  for (let size = MAX_ROWS_PER_INSERT / 2; size >= 1; size /= 2) sizes.push(size);
  return [
    ...sizes.map(insertComplianceData),
    ...sizes.map(insertParticipants),
    PART_ROOM,
    PART_ALL_ROOMS,
  ];
}
