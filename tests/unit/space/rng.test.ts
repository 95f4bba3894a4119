/**
 * The seeded PRNG (src/core/rng.ts) that every sampler draws from: pinned first values (the same
 * literals the browser tests check in Chromium), determinism, and independence of streams, which
 * is what makes run i's configuration a function of (seed, i) alone.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/rng';
import { RNG_GOLDEN, drawGolden } from '../../fixtures/rng-golden';
import { ksCritical, ksStatistic } from './stats';

/** Pearson correlation of two equally long series. */
function correlation(a: readonly number[], b: readonly number[]): number {
  const mean = (x: readonly number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  const [ma, mb] = [mean(a), mean(b)];
  let [sab, saa, sbb] = [0, 0, 0];
  a.forEach((_, i) => {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  });
  return sab / Math.sqrt(saa * sbb);
}

const series = (seed: number, stream: number, n: number) => {
  const rng = createRng(seed, stream);
  return Array.from({ length: n }, () => rng.next());
};

describe('createRng', () => {
  it.each(RNG_GOLDEN.map((c) => [`seed ${c.seed}, stream ${c.stream}`, c] as const))('gives the pinned first values for %s', (_, c) => {
    const { seed, stream, ...expected } = c;
    expect(drawGolden(createRng(seed, stream))).toEqual(expected);
  });

  it('is deterministic: the same seed and stream give the same sequence', () => {
    expect(series(123, 4, 1000)).toEqual(series(123, 4, 1000));
  });

  it('treats a missing stream as stream 0', () => {
    expect(series(9, 0, 10)).toEqual((() => {
      const rng = createRng(9);
      return Array.from({ length: 10 }, () => rng.next());
    })());
  });

  it('diverges immediately for neighbouring seeds and streams', () => {
    const first = (seed: number, stream: number) => createRng(seed, stream).next();
    const values = new Set<number>();
    for (let seed = 0; seed < 50; seed++) for (let stream = 0; stream < 50; stream++) values.add(first(seed, stream));
    expect(values.size).toBe(2500);
  });

  it('gives uncorrelated streams of one seed', () => {
    const n = 10_000;
    const base = series(77, 0, n);
    for (const stream of [1, 2, 3, 1000]) {
      // |r| of independent series of n values is below 4 / sqrt(n) with probability > 0.9999.
      expect(Math.abs(correlation(base, series(77, stream, n)))).toBeLessThan(4 / Math.sqrt(n));
    }
  });

  it('makes next() uniform on [0, 1) and int(n) cover [0, n) evenly', () => {
    const rng = createRng(2024);
    const xs = Array.from({ length: 20_000 }, () => rng.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(ksStatistic(xs, (x) => x)).toBeLessThan(ksCritical(xs.length));
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 20_000; i++) counts[rng.int(10)]++;
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(200);
  });

  it('rejects a non-finite seed', () => {
    expect(() => createRng(NaN)).toThrow(RangeError);
    expect(() => createRng(Infinity)).toThrow(/finite/);
  });
});
