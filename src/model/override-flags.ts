import { InputError } from '../core/errors.js';
import { parseWholeNumber } from '../core/whole-number.js';
import { mergeOverrides } from './overrides.js';
import { type DeploymentModel, type ModelOverrides, type RoomClassInputs } from './types.js';
import { fieldPath, modelProblems } from './validate.js';
import { ROOM_CLASSES, type RoomClass } from '../core/vocabulary.js';

/**
 * The model-override flags shared by commands that take a model (`plan`, `provision`), as
 * commander hands them over: raw strings, the per-class flags repeatable.
 */
export interface ModelFlagValues {
  /**
   * `--users N`: concurrent users; provisioned users follow in the base model's ratio, and the
   * sign-in and chat rates in proportion to N (unless `--join-rate` / `--chat-rate` say otherwise).
   */
  users?: string | undefined;
  /** `--provisioned N`: provisioned users. */
  provisioned?: string | undefined;
  /** `--rooms-per-user small=12,medium=2` (repeatable). */
  roomsPerUser?: readonly string[] | undefined;
  /**
   * `--users-per-room large=8000` (repeatable); the users who can access a room through groups
   * scale with it.
   */
  usersPerRoom?: readonly string[] | undefined;
  /** `--chat-rate small=30`: messages per second over all rooms of the class (repeatable). */
  chatRate?: readonly string[] | undefined;
  /** `--join-rate 20`: users signing in per second at peak. */
  joinRate?: string | undefined;
}

export const MODEL_FLAG_NAMES: Record<keyof ModelFlagValues, string> = {
  users: '--users',
  provisioned: '--provisioned',
  roomsPerUser: '--rooms-per-user',
  usersPerRoom: '--users-per-room',
  chatRate: '--chat-rate',
  joinRate: '--join-rate',
};

type Kind = 'whole' | 'positiveWhole' | 'decimal';

/**
 * Turns the flags into overrides of `base`, named after the flags given
 * (`lync2013 (users=20000, rooms-per-user.small=80)`). Bad values throw an InputError naming
 * the flag. `--users` alone scales provisioned users in the base's ratio (150,000 : 80,000 for
 * lync2013), so the population keeps its documented shape.
 */
export function parseModelFlags(base: DeploymentModel, flags: ModelFlagValues): ModelOverrides {
  const overrides: ModelOverrides = {};
  const labels: string[] = [];
  const users = single(flags, 'users', 'positiveWhole');
  const provisioned = single(flags, 'provisioned', 'positiveWhole');
  if (users !== undefined || provisioned !== undefined) {
    const ratio = base.population.provisionedUsers / base.population.concurrentUsers;
    overrides.population = {
      ...(users === undefined ? {} : { concurrentUsers: users }),
      provisionedUsers: provisioned ?? Math.round((users as number) * ratio),
    };
    if (users !== undefined) labels.push(`users=${users}`);
    if (provisioned !== undefined) labels.push(`provisioned=${provisioned}`);
  }
  const joinRate = single(flags, 'joinRate', 'decimal');
  if (joinRate !== undefined) {
    overrides.rates = { peakSigninsPerS: joinRate };
    labels.push(`join-rate=${joinRate}`);
  }
  if (users !== undefined)
    scaleRatesWithUsers(base, users / base.population.concurrentUsers, overrides);
  const perClassFlags = [
    ['roomsPerUser', 'roomsPerUser', 'whole'],
    ['usersPerRoom', 'usersPerRoom', 'positiveWhole'],
    ['chatRate', 'chatRatePerS', 'decimal'],
  ] as const;
  for (const [flag, field, kind] of perClassFlags) {
    const values = classMap(flags, flag, kind);
    for (const [c, value] of values) {
      const fields: Partial<RoomClassInputs> = { [field]: value };
      if (field === 'usersPerRoom') {
        // Group membership widens access by a class-specific factor (30 -> 60 users for
        // small rooms); resizing the room keeps that factor.
        const rc = base.roomClasses[c];
        fields.usersWithGroupAccess = Math.round(
          (rc.usersWithGroupAccess * value) / rc.usersPerRoom,
        );
      }
      overrides.roomClasses = {
        ...overrides.roomClasses,
        [c]: { ...overrides.roomClasses?.[c], ...fields },
      };
      labels.push(`${MODEL_FLAG_NAMES[flag].slice(2)}.${c}=${value}`);
    }
  }
  if (labels.length > 0) {
    overrides.name = `${base.name} (${labels.join(', ')})`;
    overrides.description = `${base.description}; overridden: ${labels.join(', ')}`;
  }
  return overrides;
}

