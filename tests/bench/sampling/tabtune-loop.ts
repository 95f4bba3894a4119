/**
 * Drives a tabtune sampler in-process on one benchmark problem: `runs` evaluations with up to
 * `inFlight` runs pending at once (the oldest finishes first), exactly as the scheduler would call
 * `suggest` with `createRng(seed, index)`.
 */
import { createRng } from '../../../src/core/rng';
import type { Observation, Sampler } from '../../../src/core/sampling/types';
import type { Space } from '../../../src/core/space/types';
import type { ParamValues } from '../../../src/core/types';
import type { Problem } from './problems';

export interface LoopResult {
  /** Best value so far minus the known minimum, after each finished run. */
  readonly regret: number[];
  /** Milliseconds of each suggest call, with the history length it saw. */
  readonly timings: { readonly history: number; readonly ms: number }[];
}

/** The benchmark space of a problem: x0..x{d-1} uniform over the shifted bounds. */
export function problemSpace(problem: Problem): Space {
  return {
    parameters: problem.bounds.map(([low, high], i) => ({ name: `x${i}`, expression: { type: 'uniform', low, high } })),
  };
}

export function runLoop(sampler: Sampler, problem: Problem, runs: number, inFlight: number, seed: number): LoopResult {
  const space = problemSpace(problem);
  const history: Observation[] = [];
  const pending: ParamValues[] = [];
  const regret: number[] = [];
  const timings: { history: number; ms: number }[] = [];
  let best = Infinity;
  let index = 0;
  while (history.length < runs) {
    while (pending.length < inFlight && index < runs) {
      const start = performance.now();
      const params = sampler.suggest({ space, goal: 'minimize', history, pending, index }, createRng(seed, index));
      timings.push({ history: history.length, ms: performance.now() - start });
      if (!params) throw new Error(`${sampler.type} sampler returned nothing at run ${index}`);
      pending.push(params);
      index++;
    }
    const params = pending.shift() as ParamValues;
    const value = problem.fn.evaluate(problem.bounds.map((_, i) => params[`x${i}`] as number));
    history.push({ params, value, status: 'completed' });
    best = Math.min(best, value);
    regret.push(Math.max(0, best - problem.fn.minimum));
  }
  return { regret, timings };
}
