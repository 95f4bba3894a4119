import type { Space } from '../space/types';
import type { ParamValues } from '../types';

/**
 * A string equal for equal configurations of `space` (values in parameter order), used to keep a
 * sampler from proposing a configuration that already ran or is in flight.
 */
export function configKey(space: Space, params: ParamValues): string {
  return JSON.stringify(space.parameters.map((p) => params[p.name] ?? null));
}

/** Keys of every configuration in `history` (priors included or not) and `pending`. */
export function usedKeys(
  space: Space,
  history: readonly { readonly params: ParamValues; readonly prior?: boolean }[],
  pending: readonly ParamValues[],
  includePriors: boolean,
): Set<string> {
  const keys = new Set<string>();
  for (const o of history) if (includePriors || !o.prior) keys.add(configKey(space, o.params));
  for (const p of pending) keys.add(configKey(space, p));
  return keys;
}
