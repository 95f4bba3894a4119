/**
 * "Is this value better" and "the best of these values" under a goal (SPEC section 3): the one rule
 * for the scheduler, the policies, ask-tell, replay, persistence and the training worker. A
 * non-finite value (NaN, or Infinity from a diverged run) is never the best one.
 */
import type { Goal } from './types';

/** True when `a` is strictly better than `b` under `goal` (false whenever either is NaN). */
export function isBetter(a: number, b: number, goal: Goal): boolean {
  return goal === 'maximize' ? a > b : a < b;
}

/**
 * The best finite value of `values` and its 1-based interval (the earlier one on ties), or null
 * when no value is finite.
 */
export function bestIntervalOf(values: readonly number[], goal: Goal): { value: number; interval: number } | null {
  let best: { value: number; interval: number } | null = null;
  values.forEach((value, i) => {
    if (Number.isFinite(value) && (best === null || isBetter(value, best.value, goal))) best = { value, interval: i + 1 };
  });
  return best;
}

/** The best finite value of `values` under `goal`, or null when there is none. */
export function bestOf(values: readonly number[], goal: Goal): number | null {
  return bestIntervalOf(values, goal)?.value ?? null;
}
