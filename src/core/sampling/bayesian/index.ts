/** Bayesian sampling: a Gaussian process with Expected Improvement (see sampler.ts). */
export { createBayesianSampler, initialRuns } from './sampler';
