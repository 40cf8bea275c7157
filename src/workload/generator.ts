/**
 * The deterministic transaction generator: expands user actions into the SIP requests a
 * Persistent Chat client sends (sip-xccos.md §6), appended to a TxBatch in compact form. Same
 * seed and same sequence of emit() calls give byte-identical batches. No strings are built here.
 *
 * Who signs in: the users who follow rooms (users 0 .. concurrentUsers - 1; see world.ts). When
 * all of them are connected, a sign-in is a connected user's client reconnecting (a new dialog
 * replaces its old one, as after a network change), so sign-ins at the published peak rate stay
 * possible with the whole concurrent population online.
 *
 * Invariants: only online users act; a user holds at most one dialog; CSeq increases along a
 * dialog; posters are online followers currently in the room, and in auditorium rooms presenters.
 */
import { AliasTable, Random } from '../core/random.js';
import { actionRates } from '../model/rates.js';
import { type DeploymentModel } from '../model/types.js';
import { ensureBatchCapacity } from './batch.js';
import { signinTransactions } from './mix.js';
import { Association, RoomFlag, SearchKind, type TxBatch, type World } from './types.js';
import { RoomChoice } from './room-choice.js';
import { UserState } from './user-state.js';
import { ROOM_CLASSES, type RoomClass } from '../core/vocabulary.js';
import {
  ACTIONS,
  type ActionKind,
  Command,
  Method,
  NO_ROOM_CLASS,
  Op,
} from '../core/vocabulary.js';

export interface GeneratorOptions {
  seed: number;
  /**
   * Who is signed in when the run starts. `concurrent`: the model's concurrent users, as if they
   * had signed in before the run (dialogs open, in all their rooms, invitations read);
   * `none`: nobody (sign-ins come first).
   * @default 'concurrent'
   */
  initiallyOnline?: 'concurrent' | 'none';
}

/** History paging goes back k pages with probability 2^-k; deeper than this is cut off. */
const MAX_HISTORY_PAGES = 40;
const NO_ROOM = -1;

export class TransactionGenerator {
  private readonly random: Random;
  private readonly state: UserState;
  private readonly choice: RoomChoice;
  private readonly postClass: AliasTable;
  private readonly historyCount: number;
  private readonly aclMissP: number;
  private readonly messageSearchP: number;
  private readonly impossibleByAction = new Float64Array(ACTIONS.length);
  private nextDialog = 0;

  constructor(
    private readonly world: World,
    model: DeploymentModel,
    options: GeneratorOptions,
  ) {
    this.random = new Random(options.seed).fork('generator');
    this.state = new UserState(world);
    this.choice = new RoomChoice(world, this.state, this.random);
    const rates = actionRates(model);
    // Posts without a room class are spread like the model's posts (tiny floor: no zero weights).
    this.postClass = new AliasTable(ROOM_CLASSES.map((c) => rates.post[c] + Number.MIN_VALUE));
    this.historyCount = model.rates.historyClientRequest;
    this.aclMissP = model.assumptions.aclCacheMissPct / 100;
    this.messageSearchP = model.assumptions.messageSearchPct / 100;
    if ((options.initiallyOnline ?? 'concurrent') === 'concurrent') this.signInConcurrent(model);
  }

  /** Actions that found nothing to act on (e.g. a post with nobody online), per action. */
  impossibleCounts(): Record<ActionKind, number> {
    const counts = ACTIONS.map((a, i) => [a, this.impossibleByAction[i] as number]);
    return Object.fromEntries(counts) as Record<ActionKind, number>;
  }

  get onlineUsers(): number {
    return this.state.online;
  }

  isOnline(user: number): boolean {
    return this.state.isOnline(user);
  }

  /**
   * Appends the transactions of one action (growing `out` if needed) and returns how many; 0 when
   * the action is impossible right now, which is counted. Only the first transaction carries
   * `intendedAt`; the rest carry NaN (each waits for its predecessor's reply). `roomClass` picks
   * the class a post goes to; without it, a class is drawn in proportion to the model's rates.
   */
  emit(action: ActionKind, intendedAt: number, out: TxBatch, roomClass?: RoomClass): number {
    const before = out.count;
    switch (action) {
      case 'signin':
        this.signin(intendedAt, out);
        break;
      case 'signout':
        this.signout(intendedAt, out);
        break;
      case 'refresh':
        this.refresh(intendedAt, out);
        break;
      case 'invites':
        this.invites(intendedAt, out);
        break;
      case 'post':
        this.post(intendedAt, out, roomClass);
        break;
      case 'join':
        this.browseJoin(intendedAt, out);
        break;
      case 'part':
        this.part(intendedAt, out);
        break;
      case 'history':
        this.history(intendedAt, out);
        break;
      case 'search':
        this.search(intendedAt, out);
        break;
    }
    const emitted = out.count - before;
    if (emitted === 0) {
      const index = ACTIONS.indexOf(action);
      this.impossibleByAction[index] = (this.impossibleByAction[index] as number) + 1;
    }
    return emitted;
  }

