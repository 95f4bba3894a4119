/**
 * The cohort of SPEC section 4 and the two statistics policies compare on. Everything here reads a
 * curve only up to interval N: a run is compared with what the others had logged by then, never
 * with what they logged later.
 */
import { isBetter } from '../goal';
import type { Goal } from '../types';
import type { RunCurve } from './types';

/**
 * True when `y` is worse than `threshold` under `goal` by more than rounding: thresholds and means
 * come out of float arithmetic (0.8 - 0.2 is 0.6000000000000001), and a value that equals the
 * threshold up to the last bits is a tie, which never stops a run.
 */
export function isWorseBeyondRounding(y: number, threshold: number, goal: Goal): boolean {
  if (!isBetter(threshold, y, goal)) return false;
  return Math.abs(y - threshold) > 1e-12 * Math.max(Math.abs(y), Math.abs(threshold));
}

/** The better of two values under `goal`. */
export function better(a: number, b: number, goal: Goal): number {
  return isBetter(b, a, goal) ? b : a;
}

/** y(r, N): the best of `values` over intervals 1..n (max or min per goal); `n` >= 1. */
export function bestUpTo(values: readonly number[], n: number, goal: Goal): number {
  let best = values[0];
  for (let i = 1; i < n; i++) best = better(best, values[i], goal);
  return best;
}

/** a(r, N): the mean of `values` over intervals 1..n; `n` >= 1. */
export function meanUpTo(values: readonly number[], n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  return sum / n;
}

/** True when intervals 1..n of `values` are all finite numbers (a NaN run fails instead). */
export function finiteUpTo(values: readonly number[], n: number): boolean {
  for (let i = 0; i < n; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

/** Which runs of the cohort to keep. */
export interface CohortOptions {
  /** Leave out runs that no longer run (completed, stopped, ... and warm-start priors). */
  readonly excludeFinished?: boolean;
}

/**
 * The cohort at interval `n` for `run`: every other run (priors included) that has logged at least
 * `n` intervals, running, finished or stopped. A cohort run whose first `n` values are not all
 * finite is left out: it failed, and a policy compares only with real measurements. `run` itself is
 * recognised by identity, or by id among runs of this experiment (priors may reuse an id).
 */
export function cohortAt(
  run: RunCurve,
  others: readonly RunCurve[],
  n: number,
  options: CohortOptions = {},
): RunCurve[] {
  return others.filter((other) => {
    if (other === run || (other.id === run.id && !other.prior)) return false;
    if (other.values.length < n) return false;
    if (options.excludeFinished && other.finished) return false;
    return finiteUpTo(other.values, n);
  });
}

/** The word for a goal's comparison in reasons: `<` when maximizing (stop below), `>` when minimizing. */
export function worseSign(goal: Goal): '<' | '>' {
  return goal === 'maximize' ? '<' : '>';
}
