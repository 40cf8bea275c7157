/**
 * Deterministic identifiers. The room GUIDs, principal GUIDs, Call-IDs and tags of a run follow
 * from the seed and an index, so every worker (and the provisioner) derives the same value
 * without shipping tables between threads.
 */
import { combineSeeds, hashString, mix32 } from './random.js';

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Distinct salts make the four words of an id independent hashes of (seed, namespace, index). */
const LANE_SALTS = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a] as const;

/**
 * One 32-bit word of an id. For a fixed seed, namespace and lane, index -> word is a bijection
 * (ids of one kind never collide); across namespaces the lanes are independent hashes, so two
 * ids of different kinds collide with probability ~2^-122, not 2^-32.
 */
function word(seed: number, ns: number, index: number, lane: number): number {
  const salt = LANE_SALTS[lane % LANE_SALTS.length] as number;
  return mix32(
    combineSeeds(combineSeeds((seed ^ salt) >>> 0, ns ^ Math.imul(lane + 1, salt)), index),
  );
}

function hex32(x: number): string {
  return (
    (HEX[(x >>> 24) & 0xff] as string) +
    (HEX[(x >>> 16) & 0xff] as string) +
    (HEX[(x >>> 8) & 0xff] as string) +
    (HEX[x & 0xff] as string)
  );
}

/**
 * A version-4-shaped UUID (lower case, RFC 4122 variant) that depends only on
 * (seed, namespace, index). `namespace` separates kinds: `uuidFor(seed, 'room', 17)`.
 */
export function uuidFor(seed: number, namespace: string, index: number): string {
  const ns = hashString(namespace);
  const w0 = word(seed, ns, index, 0);
  const w1 = (word(seed, ns, index, 1) & 0xffff0fff) | 0x00004000;
  const w2 = ((word(seed, ns, index, 2) & 0x3fffffff) | 0x80000000) >>> 0;
  const w3 = word(seed, ns, index, 3);
  const a = hex32(w0);
  const b = hex32(w1);
  const c = hex32(w2);
  const d = hex32(w3);
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
}

/** A short lowercase hex token (SIP tags, branch ids): 8 hex digits per `words`. */
export function tokenFor(seed: number, namespace: string, index: number, words = 2): string {
  const ns = hashString(namespace);
  let out = '';
  for (let lane = 0; lane < words; lane++) out += hex32(word(seed, ns, index, lane));
  return out;
}