  /** Appends one request of the user's dialog (next CSeq); the caller ensured capacity. */
  private row(
    out: TxBatch,
    user: number,
    op: number,
    method: number,
    command: number,
    room: number,
    at: number,
  ): number {
    const i = out.count++;
    out.op[i] = op;
    out.method[i] = method;
    out.command[i] = command;
    out.roomClass[i] = room === NO_ROOM ? NO_ROOM_CLASS : (this.world.roomClass[room] as number);
    out.user[i] = user;
    out.room[i] = room;
    out.dialog[i] = this.state.dialog[user] as number;
    out.cseq[i] = this.state.nextCseq(user);
    out.intendedAt[i] = at;
    out.arg0[i] = 0;
    out.arg1[i] = 0;
    out.listStart[i] = out.listUsed;
    out.listLength[i] = 0;
    return i;
  }

  /** An INFO carrying one XCCOS command, with its arguments. */
  private info(
    out: TxBatch,
    user: number,
    op: number,
    command: number,
    room: number,
    at: number,
    arg0 = 0,
    arg1 = 0,
  ): number {
    const i = this.row(out, user, op, Method.INFO, command, room, at);
    out.arg0[i] = arg0;
    out.arg1[i] = arg1;
    return i;
  }

  /** Invitations the user holds: one per inviting room whose audience it is in. */
  private invitationsOf(user: number): number {
    const { start, items } = this.world.userAudience;
    let n = 0;
    for (let i = start[user] as number; i < (start[user + 1] as number); i++) {
      if (((this.world.roomFlags[items[i] as number] as number) & RoomFlag.invitations) !== 0) n++;
    }
    return n;
  }

  /**
   * The users who sign in are all online from the start, their sign-in sequence already done:
   * CSeq continues after it, and the invitations of their rooms are read. The provisioner is
   * expected to number a user's invitations 1..k, so `k` is the last invitation seen.
   */
  private signInConcurrent(model: DeploymentModel): void {
    const count = this.state.users;
    const users = this.random.shuffle(Int32Array.from({ length: count }, (_, i) => i));
    const perSignin = signinTransactions(model);
    const { start } = this.world.userRooms;
    for (let p = 0; p < count; p++) {
      const user = users[p] as number;
      this.state.signIn(user, this.nextDialog++);
      const rooms = (start[user + 1] as number) - (start[user] as number);
      this.state.cseq[user] = perSignin.signin + 2 + rooms;
      this.state.lastInviteSeen[user] = this.invitationsOf(user);
    }
  }

  /**
   * The sign-in sequence of sip-xccos.md §6: INVITE, getserverinfo, getassociations (member,
   * manager), one bjoin of all the user's rooms, a history read per room, getinv.
   */
  private signin(intendedAt: number, out: TxBatch): void {
    if (this.state.users === 0) return;
    let user: number;
    if (this.state.offline > 0) {
      user = this.state.randomOffline(this.random);
    } else {
      user = this.state.randomOnline(this.random);
      this.state.signOut(user);
    }
    const { start, items } = this.world.userRooms;
    const first = start[user] as number;
    const rooms = (start[user + 1] as number) - first;
    ensureBatchCapacity(out, rooms + 6, rooms);
    this.state.signIn(user, this.nextDialog++);
    this.row(out, user, Op.signin, Method.INVITE, Command.none, NO_ROOM, intendedAt);
    this.info(out, user, Op.signin, Command.getserverinfo, NO_ROOM, NaN);
    this.info(out, user, Op.signin, Command.getassociations, NO_ROOM, NaN, Association.member);
    this.info(out, user, Op.signin, Command.getassociations, NO_ROOM, NaN, Association.manager);
    let misses = 0;
    for (let k = 0; k < rooms; k++) if (this.random.next() < this.aclMissP) misses++;
    const bjoin = this.info(out, user, Op.join, Command.bjoin, NO_ROOM, NaN, misses);
    out.list.set(items.subarray(first, first + rooms), out.listUsed);
    out.listLength[bjoin] = rooms;
    out.listUsed += rooms;
    for (let k = 0; k < rooms; k++) {
      this.info(
        out,
        user,
        Op.join,
        Command.bccontext,
        items[first + k] as number,
        NaN,
        this.historyCount,
      );
    }
    this.info(
      out,
      user,
      Op.invites,
      Command.getinv,
      NO_ROOM,
      NaN,
      this.state.lastInviteSeen[user] as number,
    );
    this.state.lastInviteSeen[user] = this.invitationsOf(user);
  }

