import { InvalidConfigError } from '../errors';
import type { SamplingType } from '../types';
import { createBayesianSampler } from './bayesian';
import { createGridSampler } from './grid';
import { createRandomSampler } from './random';
import type { Sampler } from './types';

/** The sampler for `type` (SPEC section 2); InvalidConfigError for an unknown type. */
export function createSampler(type: SamplingType): Sampler {
  switch (type) {
    case 'random':
      return createRandomSampler();
    case 'grid':
      return createGridSampler();
    case 'bayesian':
      return createBayesianSampler();
    default:
      throw new InvalidConfigError(
        `sampling type must be "random", "grid" or "bayesian" (got ${JSON.stringify(type as unknown)})`,
      );
  }
}
