import type { Space } from '../space/types';
import type { ParamValues } from '../types';
import { PairMemo } from './pair-memo';

/**
 * A string equal for equal configurations of `space` (values in parameter order), used to keep a
 * sampler from proposing a configuration that already ran or is in flight.
 */
export function configKey(space: Space, params: ParamValues): string {
  return JSON.stringify(space.parameters.map((p) => params[p.name] ?? null));
}

/**
 * Keys already made for configurations of a history, by space and configuration object. A
 * history's objects persist from one suggestion to the next (the scheduler's observations, a
 * sampler worker's received history) and are never changed, so each is stringified once: making
 * every key on every suggestion cost ~1 ms at 1000 runs, a tenth of a Bayesian suggestion.
 */
const keys = new PairMemo<Space, ParamValues, string>();

/** Keys of every configuration in `history` (priors included or not) and `pending`. */
export function usedKeys(
  space: Space,
  history: readonly { readonly params: ParamValues; readonly prior?: boolean }[],
  pending: readonly ParamValues[],
  includePriors: boolean,
): Set<string> {
  const used = new Set<string>();
  for (const o of history) if (includePriors || !o.prior) used.add(keys.get(space, o.params, () => configKey(space, o.params)));
  for (const p of pending) used.add(keys.get(space, p, () => configKey(space, p)));
  return used;
}
