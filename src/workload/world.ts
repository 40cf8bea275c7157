/**
 * The simulated organisation built from a model and a seed: users, rooms, memberships, roles,
 * groups and the directory, all in typed arrays and CSR lists.
 *
 * Population (see audience.ts): the published arithmetic builds rooms from the users connected
 * at once (80,000 × 12 ÷ 30 = 32,000 small rooms), so the users who sign in are the first
 * concurrentUsers of the provisioned users, and each follows exactly roomsPerUser rooms of each
 * class (12 / 2 / 2); every non-open room's membership list holds exactly usersPerRoom users
 * (30 / 150 / 16,000) or groupsPerMembershipList groups (3 / 5 / 10). The other provisioned
 * users (70,000 of 150,000) never sign in: they are in the directory, in the groups that give
 * group-managed rooms their published reach (60 / 225 / 16,000 users with access) and in those
 * rooms' invitations.
 *
 * Open rooms have followers too, who join them at sign-in; the store writes membership grants
 * only for non-open rooms (an open room lets everyone in through the domain's grant).
 */
import { InputError } from '../core/errors.js';
import { Random } from '../core/random.js';
import { wholeRoomFlags } from '../model/store-figures.js';
import { type DeploymentModel } from '../model/types.js';
import { type Corpus, buildCorpus } from './corpus.js';
import {
  DirectoryGroups,
  assignRoomCategories,
  assignUserFolders,
  buildFolderTree,
  categoryCount,
} from './directory.js';
import { worldFingerprint } from './fingerprint.js';
import { buildAudience, dealFollowers } from './audience.js';
import { joinRows, transposeCsr } from './membership.js';
import { type CorpusNaming, DEFAULT_DOMAIN, createNaming } from './naming.js';
import { type ClassRooms, assignRoomFlags, partitionRoomGroups, pickRoomRoles } from './rooms.js';
import { type ClassRange, type Csr, type IdLayout, RoomFlag, type World } from './types.js';
import { ROOM_CLASSES, type RoomClass } from '../core/vocabulary.js';

export interface WorldOptions {
  seed: number;
  /** SIP domain of users and rooms. @default 'corp.example' */
  domain?: string;
  /** A corpus already built from the same seed and model (e.g. received by a worker). */
  corpus?: Corpus;
}

export class SimulatedWorld implements World {
  readonly seed: number;
  readonly modelName: string;
  readonly fingerprint: string;
  readonly naming: CorpusNaming;
  readonly layout: IdLayout;
  readonly users: number;
  readonly concurrentUsers: number;
  readonly rooms: number;
  readonly categories: number;
  readonly folders: number;
  readonly directoryGroups: number;
  readonly roomGroups: number;
  readonly roomClass: Uint8Array;
  readonly roomFlags: Uint8Array;
  readonly roomCategory: Int32Array;
  readonly folderParent: Int32Array;
  readonly userFolder: Int32Array;
  readonly roomMembers: Csr;
  readonly userRooms: Csr;
  readonly roomAudience: Csr;
  readonly userAudience: Csr;
  readonly roomManagers: Csr;
  readonly roomPresenters: Csr;
  readonly roomGroupsOfRoom: Csr;
  readonly roomGroupMembers: Csr;
  readonly classRanges: Record<RoomClass, ClassRange>;
  /** Folders above each user (the folder chain in its affiliations). */
  readonly folderDepth: number;
  /** Most directory groups any user can have: size of the `out` array for directoryGroupsOf. */
  readonly maxDirectoryGroupsPerUser: number;
  private readonly groupsOfUsers: DirectoryGroups;

