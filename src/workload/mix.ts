/**
 * The model's action mix at 1×, and the transactions per second per operation that the generator
 * turns that mix into (the documented requirement results carry and tests check against).
 */
import { actionRates, roomsPerUser } from '../model/rates.js';
import { type DeploymentModel } from '../model/types.js';
import { type ActionStream } from './types.js';
import { ROOM_CLASSES } from '../core/vocabulary.js';
import { OPS, type OpName } from '../core/vocabulary.js';

/**
 * One stream per action of the mix: posts per room class, sign-in, sign-out, browse joins, parts,
 * history paging, searches and session refreshes. Streams with a zero rate are left out, so every
 * stream has a finite inter-arrival time. (The model has no separate invitation stream: clients
 * read invitations at sign-in.)
 */
export function modelStreams(model: DeploymentModel): ActionStream[] {
  const rates = actionRates(model);
  const streams: ActionStream[] = [
    ...ROOM_CLASSES.map((c) => ({
      action: 'post' as const,
      roomClass: c,
      ratePerS: rates.post[c],
    })),
    { action: 'signin', roomClass: null, ratePerS: rates.signin },
    { action: 'signout', roomClass: null, ratePerS: rates.signout },
    { action: 'join', roomClass: null, ratePerS: rates.browseJoin },
    { action: 'part', roomClass: null, ratePerS: rates.part },
    { action: 'history', roomClass: null, ratePerS: rates.history },
    { action: 'search', roomClass: null, ratePerS: rates.search },
    { action: 'refresh', roomClass: null, ratePerS: rates.refresh },
  ];
  return streams.filter((s) => s.ratePerS > 0);
}

/**
 * Transactions one sign-in produces, by operation: INVITE, getserverinfo and getassociations ×2
 * (signin); bjoin plus one bccontext per room (join); getinv (invites).
 */
export function signinTransactions(model: DeploymentModel): {
  signin: number;
  join: number;
  invites: number;
} {
  return { signin: 4, join: 1 + roomsPerUser(model), invites: 1 };
}

/** Transactions per second per operation at 1× for the model's mix. */
export function expectedTxPerS(model: DeploymentModel): Record<OpName, number> {
  const out = Object.fromEntries(OPS.map((op) => [op, 0])) as Record<OpName, number>;
  const perSignin = signinTransactions(model);
  for (const stream of modelStreams(model)) {
    const r = stream.ratePerS;
    switch (stream.action) {
      case 'signin':
        out.signin += r * perSignin.signin;
        out.join += r * perSignin.join;
        out.invites += r * perSignin.invites;
        break;
      case 'join':
        // A browse join is INFO join and its history read (bccontext).
        out.join += 2 * r;
        break;
      default:
        out[stream.action] += r;
    }
  }
  return out;
}
