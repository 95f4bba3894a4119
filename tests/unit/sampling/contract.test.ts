/**
 * The sampler contract: every sampler goes through the same checks (support, q-steps and choices,
 * determinism per seed, nothing duplicated for runs in flight), plus what is specific to grid
 * (exhaustive, stable, no repeats) and to Bayesian sampling (it beats random on Branin).
 */
import { describe, expect, it } from 'vitest';
import { createSampler, type Sampler } from '../../../src/core/sampling';
import { parseSpace, type Space } from '../../../src/core/space';
import type { ParamValues, SamplingType } from '../../../src/core/types';
import { branin, configurationProblems, drive, median, type Objective } from './helpers';

/** Every expression of SPEC section 1, including choices of strings, booleans and mixed values. */
const EVERY_EXPRESSION = parseSpace(`{
  "batch": choice(16, 32, 64, 128),
  "activation": choice("relu", "tanh", "elu"),
  "bias": choice(True, False),
  "mixed": choice(1, "two", False),
  "layers": choice(range(1, 4)),
  "seed": randint(5),
  "keep": uniform(0.5, 1),
  "lr": loguniform(-9, -2),
  "units": quniform(8, 130, 8),
  "width": qloguniform(0, 5, 10),
  "offset": normal(3, 2),
  "scale": lognormal(0, 0.5),
  "steps": qnormal(10, 4, 0.5),
  "decay": qlognormal(1, 0.7, 1)
}`);

/** A small all-choice space: 3 x 2 x 2 = 12 configurations. */
const GRID = parseSpace(`{"a": choice(1, 2, 3), "b": choice("x", "y"), "c": choice(True, False)}`);

/** A smooth objective over EVERY_EXPRESSION so the Bayesian model has something to fit. */
const mixedObjective: Objective = (p) =>
  ((p.keep as number) - 0.8) ** 2 +
  Math.abs(Math.log(p.lr as number) + 5) +
  (p.activation === 'tanh' ? 0 : 1) +
  (p.bias ? 0 : 0.5) +
  ((p.offset as number) - 3) ** 2 / 10 +
  (p.seed as number) / 10;

const gridObjective: Objective = (p) => (p.a as number) + (p.b === 'x' ? 0 : 1) + (p.c ? 0 : 2);

const SAMPLERS: { type: SamplingType; space: Space; objective: Objective; runs: number }[] = [
  { type: 'random', space: EVERY_EXPRESSION, objective: mixedObjective, runs: 40 },
  { type: 'bayesian', space: EVERY_EXPRESSION, objective: mixedObjective, runs: 25 },
  { type: 'grid', space: GRID, objective: gridObjective, runs: 12 },
];

const keyOf = (params: ParamValues | null) => JSON.stringify(params);

describe.each(SAMPLERS)('$type sampler contract', ({ type, space, objective, runs }) => {
  const sampler: Sampler = createSampler(type);

  it('reports its type', () => {
    expect(sampler.type).toBe(type);
  });

  it('keeps every value inside its expression support (q-steps, choices, types)', () => {
    const { suggestions } = drive(sampler, space, objective, { runs, seed: 7 });
    expect(suggestions).toHaveLength(runs);
    for (const params of suggestions) {
      expect(params).not.toBeNull();
      expect(configurationProblems(space, params as ParamValues)).toEqual([]);
    }
  });

  it('is deterministic per seed: the same seed gives the same sequence', () => {
    const first = drive(sampler, space, objective, { runs, seed: 11 }).suggestions;
    const again = drive(createSampler(type), space, objective, { runs, seed: 11 }).suggestions;
    expect(again.map(keyOf)).toEqual(first.map(keyOf));
  });

  it('differs between seeds (except grid, which uses no randomness)', () => {
    const a = drive(sampler, space, objective, { runs, seed: 1 }).suggestions.map(keyOf);
    const b = drive(sampler, space, objective, { runs, seed: 2 }).suggestions.map(keyOf);
    if (type === 'grid') expect(b).toEqual(a);
    else expect(b).not.toEqual(a);
  });

  it('never suggests a configuration that is in flight (4 runs at once)', () => {
    const { suggestions } = drive(sampler, space, objective, { runs, seed: 5, inFlight: 4 });
    // In a window of 4 consecutive suggestions all four were in flight together at some point.
    for (let i = 0; i + 4 <= suggestions.length; i++) {
      const window = suggestions.slice(i, i + 4).map(keyOf);
      expect(new Set(window).size).toBe(4);
    }
  });

  it('does not crash on failed runs (value null)', () => {
    const failing: Objective = (p) => (typeof p.keep === 'number' && p.keep > 0.9 ? null : objective(p));
    const { suggestions } = drive(sampler, space, type === 'grid' ? objective : failing, { runs, seed: 3 });
    expect(suggestions.every((s) => s !== null)).toBe(true);
  });
});

