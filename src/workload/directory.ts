/**
 * The directory around the chat rooms: the organisational-unit tree users live in, the room
 * categories, and the security groups that give each user the documented 100-200 ancestor
 * affiliations. Directory groups are derived per user from a hash, never stored.
 */
import { InputError } from '../core/errors.js';
import { type Random, combineSeeds, mix32 } from '../core/random.js';
import { gcd } from './numbers.js';
import { formatGrouped } from '../core/format.js';

/** Folder counts beyond this are a model mistake (the tree grows as perLevel^depth). */
const MAX_FOLDERS = 1_000_000;

/**
 * An OU tree `depth` levels deep in which every folder has `perLevel` children: level 1 holds
 * perLevel folders under the domain, level 2 perLevel² and so on (3 × 8 -> 8 + 64 + 512 = 584
 * folders, 512 leaves). Folders are numbered level by level.
 */
export interface FolderTree {
  parent: Int32Array;
  depth: number;
  leafBase: number;
  leaves: number;
}

export function buildFolderTree(depth: number, perLevel: number): FolderTree {
  let total = 0;
  let width = 1;
  for (let level = 1; level <= depth; level++) {
    width *= perLevel;
    total += width;
    if (total > MAX_FOLDERS) {
      throw new InputError(
        'directory.foldersPerLevel',
        `${perLevel} folders per level over ${depth} levels makes more than ${formatGrouped(MAX_FOLDERS)} folders`,
      );
    }
  }
  const parent = new Int32Array(total);
  let levelBase = 0;
  let levelWidth = perLevel;
  for (let level = 1; level <= depth; level++) {
    const parentBase = levelBase - levelWidth / perLevel;
    for (let i = 0; i < levelWidth; i++) {
      parent[levelBase + i] = level === 1 ? -1 : parentBase + Math.floor(i / perLevel);
    }
    levelBase += levelWidth;
    levelWidth *= perLevel;
  }
  const leaves = depth === 0 ? 0 : perLevel ** depth;
  return { parent, depth, leafBase: total - leaves, leaves };
}

/** Each user in one leaf folder, leaves filled evenly in random order; -1 without folders. */
export function assignUserFolders(users: number, tree: FolderTree, random: Random): Int32Array {
  const folder = new Int32Array(users).fill(-1);
  if (tree.leaves === 0) return folder;
  const order = random.shuffle(Int32Array.from({ length: users }, (_, i) => i));
  for (let p = 0; p < users; p++) folder[order[p] as number] = tree.leafBase + (p % tree.leaves);
  return folder;
}

/** About one category per 100 rooms (at least one); rooms spread evenly, at random. */
export function categoryCount(rooms: number): number {
  return Math.max(1, Math.ceil(rooms / 100));
}

export function assignRoomCategories(
  rooms: number,
  categories: number,
  random: Random,
): Int32Array {
  const category = new Int32Array(rooms);
  const order = random.shuffle(Int32Array.from({ length: rooms }, (_, i) => i));
  for (let p = 0; p < rooms; p++)
    category[order[p] as number] = Math.floor((p * categories) / rooms);
  return category;
}

/**
 * Per-user directory groups. A user's ancestors (domain + folder chain + room groups + directory
 * groups; the self row is not an ancestor) number a value drawn uniformly from [min, max] by
 * hashing (seed, user); the directory groups fill the difference. They are an arithmetic progression modulo the group
 * count with a per-user start and stride (strides coprime with the count, so distinct).
 */
export class DirectoryGroups {
  private readonly strides: Int32Array;

  constructor(
    private readonly seed: number,
    readonly groups: number,
    private readonly min: number,
    private readonly max: number,
    /** Ancestors every user has before room and directory groups: the domain and its folders. */
    private readonly fixed: number,
  ) {
    const candidates: number[] = [];
    for (let s = 1; s < groups && candidates.length < 64; s += 1 + (mix32(seed + s) % 97)) {
      if (gcd(s, groups) === 1) candidates.push(s);
    }
    this.strides = Int32Array.from(candidates.length > 0 ? candidates : [1]);
  }

  private hash(user: number, lane: number): number {
    return mix32(combineSeeds(this.seed, user) ^ Math.imul(lane + 1, 0x9e3779b1));
  }

  /** Directory groups of a user who is in `roomGroups` room-membership groups. */
  count(user: number, roomGroups: number): number {
    const target = this.min + (this.hash(user, 0) % (this.max - this.min + 1));
    return Math.max(0, Math.min(this.groups, target - this.fixed - roomGroups));
  }

  /** Writes the user's directory groups (ascending) into `out`; returns how many. */
  write(user: number, roomGroups: number, out: Int32Array): number {
    const n = this.count(user, roomGroups);
    if (out.length < n)
      throw new RangeError(`out holds ${out.length} groups; user ${user} has ${n}`);
    const start = this.hash(user, 1) % this.groups;
    const stride = this.strides[this.hash(user, 2) % this.strides.length] as number;
    for (let k = 0; k < n; k++) out[k] = (start + k * stride) % this.groups;
    out.subarray(0, n).sort();
    return n;
  }
}
