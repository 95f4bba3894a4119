/**
 * Random sampling through the sampler interface is statistically indistinguishable from sampling
 * the space: runs drawn in a loop (history growing, runs in flight) pass Kolmogorov-Smirnov and
 * chi-square tests at significance 0.001 against the expressions' exact distributions.
 */
import { describe, expect, it } from 'vitest';
import { createSampler } from '../../../src/core/sampling';
import { parseSpace } from '../../../src/core/space';
import { drive } from './helpers';

const KS_CRITICAL = (n: number) => 1.949 / Math.sqrt(n); // alpha 0.001

function ksUniform(samples: readonly number[], low: number, high: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  let d = 0;
  sorted.forEach((x, i) => {
    const f = (x - low) / (high - low);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  });
  return d;
}

describe('random sampler distribution', () => {
  const space = parseSpace(`{"x": uniform(-2, 3), "lr": loguniform(-9, -2), "c": choice("a", "b", "c", "d")}`);
  const runs = 2000;
  const { suggestions } = drive(createSampler('random'), space, () => 0, { runs, seed: 42, inFlight: 4 });
  const values = (name: string) => suggestions.map((s) => s?.[name]);

  it('uniform(-2, 3) passes Kolmogorov-Smirnov', () => {
    expect(ksUniform(values('x') as number[], -2, 3)).toBeLessThan(KS_CRITICAL(runs));
  });

  it('loguniform(-9, -2) is uniform in the exponent', () => {
    const exponents = (values('lr') as number[]).map(Math.log);
    expect(ksUniform(exponents, -9, -2)).toBeLessThan(KS_CRITICAL(runs));
  });

  it('choice gives each value equally often (chi-square, 3 degrees of freedom)', () => {
    const counts = new Map<unknown, number>();
    for (const v of values('c')) counts.set(v, (counts.get(v) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
    const expected = runs / 4;
    const chi2 = [...counts.values()].reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(16.27);
  });

  it('draws run i from createRng(seed, i) alone: a longer experiment starts the same', () => {
    const short = drive(createSampler('random'), space, () => 0, { runs: 10, seed: 42, inFlight: 4 }).suggestions;
    expect(short).toEqual(suggestions.slice(0, 10));
  });
});
