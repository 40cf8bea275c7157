/**
 * Names of the simulated organisation, computed on demand from the corpus tables and the seed:
 * nothing per user or per room is stored. Aliases are unique by construction (a bijection from
 * user index to a first/last-name pair, with a numeric suffix once the pairs run out), so the
 * SIP decoder can map an alias back to its user without a table of 150,000 strings.
 */
import { InputError } from '../core/errors.js';
import { uuidFor } from '../core/ids.js';
import { combineSeeds, mix32 } from '../core/random.js';
import { gcd, inverseMod } from './numbers.js';
import type { Naming } from './types.js';
import type { Corpus } from './corpus.js';

export const DEFAULT_DOMAIN = 'corp.example';

/** uuidFor namespaces, shared with the provisioner so GUIDs agree everywhere. */
export const GuidNamespace = {
  room: 'room',
  category: 'category',
  user: 'user',
  folder: 'folder',
  directoryGroup: 'directory-group',
  roomGroup: 'room-group',
} as const;

/** Share of users whose display name is Korean or Japanese (their aliases stay ASCII). */
const CJK_DISPLAY_PCT = 15;
const DOMAIN_PATTERN =
  /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i;

/**
 * A seeded permutation of [0, size): index -> (index × step + offset) mod size. It spreads
 * consecutive indices over the table so that user 0 and user 1 share neither name.
 */
class Scramble {
  readonly size: number;
  private readonly step: number;
  private readonly offset: number;
  private readonly inverseStep: number;

  constructor(size: number, seed: number, salt: number) {
    this.size = size;
    let step = Math.max(1, Math.floor(size * 0.6180339887) | 1);
    while (gcd(step, size) !== 1) step += 1;
    this.step = step % size || 1;
    this.offset = mix32(combineSeeds(seed, salt)) % size;
    this.inverseStep = size === 1 ? 0 : inverseMod(this.step, size);
  }

  forward(index: number): number {
    return ((index % this.size) * this.step + this.offset) % this.size;
  }

  backward(value: number): number {
    return (((value - this.offset + this.size) % this.size) * this.inverseStep) % this.size;
  }
}

export class CorpusNaming implements Naming {
  readonly seed: number;
  readonly domain: string;
  readonly corpus: Corpus;
  private readonly userNames: Scramble;
  private readonly roomNames: Scramble;
  private firstIndex: Map<string, number> | null = null;
  private lastIndex: Map<string, number> | null = null;

  constructor(seed: number, domain: string, corpus: Corpus) {
    if (!DOMAIN_PATTERN.test(domain)) {
      throw new InputError(
        'domain',
        `"${domain}" is not a DNS domain name (expected e.g. "corp.example")`,
      );
    }
    this.seed = seed;
    this.domain = domain.toLowerCase();
    this.corpus = corpus;
    this.userNames = new Scramble(corpus.firstAscii.length * corpus.lastAscii.length, seed, 1);
    this.roomNames = new Scramble(corpus.roomQualifiers.length * corpus.roomNouns.length, seed, 2);
  }

  get messageCount(): number {
    return this.corpus.messages.length;
  }

  get searchTermCount(): number {
    return this.corpus.searchTerms.length;
  }

  private nameParts(user: number): { first: number; last: number; round: number } {
    const k = this.userNames.forward(user);
    const firsts = this.corpus.firstAscii.length;
    return {
      first: k % firsts,
      last: Math.floor(k / firsts),
      round: Math.floor(user / this.userNames.size),
    };
  }

  userAlias(user: number): string {
    const { first, last, round } = this.nameParts(user);
    const base = `${this.corpus.firstAscii[first] as string}.${this.corpus.lastAscii[last] as string}`;
    return round === 0 ? base : `${base}${round + 1}`;
  }

  /** The user whose alias this is, or -1: the inverse of {@link userAlias}. */
  userOfAlias(alias: string): number {
    const match = /^([a-z]+)\.([a-z]+)([1-9][0-9]*)?$/.exec(alias);
    if (match === null) return -1;
    this.firstIndex ??= new Map(this.corpus.firstAscii.map((name, i) => [name, i]));
    this.lastIndex ??= new Map(this.corpus.lastAscii.map((name, i) => [name, i]));
    const first = this.firstIndex.get(match[1] as string);
    const last = this.lastIndex.get(match[2] as string);
    const round = match[3] === undefined ? 0 : Number(match[3]) - 1;
    if (first === undefined || last === undefined) return -1;
    // A suffix of 1 is never produced: the first round has none.
    if (round === 0 && match[3] !== undefined) return -1;
    const k = last * this.corpus.firstAscii.length + first;
    return round * this.userNames.size + this.userNames.backward(k);
  }

  userDisplayName(user: number): string {
    const h = mix32(combineSeeds(this.seed, user) ^ 0x5bd1e995);
    if (h % 100 < CJK_DISPLAY_PCT) {
      const names = this.corpus.cjkNames;
      return names[Math.floor(h / 100) % names.length] as string;
    }
    const { first, last } = this.nameParts(user);
    return `${this.corpus.firstNames[first] as string} ${this.corpus.lastNames[last] as string}`;
  }

  userUri(user: number): string {
    return `sip:${this.userAlias(user)}@${this.domain}`;
  }

  roomGuid(room: number): string {
    return uuidFor(this.seed, GuidNamespace.room, room);
  }

  roomUri(room: number): string {
    return `ma-chan://${this.domain}/${this.roomGuid(room)}`;
  }

  roomName(room: number): string {
    const k = this.roomNames.forward(room);
    const qualifiers = this.corpus.roomQualifiers.length;
    const round = Math.floor(room / this.roomNames.size);
    const name = `${this.corpus.roomQualifiers[k % qualifiers] as string} ${this.corpus.roomNouns[Math.floor(k / qualifiers)] as string}`;
    return round === 0 ? name : `${name} ${round + 1}`;
  }

  roomTopic(room: number): string {
    return pickBy(this.corpus.topics, this.seed, room, 3);
  }

  categoryName(category: number): string {
    return numbered(this.corpus.departments, category);
  }

  categoryGuid(category: number): string {
    return uuidFor(this.seed, GuidNamespace.category, category);
  }

  groupName(kind: 'directory' | 'room', group: number): string {
    return kind === 'directory'
      ? `${pickBy(this.corpus.departments, this.seed, group, 4)} team ${group + 1}`
      : `${pickBy(this.corpus.roomNouns, this.seed, group, 5)} members ${group + 1}`;
  }

  groupUri(kind: 'directory' | 'room', group: number): string {
    const ns = kind === 'directory' ? GuidNamespace.directoryGroup : GuidNamespace.roomGroup;
    return `ma-grp://${this.domain}/${uuidFor(this.seed, ns, group)}`;
  }

  folderName(folder: number): string {
    return numbered(this.corpus.places, folder);
  }

  message(index: number): string {
    return this.corpus.messages[index] as string;
  }

  searchTerm(index: number): string {
    return this.corpus.searchTerms[index] as string;
  }
}

/** The table's entry for `index`, numbered once the table runs out: unique for every index. */
function numbered(table: readonly string[], index: number): string {
  const round = Math.floor(index / table.length);
  const name = table[index % table.length] as string;
  return round === 0 ? name : `${name} ${round + 1}`;
}

function pickBy(table: readonly string[], seed: number, index: number, salt: number): string {
  return table[mix32(combineSeeds(seed ^ salt, index)) % table.length] as string;
}

export function createNaming(seed: number, domain: string, corpus: Corpus): CorpusNaming {
  return new CorpusNaming(seed, domain, corpus);
}