/**
 * The sign-in and chat rates of a model are the documented per-user behaviour applied to its
 * population (80,000 users: 10 sign-ins/s, 24 messages/s): a deployment of another size signs
 * in and posts in proportion. Rates given by their own flag (set before this runs) stay as given.
 */
function scaleRatesWithUsers(base: DeploymentModel, factor: number, overrides: ModelOverrides) {
  overrides.rates = {
    peakSigninsPerS: base.rates.peakSigninsPerS * factor,
    ...overrides.rates,
  };
  for (const c of ROOM_CLASSES) {
    overrides.roomClasses = {
      ...overrides.roomClasses,
      [c]: {
        chatRatePerS: base.roomClasses[c].chatRatePerS * factor,
        ...overrides.roomClasses?.[c],
      },
    };
  }
}

/**
 * `base` with the flags applied, validated. When the flags parse but the model they produce is
 * invalid (`--users 500` leaves large rooms of 16,000 users), the error names the model field
 * and the hint names the flags.
 */
export function modelFromFlags(base: DeploymentModel, flags: ModelFlagValues): DeploymentModel {
  const overrides = parseModelFlags(base, flags);
  const model = {
    ...mergeOverrides(base, overrides),
    name: overrides.name ?? base.name,
    description: overrides.description ?? base.description,
  };
  const problem = modelProblems(model)[0];
  if (problem !== undefined) {
    const rooms = problem.path.startsWith('roomClasses.')
      ? ' (--users-per-room and --rooms-per-user size the rooms to the users)'
      : '';
    throw new InputError(fieldPath('model', problem.path), problem.problem, {
      hint: `The flags ${flagsText(flags)} give an invalid ${base.name} model; adjust them${rooms}.`,
    });
  }
  return model;
}

/** The flags as typed, for messages: `--users 500 --rooms-per-user small=80`. */
export function flagsText(flags: ModelFlagValues): string {
  const parts: string[] = [];
  for (const key of Object.keys(MODEL_FLAG_NAMES) as (keyof ModelFlagValues)[]) {
    const value = flags[key];
    const values = typeof value === 'string' ? [value] : (value ?? []);
    for (const v of values) parts.push(`${MODEL_FLAG_NAMES[key]} ${v}`);
  }
  return parts.join(' ');
}

function single(
  flags: ModelFlagValues,
  key: 'users' | 'provisioned' | 'joinRate',
  kind: Kind,
): number | undefined {
  const text = flags[key];
  return text === undefined ? undefined : parseValue(text, kind, MODEL_FLAG_NAMES[key]);
}

function classMap(
  flags: ModelFlagValues,
  key: 'roomsPerUser' | 'usersPerRoom' | 'chatRate',
  kind: Kind,
): Map<RoomClass, number> {
  const flag = MODEL_FLAG_NAMES[key];
  const values = new Map<RoomClass, number>();
  for (const entry of (flags[key] ?? []).flatMap((text) => text.split(','))) {
    const match = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(entry);
    if (match === null) {
      throw new InputError(
        flag,
        `expected CLASS=VALUE entries such as small=12,medium=2 (got '${entry}')`,
      );
    }
    const name = match[1] as string;
    if (!(ROOM_CLASSES as readonly string[]).includes(name)) {
      throw new InputError(flag, `unknown room class '${name}' (expected small, medium or large)`);
    }
    const c = name as RoomClass;
    if (values.has(c)) throw new InputError(flag, `room class '${c}' is given more than once`);
    values.set(c, parseValue(match[2] as string, kind, `${flag} ${c}`));
  }
  return values;
}

function parseValue(text: string, kind: Kind, where: string): number {
  if (kind !== 'decimal') {
    return parseWholeNumber(where, text, { min: kind === 'positiveWhole' ? 1 : 0 });
  }
  if (!/^\d+(\.\d+)?$/.test(text.trim())) {
    throw new InputError(where, `must be a number of at least 0 (e.g. 12 or 0.5) (got '${text}')`);
  }
  return Number(text.trim());
}
