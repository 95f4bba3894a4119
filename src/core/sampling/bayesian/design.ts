/**
 * The space-filling initial design: a sequential maximin Latin hypercube. Each new point takes, in
 * every coordinate, a stratum that no earlier point (finished, failed, in flight or a warm-start
 * prior) occupies yet (Latin hypercube sampling, McKay, Beckman & Conover 1979), and among
 * `CANDIDATES` such draws the one farthest from its nearest earlier point wins (Mitchell's best
 * candidate, 1991). It needs nothing but the points already there and the run's own seeded rng,
 * so it is rebuilt exactly after a reload and never gives two runs in flight the same point.
 */
import type { Rng } from '../../rng';

const CANDIDATES = 24;

/** One coordinate: a random free stratum out of `strata` and a uniform position inside it. */
function drawCoordinate(taken: readonly boolean[], strata: number, rng: Rng): number {
  const free: number[] = [];
  for (let s = 0; s < strata; s++) if (!taken[s]) free.push(s);
  const stratum = free.length > 0 ? free[rng.int(free.length)] : rng.int(strata);
  return (stratum + rng.next()) / strata;
}

function nearestSquaredDistance(u: Float64Array, existing: readonly Float64Array[]): number {
  let best = Infinity;
  for (const e of existing) {
    let d = 0;
    for (let i = 0; i < u.length; i++) d += (u[i] - e[i]) ** 2;
    if (d < best) best = d;
  }
  return best;
}

/**
 * The next design point in [0, 1]^size given `existing` points. `strata` is the design's planned
 * size (at least existing + 1 strata are used).
 */
export function nextDesignPoint(size: number, existing: readonly Float64Array[], strata: number, rng: Rng): Float64Array {
  const count = Math.max(strata, existing.length + 1);
  const taken: boolean[][] = Array.from({ length: size }, () => new Array<boolean>(count).fill(false));
  for (const e of existing) {
    for (let i = 0; i < size; i++) taken[i][Math.min(count - 1, Math.max(0, Math.floor(e[i] * count)))] = true;
  }
  let best = new Float64Array(size);
  let bestDistance = -1;
  for (let c = 0; c < CANDIDATES; c++) {
    const u = new Float64Array(size);
    for (let i = 0; i < size; i++) u[i] = drawCoordinate(taken[i], count, rng);
    const d = existing.length > 0 ? nearestSquaredDistance(u, existing) : 0;
    if (d > bestDistance) {
      best = u;
      bestDistance = d;
    }
  }
  return best;
}
