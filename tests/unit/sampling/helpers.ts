/**
 * Shared drivers for the sampling tests: run a sampler the way the scheduler does (history in
 * start order, runs in flight as pending, `createRng(seed, index)`), and check values against
 * their expression's support.
 */
import { createRng } from '../../../src/core/rng';
import type { Observation, Sampler } from '../../../src/core/sampling';
import { parseSpace, type Expression, type Space } from '../../../src/core/space';
import type { Goal, ParamValue, ParamValues } from '../../../src/core/types';

export type Objective = (params: ParamValues) => number | null;

export interface DriveOptions {
  readonly runs: number;
  readonly seed: number;
  readonly inFlight?: number;
  readonly goal?: Goal;
  readonly priors?: readonly Observation[];
}

/** Every suggestion in order (null included, and the loop stops there) and the final history. */
export function drive(sampler: Sampler, space: Space, objective: Objective, options: DriveOptions) {
  const { runs, seed, inFlight = 1, goal = 'minimize' } = options;
  const history: Observation[] = [...(options.priors ?? [])];
  const pending: ParamValues[] = [];
  const suggestions: (ParamValues | null)[] = [];
  let index = 0;
  while (index < runs || pending.length > 0) {
    while (pending.length < inFlight && index < runs) {
      const params = sampler.suggest({ space, goal, history, pending, index }, createRng(seed, index));
      suggestions.push(params);
      index++;
      if (params === null) return { suggestions, history };
      pending.push(params);
    }
    const params = pending.shift() as ParamValues;
    const value = objective(params);
    history.push({ params, value, status: value === null ? 'failed' : 'completed' });
  }
  return { suggestions, history };
}

function isMultiple(value: number, q: number): boolean {
  const k = value / q;
  return Math.abs(k - Math.round(k)) < 1e-6;
}

/** Why `value` is outside the support of `expression`, or null when it is inside. */
export function supportProblem(expression: Expression, value: ParamValue): string | null {
  const e = expression;
  if (e.type === 'choice') return e.values.includes(value) ? null : `not one of the choices`;
  if (typeof value !== 'number' || !Number.isFinite(value)) return `not a finite number`;
  const inside = (low: number, high: number) => value >= low - 1e-12 && value <= high + 1e-12;
  switch (e.type) {
    case 'randint':
      return Number.isInteger(value) && value >= 0 && value < e.upper ? null : 'not an integer in range';
    case 'uniform':
      return inside(e.low, e.high) ? null : 'outside [low, high]';
    case 'loguniform':
      return inside(Math.exp(e.low), Math.exp(e.high)) ? null : 'outside [e^low, e^high]';
    case 'quniform': {
      const ok = isMultiple(value, e.q) && inside(Math.round(e.low / e.q) * e.q, Math.round(e.high / e.q) * e.q);
      return ok ? null : 'not a multiple of q within the rounded bounds';
    }
    case 'qloguniform': {
      const low = Math.round(Math.exp(e.low) / e.q) * e.q;
      const high = Math.round(Math.exp(e.high) / e.q) * e.q;
      return isMultiple(value, e.q) && inside(low, high) ? null : 'not a multiple of q within the rounded bounds';
    }
    case 'normal':
      return null;
    case 'lognormal':
      return value > 0 ? null : 'not positive';
    case 'qnormal':
      return isMultiple(value, e.q) ? null : 'not a multiple of q';
    case 'qlognormal':
      return isMultiple(value, e.q) && value >= 0 ? null : 'not a non-negative multiple of q';
  }
}

/** Problems of one configuration: missing, extra or out-of-support values. */
export function configurationProblems(space: Space, params: ParamValues): string[] {
  const problems: string[] = [];
  for (const p of space.parameters) {
    if (!(p.name in params)) problems.push(`${p.name}: missing`);
    else {
      const problem = supportProblem(p.expression, params[p.name]);
      if (problem) problems.push(`${p.name} = ${JSON.stringify(params[p.name])}: ${problem}`);
    }
  }
  for (const name of Object.keys(params)) {
    if (!space.parameters.some((p) => p.name === name)) problems.push(`${name}: not in the space`);
  }
  return problems;
}

/** Branin on [-5, 10] x [0, 15] as parameters x and y, minimum 0.397887. */
export function branin(params: ParamValues): number {
  const x1 = params.x as number;
  const x2 = params.y as number;
  const b = 5.1 / (4 * Math.PI ** 2);
  return (x2 - b * x1 * x1 + (5 / Math.PI) * x1 - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x1) + 10;
}

/** Median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The unit square as a space: unit coordinates are the values themselves. */
export const UNIT_SQUARE = '{"x": uniform(0, 1), "y": uniform(0, 1)}';

/**
 * The history of `runs` Bayesian runs (seed `seed`) on a two-basin bowl over `UNIT_SQUARE` with
 * Gaussian noise of 5% of its range, so the model's fit finds noise.
 */
export function noisyTwoBasinsHistory(sampler: Sampler, runs: number, seed: number): Observation[] {
  const noise = createRng(77, 0);
  const objective = (p: ParamValues) => {
    const x = p.x as number;
    const y = p.y as number;
    return Math.min((x - 0.2) ** 2 + (y - 0.3) ** 2, 0.02 + (x - 0.8) ** 2 + (y - 0.7) ** 2) + 0.03 * noise.normal();
  };
  return drive(sampler, parseSpace(UNIT_SQUARE), objective, { runs, seed }).history;
}
