/**
 * The world fingerprint: identifies every input that shapes the simulated world, so a store
 * provisioned from one world is never mistaken for another's.
 */
import { createHash } from 'node:crypto';
import type { DeploymentModel } from '../model/types.js';
import type { Corpus } from './corpus.js';

/**
 * Bumped whenever the world construction changes (different memberships from the same inputs),
 * so stores provisioned by an older chatload are recognised as different.
 */
export const WORLD_FORMAT = 3;

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

/**
 * Hex digest (16 digits) of all model inputs, the seed, the domain and the corpus content (names
 * come from faker's tables, which may change between faker versions). The model's name and
 * description are labels, not inputs: a renamed copy of the same model makes the same world.
 */
export function worldFingerprint(
  model: DeploymentModel,
  seed: number,
  domain: string,
  corpus: Corpus,
): string {
  const inputs: Partial<DeploymentModel> = { ...model };
  delete inputs.name;
  delete inputs.description;
  const content = createHash('sha256').update(JSON.stringify(corpus)).digest('hex');
  const text = JSON.stringify(canonical({ format: WORLD_FORMAT, inputs, seed, domain, content }));
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
