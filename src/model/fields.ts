import type {
  AssumptionInputs,
  DirectoryInputs,
  LimitInputs,
  PopulationInputs,
  RateInputs,
  RoomClassInputs,
} from './types.js';

/**
 * What each numeric model input may hold. Typed as `Record<keyof …>` so that a field added to
 * the model types cannot be forgotten here: validation, unknown-key detection and override
 * checks all read these tables.
 */
export interface FieldRule {
  /** Counts of users, rooms, groups, messages… must be whole. */
  integer: boolean;
  min: number;
  /** True when `min` itself is not allowed (a divisor, an interval). */
  minExclusive: boolean;
  max?: number;
}

const count = (min = 0, max?: number): FieldRule => ({
  integer: true,
  min,
  minExclusive: false,
  ...(max === undefined ? {} : { max }),
});
const amount = (min = 0): FieldRule => ({ integer: false, min, minExclusive: false });
const positive = (max?: number): FieldRule => ({
  integer: false,
  min: 0,
  minExclusive: true,
  ...(max === undefined ? {} : { max }),
});
const pct = (): FieldRule => ({ integer: false, min: 0, minExclusive: false, max: 100 });

export const POPULATION_RULES: Record<keyof PopulationInputs, FieldRule> = {
  provisionedUsers: count(1),
  concurrentUsers: count(1),
  endpointsPerUser: amount(1),
  subscribedContactsPerUser: count(),
};

export const ROOM_CLASS_RULES: Record<keyof RoomClassInputs, FieldRule> = {
  usersPerRoom: count(1),
  roomsPerUser: count(),
  openPct: pct(),
  auditoriumPct: pct(),
  directMembershipPct: pct(),
  groupsPerMembershipList: count(),
  managersPerRoom: count(),
  presentersPerAuditoriumRoom: count(),
  invitationPct: pct(),
  usersWithGroupAccess: count(),
  chatRatePerS: amount(),
  messagesPerRoomPerDay: amount(),
  messagesPerUserPerDay: amount(),
};

export const RATE_RULES: Record<keyof RateInputs, FieldRule> = {
  peakSigninsPerS: amount(),
  roomsJoinedPerUser: amount(),
  historyServerDefault: count(),
  historyClientRequest: count(),
  pollingParticipantsPerVisibleRoom: count(),
  pollingIntervalS: positive(),
  visibleRoomsPerUser: amount(),
  presenceChangesPerUserPerHour: amount(),
  workdayHours: positive(24),
  workdaysPerYear: count(1, 366),
};

export const DIRECTORY_RULES: Record<keyof DirectoryInputs, FieldRule> = {
  affiliationsPerUserMin: count(),
  affiliationsPerUserMax: count(),
  directoryGroups: count(),
  folderDepth: count(),
  foldersPerLevel: count(1),
};

export const LIMIT_RULES: Record<keyof LimitInputs, FieldRule> = {
  usersPerServer: count(1),
  maxActiveServersPerPool: count(1),
  maxConcurrentUsersPerPool: count(1),
  maxProvisionedUsersPerPool: count(1),
  maxEndpointsPerPool: count(1),
  maxAccessControlEntries: count(1),
  maxInvitations: count(1),
  messageSizeLimit: count(1),
  storySizeLimit: count(1),
  searchLimit: count(1),
  participantUpdateLimit: count(),
};

export const ASSUMPTION_RULES: Record<keyof AssumptionInputs, FieldRule> = {
  sessionRefreshIntervalS: positive(),
  historyPagesPerUserPerHour: amount(),
  searchesPerUserPerDay: amount(),
  messageSearchPct: pct(),
  storyPct: pct(),
  aclCacheMissPct: pct(),
  averageChatRowBytes: positive(),
};

/** The groups of plain numeric fields (room classes are keyed by class, handled apart). */
export const GROUP_RULES = {
  population: POPULATION_RULES,
  rates: RATE_RULES,
  directory: DIRECTORY_RULES,
  limits: LIMIT_RULES,
  assumptions: ASSUMPTION_RULES,
} as const;
export type NumericGroup = keyof typeof GROUP_RULES;
export const NUMERIC_GROUPS = Object.keys(GROUP_RULES) as NumericGroup[];

/** `must be between 0 and 100`, `must be a whole number of at least 1`, … */
export function expectation(rule: FieldRule): string {
  const kind = rule.integer ? 'a whole number ' : '';
  const lower = rule.minExclusive ? `greater than ${rule.min}` : `at least ${rule.min}`;
  if (rule.max === undefined) return `must be ${kind}${rule.integer ? 'of ' : ''}${lower}`;
  if (rule.minExclusive) return `must be ${kind}${lower} and at most ${rule.max}`;
  return `must be ${kind}between ${rule.min} and ${rule.max}`;
}

/** The problem with `value` under `rule`, or undefined when it fits. */
export function fieldProblem(value: unknown, rule: FieldRule): string | undefined {
  if (value === undefined)
    return `is missing (${expectation(rule).replace(/^must be/, 'expected')})`;
  if (typeof value !== 'number') return `must be a number (got ${describe(value)})`;
  if (!Number.isFinite(value)) return `must be a finite number (got ${value})`;
  const tooLow = rule.minExclusive ? value <= rule.min : value < rule.min;
  const tooHigh = rule.max !== undefined && value > rule.max;
  if (tooLow || tooHigh || (rule.integer && !Number.isInteger(value))) {
    return `${expectation(rule)} (got ${value})`;
  }
  return undefined;
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return `string '${value}'`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
