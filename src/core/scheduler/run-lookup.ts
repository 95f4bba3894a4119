/**
 * Lookups over an experiment's runs that cost about the same at 1000 runs as at 10. The state is
 * immutable and every event makes a new runs array, so a run found by walking every run, and lists
 * filtered out of all of them, made each event cost O(runs) (`npm run bench -- scheduler`: mean
 * 15 us per event at 100 runs, 430-580 us at 1000). Here each array carries what was worked out for
 * the array it was made from, changed for the one run that differs:
 * - the position of each run id, which replacing a run leaves as it is and adding one extends;
 * - derived lists (`derivedFromRuns`): the runs in flight here, the policy's cohort in runs.ts.
 * Everything lives in WeakMaps keyed by the array, so nothing is kept once a state is dropped. An
 * array made any other way (restored runs, a test's literal) gets its values worked out once, on
 * first use.
 */
import type { RunStatus } from '../types';
import type { RunRecord } from './types';

/** Statuses of a run that has not ended yet. */
export function isInFlight(status: RunStatus): boolean {
  return status === 'queued' || status === 'running';
}

type Runs = readonly RunRecord[];

/**
 * Id -> position, shared by an array and the arrays made from it by `withRunReplaced` and
 * `withRunAdded`. A shared map may hold ids the array does not (added to a later array), so every
 * hit is checked against the array itself.
 */
const positions = new WeakMap<Runs, Map<string, number>>();

/** Id -> position in `items`; the first item with an id wins, as with a walk from the start. */
export function positionsById(items: readonly { readonly id: string }[]): Map<string, number> {
  const map = new Map<string, number>();
  for (let i = items.length - 1; i >= 0; i--) map.set(items[i].id, i);
  return map;
}

/**
 * Position of `id` in `items` by `at`, a map that may be shared with longer lists: a hit is checked
 * against `items`, and a stale map (another list changed it since) falls back to a walk, which
 * does not happen within one experiment. -1 when absent.
 */
export function checkedPosition(items: readonly { readonly id: string }[], at: ReadonlyMap<string, number>, id: string): number {
  const i = at.get(id);
  if (i !== undefined && items[i]?.id === id) return i;
  return items.findIndex((item) => item.id === id);
}

function positionsOf(runs: Runs): Map<string, number> {
  let map = positions.get(runs);
  if (!map) {
    map = positionsById(runs);
    positions.set(runs, map);
  }
  return map;
}

/** Position of the run with id `id` in `runs`, or -1. */
export function positionOfRun(runs: Runs, id: string): number {
  return checkedPosition(runs, positionsOf(runs), id);
}

/** The run with id `id`, if any. */
export function runById(runs: Runs, id: string): RunRecord | undefined {
  const i = positionOfRun(runs, id);
  return i < 0 ? undefined : runs[i];
}

/**
 * How a derived value follows one change: `before` is the run replaced (undefined when `after` was
 * added at the end). Returns the value for the new array, or undefined to work it out afresh.
 */
export type RunsUpdate<T> = (value: T, before: RunRecord | undefined, after: RunRecord) => T | undefined;

interface Derivation {
  readonly values: WeakMap<Runs, unknown>;
  readonly update: RunsUpdate<unknown>;
}

const derivations: Derivation[] = [];

/**
 * A value worked out from a runs array (`build`), kept per array and carried to the arrays made
 * from it by `update`, so that it is built once per experiment rather than once per event. The
 * value must not be modified by its users.
 */
export function derivedFromRuns<T>(build: (runs: Runs) => T, update: RunsUpdate<T>): (runs: Runs) => T {
  const values = new WeakMap<Runs, T>();
  derivations.push({ values, update: update as RunsUpdate<unknown> });
  return (runs) => {
    if (values.has(runs)) return values.get(runs) as T;
    const value = build(runs);
    values.set(runs, value);
    return value;
  };
}

/** Carries every derived value of `from` to `to`, which differs by `after` in place of `before`. */
function carry(from: Runs, to: Runs, before: RunRecord | undefined, after: RunRecord): void {
  for (const { values, update } of derivations) {
    if (!values.has(from)) continue;
    const next = update(values.get(from), before, after);
    if (next !== undefined) values.set(to, next);
  }
}

/** The runs still queued or running, in run order. */
export const runsInFlight = derivedFromRuns<readonly RunRecord[]>(
  (runs) => runs.filter((run) => isInFlight(run.status)),
  (list, before, after) => {
    if (before === undefined) return isInFlight(after.status) ? [...list, after] : list;
    // Runs only leave flight or change while in it; anything else is worked out afresh.
    if (!isInFlight(before.status)) return isInFlight(after.status) ? undefined : list;
    return isInFlight(after.status) ? list.map((r) => (r === before ? after : r)) : list.filter((r) => r !== before);
  },
);

/** `runs` with the run of `run.id` replaced by `run` (the same array when there is none). */
export function withRunReplaced(runs: Runs, run: RunRecord): Runs {
  const i = positionOfRun(runs, run.id);
  if (i < 0) return runs;
  const next = runs.slice();
  next[i] = run;
  positions.set(next, positionsOf(runs));
  carry(runs, next, runs[i], run);
  return next;
}

/** `runs` with `run` appended. */
export function withRunAdded(runs: Runs, run: RunRecord): Runs {
  const next = [...runs, run];
  const map = positionsOf(runs);
  if (!map.has(run.id)) map.set(run.id, runs.length);
  positions.set(next, map);
  carry(runs, next, undefined, run);
  return next;
}
