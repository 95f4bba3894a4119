/**
 * The box the acquisition is searched in once the history outgrows the model's window: a trust
 * region around the best run, as in TuRBO (Eriksson et al. 2019, "Scalable Global Optimization
 * via Local Bayesian Optimization"), but rebuilt from the history alone (no success counters), so
 * a reloaded tab gets the same box.
 *
 * Why: measured on Hartmann6, past ~150 runs global EI proposed corner after corner of the cube
 * (the runs the window leaves out become uncertain again) and the best value did not move from
 * run 160 to 300 or 1000. Inside the box the model is dense, and the box shrinks as runs gather
 * near the best.
 */
import type { Point } from './model';

/** A box in the unit cube. */
export interface Region {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/** Smallest half-width of the box per coordinate, so that it never collapses onto one point. */
const MIN_HALF_WIDTH = 0.005;

/** Squared Euclidean distance of two unit points. */
export function squaredDistance(a: Float64Array, b: Float64Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d += (a[i] - b[i]) ** 2;
  return d;
}

/**
 * The box around the best of `points` (lowest z) by the region's rule (`boxAround`); null while the
 * history fits the model (`points.length <= limit`), when the search stays global.
 */
export function trustRegion(points: readonly Point[], limit: number): Region | null {
  if (points.length <= limit) return null;
  let best = points[0];
  for (const p of points) if (p.z < best.z) best = p;
  return boxAround(best.u, points);
}

/**
 * The box around `c` (a unit point, usually one of `points`) whose half-width per coordinate is
 * twice the largest distance, in that coordinate, from `c` to its 2 (size + 1) nearest `points`.
 */
export function boxAround(c: Float64Array, points: readonly Point[]): Region {
  const neighbours = points
    .filter((p) => p.u !== c)
    .sort((a, b) => squaredDistance(a.u, c) - squaredDistance(b.u, c))
    .slice(0, 2 * (c.length + 1));
  const lower = new Float64Array(c.length);
  const upper = new Float64Array(c.length);
  for (let i = 0; i < c.length; i++) {
    let w = MIN_HALF_WIDTH;
    for (const p of neighbours) w = Math.max(w, 2 * Math.abs(p.u[i] - c[i]));
    lower[i] = Math.max(0, c[i] - w);
    upper[i] = Math.min(1, c[i] + w);
  }
  return { lower, upper };
}
