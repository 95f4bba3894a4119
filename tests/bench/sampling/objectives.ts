/**
 * Objectives of the realistic suite of `npm run bench:sampling` (the part 2): every
 * objective is evaluated here, in TypeScript, for tabtune and for Optuna alike (Optuna runs
 * ask/tell over a pipe, optuna_asktell.py), so both optimise exactly the same thing.
 * - noisy: the test functions (shifted as in problems.ts) plus Gaussian noise of 1% or 5% of the
 *   function's range over its domain; judged by the noise-free value of the incumbent;
 * - lcbench: final (epoch 52) validation error of the LCBench surrogate over its 7 hyperparameters;
 * - ill-scaled: 10^(4 (f - min) / range) - 1, values from 0 to 10^4;
 * - mixed: integer lattices, numeric and string choices next to continuous parameters;
 * - long: noise-free test functions over 300 and 1000 runs (the model's window is 160 runs).
 */
import { createRng } from '../../../src/core/rng';
import type { Expression, Space } from '../../../src/core/space/types';
import type { ParamValues } from '../../../src/core/types';
import type { LcbenchConfig, Surrogate } from '../policies/lcbench';
import { FUNCTIONS, type TestFunction } from './functions';
import { makeProblem } from './problems';
import { problemSpace } from './tabtune-loop';

/** One objective of one seed: what the sampler sees, and how its incumbent is judged. */
export interface Objective {
  readonly group: 'noisy 1%' | 'noisy 5%' | 'lcbench' | 'ill-scaled' | 'mixed' | 'long 300' | 'long 1000';
  readonly name: string;
  readonly seed: number;
  readonly runs: number;
  readonly space: Space;
  /** The value the sampler is told for evaluation number `k` (0-based) of `params`. */
  observe(params: ParamValues, k: number): Promise<number>;
  /** The incumbent's score: noise-free regret, or the final error for LCBench. */
  judge(params: ParamValues): Promise<number>;
}

const fnByName = (name: string): TestFunction => FUNCTIONS.find((f) => f.name === name)!;
const xs = (params: ParamValues, dim: number): number[] => Array.from({ length: dim }, (_, i) => Number(params[`x${i}`]));

/** max - min of `fn` over 4000 random points of `bounds` (the scale of the noise and of ill-scaling). */
function rangeOf(fn: TestFunction, bounds: readonly (readonly [number, number])[]): number {
  const rng = createRng(12345, fn.dim);
  let max = -Infinity;
  for (let i = 0; i < 4000; i++) max = Math.max(max, fn.evaluate(bounds.map(([lo, hi]) => rng.uniform(lo, hi))));
  return max - fn.minimum;
}

function noisy(name: string, seed: number, share: 0.01 | 0.05, runs: number): Objective {
  const problem = makeProblem(fnByName(name), seed);
  const sigma = share * rangeOf(problem.fn, problem.bounds);
  const f = (params: ParamValues) => problem.fn.evaluate(xs(params, problem.fn.dim));
  return {
    group: share === 0.01 ? 'noisy 1%' : 'noisy 5%',
    name,
    seed,
    runs,
    space: problemSpace(problem),
    observe: async (params, k) => f(params) + sigma * createRng(seed * 7 + name.length, 50_000 + k).normal(),
    judge: async (params) => Math.max(0, f(params) - problem.fn.minimum),
  };
}

function plain(group: 'long 300' | 'long 1000', name: string, seed: number, runs: number): Objective {
  const problem = makeProblem(fnByName(name), seed);
  const regret = async (params: ParamValues) => Math.max(0, problem.fn.evaluate(xs(params, problem.fn.dim)) - problem.fn.minimum);
  return { group, name, seed, runs, space: problemSpace(problem), observe: regret, judge: regret };
}

function illScaled(name: string, seed: number, runs: number): Objective {
  const problem = makeProblem(fnByName(name), seed);
  const range = rangeOf(problem.fn, problem.bounds);
  const g = async (params: ParamValues) => 10 ** ((4 * (problem.fn.evaluate(xs(params, problem.fn.dim)) - problem.fn.minimum)) / range) - 1;
  return { group: 'ill-scaled', name, seed, runs, space: problemSpace(problem), observe: g, judge: g };
}

const uniform = (low: number, high: number): Expression => ({ type: 'uniform', low, high });