describe('discrete spaces: no duplicates while unexplored configurations remain', () => {
  it.each(['random', 'bayesian'] as const)('%s covers a 12-point space in 12 runs with 3 in flight', (type) => {
    const { suggestions } = drive(createSampler(type), GRID, gridObjective, { runs: 12, seed: 4, inFlight: 3 });
    expect(new Set(suggestions.map(keyOf)).size).toBe(12);
  });
});

describe('grid sampler', () => {
  const grid = createSampler('grid');

  it('is exhaustive without repeats, in a stable order, then returns null', () => {
    const { suggestions } = drive(grid, GRID, gridObjective, { runs: 20, seed: 1 });
    expect(suggestions).toHaveLength(13);
    expect(suggestions[12]).toBeNull();
    expect(new Set(suggestions.slice(0, 12).map(keyOf)).size).toBe(12);
    expect(suggestions[0]).toEqual({ a: 1, b: 'x', c: true });
    expect(suggestions[1]).toEqual({ a: 1, b: 'x', c: false });
    expect(suggestions[11]).toEqual({ a: 3, b: 'y', c: false });
  });

  it('stays exhaustive with runs in flight, failures and out-of-order finishes', () => {
    const flaky: Objective = (p) => (p.c ? null : gridObjective(p));
    const { suggestions } = drive(grid, GRID, flaky, { runs: 20, seed: 1, inFlight: 5 });
    const configs = suggestions.filter((s) => s !== null).map(keyOf);
    expect(configs).toHaveLength(12);
    expect(new Set(configs).size).toBe(12);
  });

  it('ignores warm-start priors (they are not runs of this experiment)', () => {
    const priors = [{ params: { a: 1, b: 'x', c: true }, value: 1, status: 'completed' as const, prior: true }];
    const { suggestions } = drive(grid, GRID, gridObjective, { runs: 1, seed: 1, priors });
    expect(suggestions[0]).toEqual({ a: 1, b: 'x', c: true });
  });

  it('rejects a space with a non-choice parameter, naming it', () => {
    const space = parseSpace(`{"a": choice(1, 2), "lr": uniform(0, 1)}`);
    expect(() => drive(grid, space, gridObjective, { runs: 1, seed: 1 })).toThrow(/"lr".*choice/);
  });
});

describe('bayesian sampler beats random', () => {
  const space = parseSpace(`{"x": uniform(-5, 10), "y": uniform(0, 15)}`);

  it('on Branin with 25 runs over 3 seeds (median best value)', () => {
    const best = (type: SamplingType, seed: number) =>
      Math.min(...drive(createSampler(type), space, branin, { runs: 25, seed }).history.map((o) => o.value as number));
    const seeds = [1, 2, 3];
    const bayesian = median(seeds.map((s) => best('bayesian', s)));
    const random = median(seeds.map((s) => best('random', s)));
    expect(bayesian).toBeLessThan(random);
    expect(bayesian - 0.397887).toBeLessThan(0.05);
  });
});
