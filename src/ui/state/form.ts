/** Small helpers for the builder's inputs. */

/** A number input's value; null while it is empty or not a number. */
export function numberOf(input: HTMLInputElement): number | null {
  const value = input.valueAsNumber;
  return Number.isNaN(value) ? null : value;
}

/** Keys of the experiment file whose problems the field groups show next to their inputs. */
export const FIELD_KEYS = {
  model: ['model', 'name', 'backend'],
  limits: ['maxTotalRuns', 'maxConcurrentRuns', 'maxDurationMinutes', 'maxFailedRuns'],
  sampling: ['sampling'],
  metric: ['primaryMetricName', 'primaryMetricGoal'],
  policy: ['policy'],
} as const satisfies Record<string, readonly string[]>;

type Problem = { key: string; message: string } | null;

/** The problem to show next to the field `key`, if the config's first problem is about it. */
export function errorFor(error: Problem, ...keys: readonly string[]): string | null {
  return error && keys.includes(error.key) ? error.message : null;
}

/**
 * The problem to show by the Start button: only one no field group shows (a space problem is shown
 * under its lines), so each problem is announced once.
 */
export function startError(error: Problem): string | null {
  if (!error || error.key === 'space') return null;
  return Object.values(FIELD_KEYS).some((keys) => errorFor(error, ...keys)) ? null : error.message;
}
