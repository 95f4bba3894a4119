/**
 * Memoised hyperparameter fits. Fitting costs ~100 marginal-likelihood evaluations of O(n^3), so
 * the sampler refits only at growing checkpoints of the history (every run up to
 * `EVERY_RUN_UNTIL`, then whenever the history has grown by another 1/GROWTH) and reuses the fit
 * in between. The fit at a checkpoint is a pure function of the first m observations (seeded by m
 * alone), so the cache only saves time: a reloaded tab that recomputes gets the same numbers.
 */
import { createRng } from '../../rng';
import { fitHyperparameters } from './fit';

const EVERY_RUN_UNTIL = 30;
const GROWTH = 8;
const CAPACITY = 32;

/** The history length m <= n whose first m observations the hyperparameters are fitted on. */
export function checkpoint(n: number): number {
  if (n <= EVERY_RUN_UNTIL) return n;
  let m = EVERY_RUN_UNTIL;
  for (;;) {
    const next = m + Math.ceil(m / GROWTH);
    if (next > n) return m;
    m = next;
  }
}

const cache = new Map<string, Float64Array>();

/** FNV-1a over the bit patterns of the arrays' doubles, as a hex string. */
function hashArrays(...arrays: Float64Array[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (const array of arrays) {
    const words = new Uint32Array(array.buffer, array.byteOffset, array.length * 2);
    for (let i = 0; i < words.length; i++) {
      h1 = Math.imul(h1 ^ words[i], 0x01000193);
      h2 = Math.imul(h2 ^ words[i], 0x5bd1e995) ^ (h2 >>> 15);
    }
    h1 = Math.imul(h1 ^ array.length, 0x01000193);
  }
  return (h1 >>> 0).toString(16) + (h2 >>> 0).toString(16);
}

/**
 * Hyperparameters for training inputs x (n x features) and raw outputs z, memoised on (x, z);
 * `targets` makes the transformed outputs the fit runs on, only when the memo misses.
 */
export function cachedFit(
  x: Float64Array,
  z: Float64Array,
  n: number,
  features: number,
  targets: () => Float64Array,
): Float64Array {
  const key = `${n}:${features}:${hashArrays(x, z)}`;
  const hit = cache.get(key);
  if (hit) {
    // Refresh its place in the insertion order, which is the eviction order.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const theta = fitHyperparameters(x, targets(), n, features, createRng(0x6a09e667, n));
  cache.set(key, theta);
  if (cache.size > CAPACITY) cache.delete(cache.keys().next().value as string);
  return theta;
}

/** Forgets every memoised fit (tests use it to show results do not depend on the cache). */
export function clearFitCache(): void {
  cache.clear();
}