/** Hartmann6 with a numeric choice, a 0.05 lattice and a string choice that shifts the value. */
function mixedHartmann(seed: number, runs: number): Objective {
  const fn = fnByName('Hartmann6');
  const levels = Array.from({ length: 11 }, (_, i) => i / 10);
  const space: Space = {
    parameters: [
      { name: 'x0', expression: { type: 'choice', values: levels } },
      { name: 'x1', expression: { type: 'quniform', low: 0, high: 1, q: 0.05 } },
      ...[2, 3, 4, 5].map((i) => ({ name: `x${i}`, expression: uniform(0, 1) })),
      { name: 'act', expression: { type: 'choice', values: ['relu', 'tanh', 'gelu'] } },
    ],
  };
  const penalty: Record<string, number> = { relu: 0.4, tanh: 0, gelu: 0.8 };
  const g = async (params: ParamValues) => fn.evaluate(xs(params, 6)) - fn.minimum + penalty[String(params.act)];
  return { group: 'mixed', name: 'Hartmann6+choices', seed, runs, space, observe: g, judge: g };
}

/**
 * Levy5 over integers -10..10 in two dimensions, continuous in three, those shifted by 0.3 per seed.
 * The shift wraps every 30 seeds: past seed 36 it left the minimiser (x = 1) outside the range, so
 * the regret no longer measured the distance to the space's best.
 */
function mixedLevy(seed: number, runs: number): Objective {
  const fn = fnByName('Levy5');
  const shift = 0.3 * (((seed - 1) % 30) + 1);
  const space: Space = {
    parameters: [
      { name: 'x0', expression: { type: 'quniform', low: -10, high: 10, q: 1 } },
      { name: 'x1', expression: { type: 'quniform', low: -10, high: 10, q: 1 } },
      ...[2, 3, 4].map((i) => ({ name: `x${i}`, expression: uniform(-10 + shift, 10 + shift) })),
    ],
  };
  const g = async (params: ParamValues) => fn.evaluate(xs(params, 5)) - fn.minimum;
  return { group: 'mixed', name: 'Levy5 integers', seed, runs, space, observe: g, judge: g };
}

/** The LCBench surrogate's 7 hyperparameters (ranges of its config_space.json). */
export const LCBENCH_SPACE: Space = {
  parameters: [
    { name: 'batch_size', expression: { type: 'qloguniform', low: Math.log(16), high: Math.log(512), q: 1 } },
    { name: 'learning_rate', expression: { type: 'loguniform', low: Math.log(1e-4), high: Math.log(0.1) } },
    { name: 'momentum', expression: uniform(0.1, 0.99) },
    { name: 'weight_decay', expression: uniform(1e-5, 0.1) },
    { name: 'num_layers', expression: { type: 'quniform', low: 1, high: 5, q: 1 } },
    { name: 'max_units', expression: { type: 'qloguniform', low: Math.log(64), high: Math.log(1024), q: 1 } },
    { name: 'max_dropout', expression: uniform(0, 1) },
  ],
};

export const LCBENCH_TASKS = ['3945', '7593', '34539', '126025', '167190', '189909'];

function lcbench(surrogate: Surrogate, task: string, seed: number, runs: number): Objective {
  const error = (params: ParamValues) => surrogate.finalError(task, params as unknown as LcbenchConfig);
  return { group: 'lcbench', name: `task ${task}`, seed, runs, space: LCBENCH_SPACE, observe: error, judge: error };
}

export interface SuiteOptions {
  readonly seeds: number;
  readonly runs: number;
  readonly functions: readonly string[];
  readonly surrogate: Surrogate | null;
  /** Skip the 1000-run horizon (the longest part). */
  readonly short: boolean;
  /** Only the groups whose name starts with one of these (all when absent). */
  readonly groups?: readonly string[];
}

/** Every objective of the suite, seeds 1..seeds each. */
export function realisticObjectives(o: SuiteOptions): Objective[] {
  const seeds = Array.from({ length: o.seeds }, (_, s) => s + 1);
  const out: Objective[] = [];
  for (const seed of seeds) {
    for (const name of o.functions) out.push(noisy(name, seed, 0.01, o.runs), noisy(name, seed, 0.05, o.runs));
    if (o.surrogate) for (const task of LCBENCH_TASKS) out.push(lcbench(o.surrogate, task, seed, o.runs));
    for (const name of ['Hartmann6', 'Rosenbrock4']) out.push(illScaled(name, seed, o.runs));
    out.push(mixedHartmann(seed, o.runs), mixedLevy(seed, o.runs));
    for (const name of ['Hartmann6', 'Levy5']) out.push(plain('long 300', name, seed, 300));
    if (!o.short) out.push(plain('long 1000', 'Hartmann6', seed, 1000));
  }
  return out.filter((objective) => !o.groups || o.groups.some((g) => objective.group.startsWith(g)));
}
