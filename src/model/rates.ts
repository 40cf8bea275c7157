import { type DeploymentModel } from './types.js';
import { ROOM_CLASSES, type RoomClass } from '../core/vocabulary.js';

/**
 * The two derivations every later stage needs: how many rooms each class has, and how often
 * each user action happens. The capacity tables (`plan.ts`) build on these.
 */

export type PerClass<T> = Record<RoomClass, T>;

export function perClass<T>(fn: (c: RoomClass) => T): PerClass<T> {
  return { small: fn('small'), medium: fn('medium'), large: fn('large') };
}

/** Seconds in the working day the daily chat-rate models spread over (8 h -> 28,800 s). */
export function workdaySeconds(model: DeploymentModel): number {
  return model.rates.workdayHours * 3600;
}

/**
 * Rooms per class as the published arithmetic computes them: connected users × rooms per user ÷
 * users per room, unrounded (80,000 × 2 ÷ 150 = 1,066.67). The published tables carry the
 * fractions through (e.g. 1,066.67 × 3 % open = 32) and round only when printing.
 */
export function exactRoomCounts(model: DeploymentModel): PerClass<number> {
  return perClass((c) => {
    const rc = model.roomClasses[c];
    return (model.population.concurrentUsers * rc.roomsPerUser) / rc.usersPerRoom;
  });
}

/**
 * Whole rooms per class for a concrete store: the exact count rounded, and never fewer rooms than
 * a user belongs to (a user cannot be in 2 distinct rooms of a class that has only 1).
 */
export function wholeRoomCounts(model: DeploymentModel): PerClass<number> {
  const exact = exactRoomCounts(model);
  return perClass((c) => {
    const rpu = model.roomClasses[c].roomsPerUser;
    if (rpu === 0) return 0;
    return Math.max(Math.round(exact[c]), Math.ceil(rpu));
  });
}

/** Rooms each user belongs to, all classes (documented: 16). */
export function roomsPerUser(model: DeploymentModel): number {
  return ROOM_CLASSES.reduce((sum, c) => sum + model.roomClasses[c].roomsPerUser, 0);
}

/**
 * How often each user action happens, per second, at 1× (the workload multiplies by --scale).
 * Documented: sign-ins (peak join rate) and posts per room class. Derived: joins of rooms beyond
 * the followed ones (rooms joined per user − rooms per user, over the working day) and the parts
 * that balance them; sign-outs balance sign-ins so the connected population stays level.
 * Assumed (AssumptionInputs): history paging, searches, session refreshes.
 */
export interface ActionRates {
  signin: number;
  signout: number;
  post: PerClass<number>;
  browseJoin: number;
  part: number;
  history: number;
  search: number;
  refresh: number;
}

export function actionRates(model: DeploymentModel): ActionRates {
  const users = model.population.concurrentUsers;
  const day = workdaySeconds(model);
  const extraJoinsPerUser = Math.max(0, model.rates.roomsJoinedPerUser - roomsPerUser(model));
  const browseJoin = (users * extraJoinsPerUser) / day;
  return {
    signin: model.rates.peakSigninsPerS,
    signout: model.rates.peakSigninsPerS,
    post: perClass((c) => model.roomClasses[c].chatRatePerS),
    browseJoin,
    part: browseJoin,
    history: (users * model.assumptions.historyPagesPerUserPerHour) / 3600,
    search: (users * model.assumptions.searchesPerUserPerDay) / day,
    refresh: users / model.assumptions.sessionRefreshIntervalS,
  };
}
