/**
 * Benchmark problems: each test function on its standard domain shifted by a seeded offset (up to
 * 15% of the width per dimension), so that no sampler profits from an optimum at the centre or on
 * a lattice point. The offset keeps at least one global minimiser inside, with a margin, so the
 * known minimum stays the true one.
 */
import { createRng } from '../../../src/core/rng';
import { FUNCTIONS, type TestFunction } from './functions';

export interface Problem {
  readonly fn: TestFunction;
  readonly seed: number;
  /** Shifted per-dimension [low, high]. */
  readonly bounds: readonly (readonly [number, number])[];
}

function inside(point: readonly number[], bounds: readonly (readonly [number, number])[]): boolean {
  return point.every((v, i) => {
    const [low, high] = bounds[i];
    const margin = 0.02 * (high - low);
    return v >= low + margin && v <= high - margin;
  });
}

/** The problem of `fn` for benchmark seed `seed` (the same for every sampler and language). */
export function makeProblem(fn: TestFunction, seed: number): Problem {
  const rng = createRng(seed * 7919 + fn.name.length * 104729 + fn.dim, 99);
  for (;;) {
    const bounds = fn.bounds.map(([low, high]) => {
      const shift = (rng.next() * 2 - 1) * 0.15 * (high - low);
      return [low + shift, high + shift] as const;
    });
    if (fn.minimizers.some((m) => inside(m, bounds))) return { fn, seed, bounds };
  }
}

/** Every problem of the benchmark: functions x seeds 1..seeds. */
export function makeProblems(seeds: number, names?: readonly string[]): Problem[] {
  const fns = FUNCTIONS.filter((f) => !names || names.includes(f.name));
  return fns.flatMap((fn) => Array.from({ length: seeds }, (_, s) => makeProblem(fn, s + 1)));
}