  constructor(model: DeploymentModel, options: WorldOptions) {
    const seed = options.seed >>> 0;
    const domain = options.domain ?? DEFAULT_DOMAIN;
    const random = new Random(seed).fork('world');
    if (options.corpus !== undefined && options.corpus.seed !== seed) {
      throw new InputError(
        'corpus',
        `built from seed ${options.corpus.seed}, but the world's seed is ${seed}`,
      );
    }
    const corpus =
      options.corpus ??
      buildCorpus(seed, {
        storyPct: model.assumptions.storyPct,
        messageSizeLimit: model.limits.messageSizeLimit,
        storySizeLimit: model.limits.storySizeLimit,
      });
    this.seed = seed;
    this.modelName = model.name;
    this.naming = createNaming(seed, domain, corpus);
    this.fingerprint = worldFingerprint(model, seed, this.naming.domain, corpus);
    this.users = model.population.provisionedUsers;
    this.concurrentUsers = model.population.concurrentUsers;

    const whole = wholeRoomFlags(model);
    const classes: ClassRooms[] = [];
    let base = 0;
    for (const c of ROOM_CLASSES) {
      classes.push({ base, count: whole[c].rooms, inputs: model.roomClasses[c], whole: whole[c] });
      base += whole[c].rooms;
    }
    this.rooms = base;
    this.classRanges = {
      small: classes[0] as ClassRooms,
      medium: classes[1] as ClassRooms,
      large: classes[2] as ClassRooms,
    };
    this.roomClass = new Uint8Array(this.rooms);
    classes.forEach((cls, code) => this.roomClass.fill(code, cls.base, cls.base + cls.count));

    this.roomFlags = assignRoomFlags(classes, this.rooms, random.fork('flags'));
    const signingIn = Math.min(this.concurrentUsers, this.users);
    const followed = ROOM_CLASSES.map((c, code) =>
      dealFollowers(
        classes[code] as ClassRooms,
        this.roomFlags,
        signingIn,
        wholeRoomsPerUser(model, c),
        random.fork(`members:${c}`),
      ),
    );
    this.userRooms = joinRows(this.users, followed);
    this.roomMembers = transposeCsr(this.userRooms, this.rooms);
    this.roomAudience = buildAudience(
      classes,
      this.roomMembers,
      this.roomFlags,
      signingIn,
      this.users,
      random.fork('audience'),
    );
    this.userAudience = transposeCsr(this.roomAudience, this.users);

    const roles = pickRoomRoles(classes, this.roomMembers, this.roomFlags, random.fork('roles'));
    this.roomManagers = roles.managers;
    this.roomPresenters = roles.presenters;
    const grouping = partitionRoomGroups(
      classes,
      this.roomAudience,
      this.roomFlags,
      random.fork('groups'),
    );
    this.roomGroupsOfRoom = grouping.groupsOfRoom;
    this.roomGroupMembers = grouping.groupMembers;
    this.roomGroups = grouping.groups;

    const tree = buildFolderTree(model.directory.folderDepth, model.directory.foldersPerLevel);
    this.folders = tree.parent.length;
    this.folderParent = tree.parent;
    this.folderDepth = tree.leaves === 0 ? 0 : tree.depth;
    this.userFolder = assignUserFolders(this.users, tree, random.fork('folders'));
    this.categories = categoryCount(this.rooms);
    this.roomCategory = assignRoomCategories(
      this.rooms,
      this.categories,
      random.fork('categories'),
    );

    this.directoryGroups = model.directory.directoryGroups;
    const { affiliationsPerUserMin: min, affiliationsPerUserMax: max } = model.directory;
    this.groupsOfUsers = new DirectoryGroups(
      seed,
      this.directoryGroups,
      min,
      max,
      1 + this.folderDepth,
    );
    this.maxDirectoryGroupsPerUser = Math.min(
      this.directoryGroups,
      Math.max(0, max - 1 - this.folderDepth),
    );
    this.layout = idLayout(this.folders, this.directoryGroups, this.roomGroups, this.categories);
  }

  /** Room-membership groups the user is in: one per group-managed room it can access. */
  roomGroupCountOf(user: number): number {
    let n = 0;
    const { start, items } = this.userAudience;
    for (let i = start[user] as number; i < (start[user + 1] as number); i++) {
      if (((this.roomFlags[items[i] as number] as number) & RoomFlag.groupManaged) !== 0) n++;
    }
    return n;
  }

  directoryGroupsOf(user: number, out: Int32Array): number {
    return this.groupsOfUsers.write(user, this.roomGroupCountOf(user), out);
  }

  ancestorCount(user: number): number {
    const roomGroups = this.roomGroupCountOf(user);
    return 1 + this.folderDepth + roomGroups + this.groupsOfUsers.count(user, roomGroups);
  }

  affiliationCount(user: number): number {
    return 1 + this.ancestorCount(user);
  }
}

function wholeRoomsPerUser(model: DeploymentModel, c: RoomClass): number {
  const perUser = model.roomClasses[c].roomsPerUser;
  if (!Number.isInteger(perUser) || perUser < 0) {
    throw new InputError(
      `model.roomClasses.${c}.roomsPerUser`,
      `${perUser} is not a whole number of rooms (a simulated user belongs to whole rooms)`,
    );
  }
  return perUser;
}

/** Dense, arithmetic id ranges: principals system, domain, folders, groups, users; nodes root, categories, rooms. */
function idLayout(
  folders: number,
  directoryGroups: number,
  roomGroups: number,
  categories: number,
): IdLayout {
  const folderPrinBase = 3;
  const directoryGroupPrinBase = folderPrinBase + folders;
  const roomGroupPrinBase = directoryGroupPrinBase + directoryGroups;
  return {
    systemUserPrinId: 1,
    domainPrinId: 2,
    folderPrinBase,
    directoryGroupPrinBase,
    roomGroupPrinBase,
    userPrinBase: roomGroupPrinBase + roomGroups,
    rootNodeId: 1,
    categoryNodeBase: 2,
    roomNodeBase: 2 + categories,
  };
}

/** The world of a validated model. Same model, seed and domain give the same world. */
export function buildWorld(model: DeploymentModel, options: WorldOptions): SimulatedWorld {
  return new SimulatedWorld(model, options);
}
