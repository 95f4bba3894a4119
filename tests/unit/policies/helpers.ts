/** Small builders for policy scenarios: plain curves in, decisions out. */
import type { RunCurve } from '../../../src/core/policies';

/** A running run with `values` (index 0 = interval 1). */
export function running(id: string, values: readonly number[]): RunCurve {
  return { id, values, finished: false };
}

/** A run that completed all of `values`. */
export function finished(id: string, values: readonly number[]): RunCurve {
  return { id, values, finished: true };
}

/** A run stopped by a policy after logging `values`. */
export const stopped = finished;

/** A run of a warm-start parent experiment. */
export function prior(id: string, values: readonly number[]): RunCurve {
  return { id, values, finished: true, prior: true };
}

/** `n` intervals whose best is `best`, reached at the last one (earlier values are worse). */
export function rising(best: number, n: number, goal: 'maximize' | 'minimize' = 'maximize'): number[] {
  const step = goal === 'maximize' ? -0.01 : 0.01;
  return Array.from({ length: n }, (_, i) => best + step * (n - 1 - i));
}

/** `n` copies of `value`. */
export function flat(value: number, n: number): number[] {
  return Array.from({ length: n }, () => value);
}

/** The same curve with every value negated (for the maximize/minimize mirror). */
export function negate(run: RunCurve): RunCurve {
  return { ...run, values: run.values.map((v) => -v) };
}
