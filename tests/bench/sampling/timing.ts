/**
 * Suggest time of the Bayesian sampler with a long history: Hartmann6 with 1000 runs already
 * finished (random configurations, so getting there is cheap), then 20 Bayesian suggestions in a
 * row, each run finishing before the next is asked. The 20 calls include the hyperparameter refits
 * that fall due, so their median and maximum are what a long experiment sees.
 */
import { createRng } from '../../../src/core/rng';
import { createBayesianSampler, type Observation } from '../../../src/core/sampling';
import { sampleSpace } from '../../../src/core/space';
import { FUNCTIONS } from './functions';
import { makeProblem } from './problems';
import { problemSpace } from './tabtune-loop';

/** Milliseconds of 20 suggest calls at histories of 1000..1019 runs. */
export function timeAt1000(history = 1000, calls = 20): number[] {
  const problem = makeProblem(FUNCTIONS.find((f) => f.name === 'Hartmann6')!, 1);
  const space = problemSpace(problem);
  const evaluate = (params: Record<string, unknown>) => problem.fn.evaluate(problem.bounds.map((_, i) => params[`x${i}`] as number));
  const observations: Observation[] = [];
  for (let i = 0; i < history; i++) {
    const params = sampleSpace(space, createRng(1, i));
    observations.push({ params, value: evaluate(params), status: 'completed' });
  }
  const sampler = createBayesianSampler();
  const times: number[] = [];
  for (let c = 0; c < calls; c++) {
    const index = observations.length;
    const start = performance.now();
    const params = sampler.suggest({ space, goal: 'minimize', history: observations, pending: [], index }, createRng(1, index));
    times.push(performance.now() - start);
    observations.push({ params: params!, value: evaluate(params!), status: 'completed' });
  }
  return times;
}
