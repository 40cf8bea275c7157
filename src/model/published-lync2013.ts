import type { PerClass } from './rates.js';
import type {
  Cells,
  PlanColumn,
  PublishedCells,
  PublishedInconsistency,
  PublishedValue,
} from './plan-types.js';

/**
 * The figures Microsoft's Lync Server 2013 planning documents print (reference:
 * lync2013-user-model.md), keyed by plan row id, exactly as printed, so `chatload plan` can
 * show them beside the arithmetic. Nothing here is computed except the two "published
 * arithmetic" checks, which redo the documents' own sums on their own figures.
 */

/** A printed figure: `'1,067'`, `'55.56'`, `'3%'`, `'~0.15'`; precision from its decimals. */
function p(printed: string, value?: number, step?: number): PublishedValue {
  const digits = printed.replace(/[~,%\s]/g, '');
  const decimals = digits.includes('.') ? (digits.split('.')[1] as string).length : 0;
  return { value: value ?? Number(digits), step: step ?? 10 ** -decimals, printed };
}

function cls(small: string, medium: string, large: string, total?: string): PublishedCells {
  return {
    small: p(small),
    medium: p(medium),
    large: p(large),
    ...(total ? { total: p(total) } : {}),
  };
}

const one = (printed: string, value?: number, step?: number): PublishedCells => ({
  total: p(printed, value, step),
});

export const PUBLISHED_LYNC2013: Readonly<Record<string, PublishedCells>> = {
  // Pool maximum capacity sample; performance user model.
  'pool.concurrentUsers': one('80,000'),
  'pool.provisionedUsers': one('150,000'),
  'pool.endpointsPerUser': one('1.5'),
  'pool.endpoints': one('120,000'),
  'pool.serversNeeded': one('4'),

  // Chat room access sample.
  'rooms.usersPerRoom': cls('30', '150', '16,000'),
  'rooms.roomsPerUser': cls('12', '2', '2', '16'),
  'rooms.all': cls('32,000', '1,067', '10', '33,077'),
  'rooms.openPct': cls('3%', '3%', '50%'),
  'rooms.open': cls('960', '32', '5', '997'),
  'rooms.nonOpen': {
    small: p('31,040'),
    medium: p('1.035', 1035, 1),
    large: p('5'),
    total: p('32,080'),
  },
  'rooms.auditoriumPct': cls('1%', '1%', '50%'),
  'rooms.auditorium': cls('0', '32', '5'),
  'rooms.directMembershipPct': cls('50%', '10%', '0%'),
  'rooms.groupMembershipPct': cls('50%', '90%', '100%'),
  'access.usersPerList': cls('30', '150', '16,000'),
  'access.groupsPerList': cls('3', '5', '10'),
  'access.managersPerRoom': cls('6', '6', '6'),
  'access.presentersPerRoom': cls('6', '6', '6'),
  // The table prints "–" for large rooms: none are managed by direct membership.
  'access.userEntities': { small: p('465,600'), medium: p('15,520'), large: p('–', 0, 1) },
  'access.groupEntities': cls('46,560', '4,656', '50'),
  'access.presenterEntities': cls('0', '192', '50'),
  'access.managerEntities': cls('192,000', '6,400', '60'),
  'access.ace': cls('704,160', '26,768', '160', '731,088'),
  'access.aceLimit': one('2,000,000'),

  // The access table's second block, an alternative set of membership figures.
  'alternative.usersPerRoom': cls('30', '150', '16,000'),
  'alternative.roomsPerUser': cls('12', '2', '2', '16'),
  'alternative.groupsPerList': cls('10', '10', '15'),
  'alternative.groupManagedPct': cls('50%', '50%', '50%'),
  'alternative.groupEntities': cls('155,200', '5,173', '68'),
  'alternative.userEntities': cls('465,600', '77,600', '72,000'),
  'alternative.listMembersPerRoom': cls('6', '6', '6'),
  'alternative.listEntities': cls('192,000', '6,400', '60'),

  // Invitations sample.
  'invitations.usersPerRoom': cls('30', '150', '16,000'),
  'invitations.pct': cls('50%', '50%', '50%'),
  'invitations.rooms': cls('16,000', '533', '5'),
  'invitations.usersWithGroupAccess': cls('60', '225', '16,000'),
  'invitations.invitations': cls('960,000', '120,000', '80,000', '1,160,000'),
  'invitations.limit': one('2,000,000'),

  // Chat rate models and the performance user model.
  'chat.perfModel': cls('22.22', '1.67', '~0.15', '24'),
  'chat.model1PerRoomPerDay': cls('50', '500', '100', '650'),
  'chat.model1PerS': cls('55.56', '18.52', '0.03', '74'),
  'chat.model2PerUserPerDay': cls('15', '5', '0.1', '20'),
  'chat.model2PerRoomPerDay': cls('38', '375', '800', '1,213'),
  'chat.model2PerS': cls('41.67', '13.89', '0.28', '56'),
  'activity.peakSignins': one('10'),
  'activity.roomsJoinedPerUser': one('24'),
  'activity.visibleRoomsPerUser': one('2.25'),
  'activity.pollingPerS': one('15,000'),
  'activity.presenceChangesPerS': one('133.33'),

  // The derived store-growth figures printed with the performance model.
  'growth.messagesPerDay': one('~691,200', 691_200, 1),
  'growth.messagesPerYear': one('~173 million', 173_000_000, 1_000_000),
};

