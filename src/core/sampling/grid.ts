/**
 * Grid sampling (SPEC section 2): the Cartesian product of the choices in the stable order of
 * `gridPoint` (first parameter slowest), each configuration once. The next run gets the first
 * configuration that has not run in this experiment and is not in flight, so a reloaded tab, a
 * failed run or runs finishing out of order never cause a repeat or a gap. Warm-start priors do
 * not count as run. `null` once the grid is exhausted; a space with any non-choice parameter is an
 * InvalidSpaceError naming it.
 */
import type { Rng } from '../rng';
import { gridPoint, gridSize } from '../space';
import type { ParamValues } from '../types';
import { configKey, usedKeys } from './key';
import type { Sampler, SuggestRequest } from './types';

/** The grid sampler. Uses no randomness. */
export function createGridSampler(): Sampler {
  return {
    type: 'grid',
    suggest(request: SuggestRequest, _rng: Rng): ParamValues | null {
      const { space } = request;
      const size = gridSize(space);
      const used = usedKeys(space, request.history, request.pending, false);
      // At most used.size points are skipped, so this ends after used.size + 1 steps.
      for (let i = 0; i < size; i++) {
        const params = gridPoint(space, i);
        if (!used.has(configKey(space, params))) return params;
      }
      return null;
    },
  };
}
