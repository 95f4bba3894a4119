import { describe, expect, it } from 'vitest';
import { contour } from '../../../src/core/analysis';
import { createRng } from '../../../src/core/rng';
import { parseSpace } from '../../../src/core/space';

const space = parseSpace('{"a": uniform(0, 1), "lr": loguniform(-9, -2), "kind": choice("x", "y", "z"), "noise": uniform(0, 1)}');

/** 120 random runs of `f`. */
function runs(f: (p: { a: number; lr: number; kind: string; noise: number }) => number) {
  const rng = createRng(3);
  return Array.from({ length: 120 }, () => {
    const params = { a: rng.next(), lr: Math.exp(-9 + 7 * rng.next()), kind: ['x', 'y', 'z'][rng.int(3)], noise: rng.next() };
    return { params, score: f(params) };
  });
}

describe('contour (a forest\'s pairwise marginal)', () => {
  it('follows the objective along a parameter it uses and stays flat along one it ignores', () => {
    const result = contour({ space, runs: runs((p) => p.a), x: 'a', y: 'noise', cells: 8 });
    if (result.kind !== 'ok') throw new Error(result.reason);
    expect(result.x).toMatchObject({ name: 'a', scale: 'linear' });
    expect(result.values).toHaveLength(8);
    const row = result.values[4];
    // Rising along a (the objective is a itself) ...
    expect(row[7] - row[0]).toBeGreaterThan(0.6);
    for (let i = 1; i < 8; i++) expect(row[i]).toBeGreaterThanOrEqual(row[i - 1] - 0.05);
    // ... and the same in every row (noise does not matter).
    const column = result.values.map((r) => r[6]);
    expect(Math.max(...column) - Math.min(...column)).toBeLessThan(0.1);
    expect(result.runs).toHaveLength(120);
  });

  it('puts log parameters on their log scale and choices as categories', () => {
    const result = contour({ space, runs: runs((p) => Math.log(p.lr) + (p.kind === 'z' ? 5 : 0)), x: 'lr', y: 'kind', cells: 6 });
    if (result.kind !== 'ok') throw new Error(result.reason);
    expect(result.x.scale).toBe('log');
    expect(result.x.edges[0]).toBeGreaterThan(Math.exp(-9) * 0.99);
    expect(result.x.edges[6]).toBeLessThan(Math.exp(-2) * 1.01);
    expect(result.y).toMatchObject({ scale: 'category', labels: ['x', 'y', 'z'], centers: [0, 1, 2] });
    // Category z is 5 higher than x and y in every column.
    for (let i = 0; i < 6; i++) expect(result.values[2][i] - result.values[0][i]).toBeGreaterThan(3.5);
  });

  it('says why there is no contour', () => {
    expect(contour({ space, runs: runs((p) => p.a).slice(0, 5), x: 'a', y: 'lr' })).toEqual({ kind: 'unavailable', reason: 'needs at least 10 scored runs (has 5)' });
    expect(contour({ space, runs: runs((p) => p.a), x: 'a', y: 'a' }).kind).toBe('unavailable');
  });
});
