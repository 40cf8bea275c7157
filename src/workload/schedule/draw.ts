/**
 * Draws that depend only on (seed, position) rather than on the order of calls, so that an
 * arrival or an iteration picks the same action or room class whether it runs in one instance
 * or in one of N segments, and whichever order a pool asks in.
 */
import { combineSeeds, mix32 } from '../../core/random.js';

/** Uniform in [0, 1) from a seed and two indexes. */
export function uniformAt(seed: number, a: number, b = 0): number {
  return mix32(combineSeeds(combineSeeds(seed, a), b)) / 4294967296;
}

/** Weighted choice by cumulative weights (few items: a linear scan is the fastest). */
export class WeightedChoice<T> {
  private readonly cumulative: number[] = [];
  private readonly items: T[] = [];

  constructor(entries: readonly { item: T; weight: number }[]) {
    let total = 0;
    for (const entry of entries) {
      if (entry.weight <= 0) continue;
      total += entry.weight;
      this.items.push(entry.item);
      this.cumulative.push(total);
    }
    if (this.items.length === 0) throw new RangeError('WeightedChoice needs a positive weight');
    for (let i = 0; i < this.cumulative.length; i++) {
      this.cumulative[i] = (this.cumulative[i] as number) / total;
    }
  }

  /** The item whose share of the total covers `u` (uniform in [0, 1)). */
  pick(u: number): T {
    for (let i = 0; i < this.cumulative.length - 1; i++) {
      if (u < (this.cumulative[i] as number)) return this.items[i] as T;
    }
    return this.items[this.items.length - 1] as T;
  }
}