  private signout(intendedAt: number, out: TxBatch): void {
    if (this.state.online === 0) return;
    const user = this.state.randomOnline(this.random);
    ensureBatchCapacity(out, 1);
    this.row(out, user, Op.signout, Method.BYE, Command.none, NO_ROOM, intendedAt);
    this.state.signOut(user);
  }

  /** Session refresh (RFC 4028 UPDATE) inside the user's dialog. */
  private refresh(intendedAt: number, out: TxBatch): void {
    if (this.state.online === 0) return;
    const user = this.state.randomOnline(this.random);
    ensureBatchCapacity(out, 1);
    this.row(out, user, Op.refresh, Method.UPDATE, Command.none, NO_ROOM, intendedAt);
  }

  /** A lone getinv: asks for invitations newer than the last one seen, then has seen them all. */
  private invites(intendedAt: number, out: TxBatch): void {
    if (this.state.online === 0) return;
    const user = this.state.randomOnline(this.random);
    ensureBatchCapacity(out, 1);
    const lastSeen = this.state.lastInviteSeen[user] as number;
    this.info(out, user, Op.invites, Command.getinv, NO_ROOM, intendedAt, lastSeen);
    this.state.lastInviteSeen[user] = this.invitationsOf(user);
  }

  private post(intendedAt: number, out: TxBatch, roomClass: RoomClass | undefined): void {
    const code =
      roomClass === undefined ? this.postClass.draw(this.random) : ROOM_CLASSES.indexOf(roomClass);
    if (!this.choice.poster(code)) return;
    ensureBatchCapacity(out, 1);
    const { user, room } = this.choice;
    const message = this.random.int(this.world.naming.messageCount);
    this.info(out, user, Op.post, Command.grpchat, room, intendedAt, message);
  }

  /** INFO join of a room the user may enter, then its history read. */
  private browseJoin(intendedAt: number, out: TxBatch): void {
    if (!this.choice.browseJoin()) return;
    const { user, room } = this.choice;
    ensureBatchCapacity(out, 2);
    const aclMiss = this.random.next() < this.aclMissP ? 1 : 0;
    this.info(out, user, Op.join, Command.join, room, intendedAt, aclMiss);
    this.info(out, user, Op.join, Command.bccontext, room, NaN, this.historyCount);
  }

  private part(intendedAt: number, out: TxBatch): void {
    if (!this.choice.roomIn()) return;
    ensureBatchCapacity(out, 1);
    this.info(out, this.choice.user, Op.part, Command.part, this.choice.room, intendedAt);
    this.state.leave(this.choice.location);
  }

  /** Scrolling back: k pages behind the newest, k >= 1 with probability 2^-k (capped). */
  private history(intendedAt: number, out: TxBatch): void {
    if (!this.choice.roomIn()) return;
    let pages = 1;
    while (pages < MAX_HISTORY_PAGES && this.random.next() < 0.5) pages++;
    ensureBatchCapacity(out, 1);
    const { user, room } = this.choice;
    const count = this.historyCount;
    this.info(out, user, Op.history, Command.bccontext, room, intendedAt, count, pages * count);
  }

  /** Room-name search, or (messageSearchPct %) a message search in one of the user's rooms. */
  private search(intendedAt: number, out: TxBatch): void {
    if (this.state.online === 0) return;
    const user = this.state.randomOnline(this.random);
    const term = this.random.int(this.world.naming.searchTermCount);
    const { start, items } = this.world.userRooms;
    const memberships = (start[user + 1] as number) - (start[user] as number);
    const inRoom = memberships > 0 && this.random.next() < this.messageSearchP;
    const room = inRoom
      ? (items[(start[user] as number) + this.random.int(memberships)] as number)
      : NO_ROOM;
    const kind = inRoom ? SearchKind.messages : SearchKind.rooms;
    ensureBatchCapacity(out, 1);
    this.info(out, user, Op.search, Command.chansrch, room, intendedAt, term, kind);
  }
}
