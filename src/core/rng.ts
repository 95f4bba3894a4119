/**
 * The tuner's seeded pseudo-random number generator.
 *
 * Algorithm: sfc32 (Chris Doty-Humphrey's "Small Fast Counting" generator from PractRand,
 * 128-bit state, period >= 2^32, passes PractRand and BigCrush). Its four state words are the
 * seed's low word, the seed's high word and the stream, each through a bijective 32-bit mix
 * (the murmur3 finalizer), so distinct `(seed, stream)` pairs never share a starting state.
 * Everything is 32-bit integer arithmetic (`Math.imul`, `>>> 0`) and the normal transform uses
 * engine-independent log and cos (det-math.ts), so the same seed yields bit-identical numbers in
 * Node and in every browser. `stream` gives independent sequences
 * from one experiment seed, e.g. one per run index, which is what lets a reloaded tab resume the
 * exact same sequence of suggestions without storing generator state.
 */

import { detCos2Pi, detLog } from './det-math';

/** A source of seeded randomness. */
export interface Rng {
  /** Uniform double in [0, 1), 53 random bits. */
  next(): number;
  /** Uniform double in [low, high). */
  uniform(low: number, high: number): number;
  /** Uniform integer in [0, n); `n` must be a positive integer below 2^32. */
  int(n: number): number;
  /** Standard normal N(0, 1) (Box-Muller, one value per call; no cached spare, so state stays 128 bits). */
  normal(): number;
}

/** murmur3's 32-bit finalizer of `x + offset`: a bijection, so different inputs stay different. */
function mix32(x: number, offset: number): number {
  let z = (x + offset) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) | 0;
}

/**
 * A generator for `seed` and an optional `stream` index (run i of an experiment uses stream i).
 *
 * `seed` is any finite number: its integer part counts (1.5 seeds like 1); integers up to 2^53
 * all give different generators. `stream` is taken modulo 2^32. Distinct (seed, stream) pairs
 * never share a starting state. The golden values in tests/fixtures/rng-golden.ts pin this output.
 */
export function createRng(seed: number, stream = 0): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`rng seed must be a finite number (got ${seed})`);
  const lo = (seed | 0) >>> 0;
  const hi = Math.floor(seed / 4294967296) | 0;
  let a = mix32(lo, 0x9e3779b9);
  let b = mix32(hi, 0x3c6ef372);
  let c = mix32(stream | 0, 0xdaa66d2b);
  let d = 1; // sfc32's counter

  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm up so that nearby seeds diverge immediately.
  for (let i = 0; i < 15; i++) next32();

  const next = (): number => {
    const high = next32() >>> 5; // 27 bits
    const low = next32() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  };
  return {
    next,
    uniform: (low, high) => low + (high - low) * next(),
    int: (n) => Math.floor(next() * n),
    normal: () => {
      // 1 - next() is in (0, 1], so the log is finite and |z| <= sqrt(-2 ln 2^-53) < 8.6.
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * detLog(u)) * detCos2Pi(v);
    },
  };
}
