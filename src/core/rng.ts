/**
 * The tuner's seeded pseudo-random number generator.
 *
 * Algorithm: sfc32 (Chris Doty-Humphrey's "Small Fast Counting" generator from PractRand,
 * 128-bit state, period >= 2^32, passes PractRand and BigCrush), seeded through splitmix32 from
 * `(seed, stream)`. Everything is 32-bit integer arithmetic (`Math.imul`, `>>> 0`), so the same seed
 * yields bit-identical numbers in Node and in every browser. `stream` gives independent sequences
 * from one experiment seed, e.g. one per run index, which is what lets a reloaded tab resume the
 * exact same sequence of suggestions without storing generator state.
 */

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

/** splitmix32 step: a well-mixed 32-bit hash used only to expand the seed into state. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A generator for `seed` and an optional `stream` index (run i of an experiment uses stream i).
 *
 * `seed` is any finite number: its integer part counts (1.5 seeds like 1), and bits beyond 32 are
 * folded into the state rather than dropped. `stream` is taken modulo 2^32. Different streams of
 * one seed never share a state; across seeds they can, since (seed, stream) is mixed into 32 bits
 * as `seed ^ stream * 0x165667b1` first: `createRng(0, 1)` equals `createRng(0x165667b1, 0)`.
 * The golden values in tests/fixtures/rng-golden.ts pin this output.
 */
export function createRng(seed: number, stream = 0): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`rng seed must be a finite number (got ${seed})`);
  const lo = (seed | 0) >>> 0;
  const hi = Math.floor(seed / 4294967296) | 0;
  const mix = { s: (lo ^ Math.imul(hi, 0x27d4eb2f) ^ Math.imul(stream | 0, 0x165667b1)) | 0 };
  let a = splitmix32(mix);
  let b = splitmix32(mix);
  let c = splitmix32(mix);
  let d = splitmix32(mix);

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
  for (let i = 0; i < 12; i++) next32();

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
      // 1 - next() is in (0, 1], so the log is finite.
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
}
