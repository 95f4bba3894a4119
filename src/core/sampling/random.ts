/**
 * Random sampling (SPEC section 2): every parameter drawn independently from its expression with
 * `sampleSpace`, seeded per run. In a space where every parameter is discrete, a configuration
 * that already ran or is in flight is drawn again, at most `REDRAWS` times (after that, or once
 * the space is used up, the duplicate is returned: random sampling never runs out).
 */
import type { Rng } from '../rng';
import { isDiscrete, sampleSpace } from '../space';
import type { ParamValues } from '../types';
import { configKey, usedKeys } from './key';
import type { Sampler, SuggestRequest } from './types';

const REDRAWS = 64;

/** The random sampler. Ignores history values and warm-start priors; looks only at what ran. */
export function createRandomSampler(): Sampler {
  return {
    type: 'random',
    suggest(request: SuggestRequest, rng: Rng): ParamValues {
      const { space } = request;
      const first = sampleSpace(space, rng);
      const discrete = space.parameters.every((p) => isDiscrete(p.expression));
      if (!discrete || (request.history.length === 0 && request.pending.length === 0)) return first;
      const used = usedKeys(space, request.history, request.pending, false);
      let params = first;
      for (let attempt = 0; attempt < REDRAWS && used.has(configKey(space, params)); attempt++) {
        params = sampleSpace(space, rng);
      }
      return params;
    },
  };
}
