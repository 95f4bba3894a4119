import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/rng';
import { parameterImportance, minimumRuns, scoredRuns } from '../../../src/core/analysis';
import type { Space } from '../../../src/core/space';
import type { ParamValues } from '../../../src/core/types';

const space: Space = {
  parameters: [
    { name: 'a', expression: { type: 'uniform', low: 0, high: 1 } },
    { name: 'b', expression: { type: 'uniform', low: 0, high: 1 } },
    { name: 'noise1', expression: { type: 'uniform', low: -5, high: 5 } },
    { name: 'lr', expression: { type: 'loguniform', low: Math.log(1e-5), high: Math.log(1) } },
    { name: 'act', expression: { type: 'choice', values: ['relu', 'tanh', 'gelu'] } },
  ],
};

/** `count` uniformly drawn configurations of `space` scored by `objective`. */
function experiment(count: number, objective: (p: ParamValues) => number, seed = 1) {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => {
    const params: ParamValues = {
      a: rng.next(),
      b: rng.next(),
      noise1: rng.uniform(-5, 5),
      lr: Math.exp(rng.uniform(Math.log(1e-5), 0)),
      act: ['relu', 'tanh', 'gelu'][rng.int(3)],
    };
    return { params, score: objective(params) };
  });
}

function shares(result: ReturnType<typeof parameterImportance>): Record<string, number> {
  if (result.kind !== 'ok') throw new Error(result.reason);
  return Object.fromEntries(result.parameters.map((p) => [p.name, p.share]));
}

describe('parameter importance (fANOVA on a random forest)', () => {
  it('gives parameters the objective ignores near-zero shares', () => {
    const runs = experiment(200, (p) => 4 * (p.a as number) + Math.sin(6 * (p.b as number)) + 0.5 * (p.a as number));
    const s = shares(parameterImportance({ space, runs, trees: 16 }));
    expect(s.a + s.b).toBeGreaterThan(0.95);
    for (const name of ['noise1', 'lr', 'act']) expect(s[name]).toBeLessThan(0.03);
  });

  it('recovers the known variance split of an additive objective', () => {
    // f = 2a + b on uniform a, b: Var(2a) = 4/12, Var(b) = 1/12, so shares 0.8 and 0.2.
    const runs = experiment(400, (p) => 2 * (p.a as number) + (p.b as number));
    const s = shares(parameterImportance({ space, runs, trees: 16 }));
    expect(s.a).toBeGreaterThan(0.7);
    expect(s.a).toBeLessThan(0.9);
    expect(s.b).toBeGreaterThan(0.12);
    expect(s.b).toBeLessThan(0.28);
  });

  it('measures log parameters on their log scale', () => {
    // Linear in log(lr): on the log axis the effect is uniform, so lr carries all the variance.
    const runs = experiment(200, (p) => Math.log10(p.lr as number));
    const result = parameterImportance({ space, runs, trees: 16 });
    expect(shares(result).lr).toBeGreaterThan(0.95);
    expect(result.kind === 'ok' && result.parameters[0].name).toBe('lr');
    expect(result.kind === 'ok' && result.parameters[0].mainEffect).toBeGreaterThan(0.9);
  });

  it('treats choices as categories, whatever their order', () => {
    // The middle category is the odd one out: an ordinal split could not isolate it in one cut.
    const runs = experiment(200, (p) => (p.act === 'tanh' ? 1 : 0) + 0.1 * (p.b as number));
    const s = shares(parameterImportance({ space, runs, trees: 16 }));
    expect(s.act).toBeGreaterThan(0.85);
    expect(s.a + s.noise1 + s.lr).toBeLessThan(0.05);
  });

  it('orders parameters by share, sums shares to one and is deterministic per seed', () => {
    const runs = experiment(80, (p) => (p.a as number) ** 2 + 0.3 * (p.b as number));
    const first = parameterImportance({ space, runs, seed: 3, trees: 8 });
    expect(parameterImportance({ space, runs, seed: 3, trees: 8 })).toEqual(first);
    if (first.kind !== 'ok') throw new Error(first.reason);
    const values = first.parameters.map((p) => p.share);
    expect([...values].sort((x, y) => y - x)).toEqual(values);
    expect(values.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 9);
    expect(first.runs).toBe(80);
  });

  it('says why below the minimum of runs, for a flat metric, and skips runs that do not fit', () => {
    const few = experiment(minimumRuns(5) - 1, (p) => p.a as number);
    expect(parameterImportance({ space, runs: few })).toEqual({ kind: 'unavailable', runs: 9, reason: 'needs at least 10 scored runs (has 9)' });
    const flat = parameterImportance({ space, runs: experiment(20, () => 0.5) });
    expect(flat).toMatchObject({ kind: 'unavailable', reason: 'every run scored the same (0.5)' });
    const foreign = [...experiment(10, (p) => p.a as number), { params: { a: 0.5 }, score: 1 }, { params: experiment(1, () => 0)[0].params, score: NaN }];
    expect(parameterImportance({ space, runs: foreign }).runs).toBe(10);
  });

  it('takes the scored runs of an experiment', () => {
    expect(scoredRuns([{ params: { a: 1 }, best: { value: 2 } }, { params: { a: 3 } }])).toEqual([{ params: { a: 1 }, score: 2 }]);
  });
});