/**
 * The access table's second block uses membership inputs of its own (groups per list 10 / 10 /
 * 15, half the rooms managed by user groups) that the model does not have; its rows are
 * recomputed from these and the model's non-open rooms.
 */
export const ALTERNATIVE_MEMBERSHIP_INPUTS: {
  groupsPerMembershipList: PerClass<number>;
  groupManagedPct: PerClass<number>;
} = {
  groupsPerMembershipList: { small: 10, medium: 10, large: 15 },
  groupManagedPct: { small: 50, medium: 50, large: 50 },
};

/** The documents' working day for the per-second chat figures: 8 hours. */
const PUBLISHED_WORKDAY_S = 8 * 3600;

const ACE_PARTS = [
  'access.userEntities',
  'access.groupEntities',
  'access.managerEntities',
  'access.presenterEntities',
];

/**
 * ACEs summed from the published entity rows: user-based + group-based + managers +
 * auditorium presenters. It reproduces the published 704,160 / 26,768 / 160 = 731,088, which
 * shows the formula is the documents' own even where their inputs disagree.
 */
export function publishedAceCheck(): Cells {
  const cells: Cells = {};
  for (const c of ['small', 'medium', 'large'] as const) {
    cells[c] = ACE_PARTS.reduce((sum, id) => sum + publishedValue(id, c), 0);
  }
  cells.total = (cells.small ?? 0) + (cells.medium ?? 0) + (cells.large ?? 0);
  return cells;
}

/** Messages a day from the published total chat rate: 24/s × 28,800 s = 691,200. */
export function publishedMessagesPerDayCheck(): Cells {
  return { total: publishedValue('chat.perfModel', 'total') * PUBLISHED_WORKDAY_S };
}

function publishedValue(rowId: string, column: PlanColumn): number {
  const value = PUBLISHED_LYNC2013[rowId]?.[column]?.value;
  if (value === undefined) throw new Error(`no published ${column} value for ${rowId}`);
  return value;
}

/** The published tables' internal inconsistencies, as the plan footnotes them. */
export const PUBLISHED_INCONSISTENCIES: readonly PublishedInconsistency[] = [
  {
    id: 'auditorium-rooms',
    kind: 'contradiction',
    rows: ['rooms.auditorium', 'access.presenterEntities', 'access.ace'],
    summary: 'auditorium rooms 0 / 32 / 5 contradict the published 1 % / 1 % / 50 %',
    explanation:
      '1 % of 32,000 small rooms is 320 and 1 % of 1,066.67 medium rooms is 10.67, but the table ' +
      'prints 0 and 32 (32 is the 3 % open share of medium rooms). Its presenter entities follow ' +
      'its own room counts (32 × 6 = 192), so the ACEs differ too: from the inputs 706,080 / ' +
      '26,640 / 140 = 732,860, published 704,160 / 26,768 / 160 = 731,088. The published ' +
      'arithmetic check row sums the published entity rows and gets 731,088 exactly.',
  },
  {
    id: 'auditorium-entities-large',
    kind: 'contradiction',
    rows: ['access.presenterEntities', 'access.ace'],
    summary: 'large auditorium entities 50 ≠ 5 rooms × 6 presenters = 30',
    explanation:
      'The table has 5 large auditorium rooms and 6 users and groups in each presenter list, ' +
      'which is 30 entities; it prints 50, and its large ACE total (160) includes the 50.',
  },
  {
    id: 'non-open-medium-typo',
    kind: 'typo',
    rows: ['rooms.nonOpen'],
    summary: "medium non-open rooms printed '1.035' for 1,035",
    explanation: '1,066.67 medium rooms less 32 open ones is 1,034.67, i.e. 1,035; it matches.',
  },
  {
    id: 'alternative-large-rooms',
    kind: 'contradiction',
    rows: ['alternative.groupEntities', 'alternative.userEntities'],
    summary: 'large 68 and 72,000 imply 4.5 non-open large rooms, not 5',
    explanation:
      "72,000 = 4.5 × 16,000 users and 68 ≈ 4.5 × 15 groups; with the access table's 5 non-open " +
      "large rooms and the block's own 50 % group-managed, the figures are 5 × 50 % × 15 = 37.5 " +
      'and 5 × 50 % × 16,000 = 40,000.',
  },
  {
    id: 'alternative-all-rooms',
    kind: 'label',
    rows: ['alternative.groupEntities', 'alternative.userEntities'],
    summary: "'all rooms' figures are computed over non-open rooms",
    explanation:
      '155,200 = 31,040 non-open small rooms × 50 % × 10 groups and 465,600 = 31,040 × 50 % × 30 ' +
      'users; over all 32,000 small rooms they would be 160,000 and 480,000.',
  },
  {
    id: 'chat-rate-total-rounding',
    kind: 'rounding',
    rows: ['chat.perfModel', 'growth.messagesPerDay'],
    summary: '22.22 + 1.67 + 0.15 = 24.04 messages/s, printed as 24',
    explanation:
      'The total chat rate is rounded to 24/s, and the store-growth figure 691,200 messages a ' +
      'day is 24 × 28,800 s; the per-class rates give 24.04 × 28,800 = 692,352. The published ' +
      'arithmetic check row reproduces 691,200 from the rounded total.',
  },
  {
    id: 'model2-user-total-rounding',
    kind: 'rounding',
    rows: ['chat.model2PerUserPerDay'],
    summary: '15 + 5 + 0.1 = 20.1 messages per user per day, printed as 20',
    explanation: 'The model 2 total is rounded to a whole number; it matches at that precision.',
  },
];
