/**
 * From observations to a GP posterior: output warping and standardisation, the window of
 * observations modelled when the history is long, hyperparameters (memoised, hyper-cache.ts), and
 * the points that are not plain observations:
 * - runs in flight enter as "constant liars" at the best value so far (Ginsbourger, Le Riche &
 *   Carraro 2010, "Kriging is well-suited to parallelize optimization"): the posterior variance
 *   there collapses, so the next suggestion for a free worker goes elsewhere;
 * - failed runs (no value) enter at the worst value observed, so the sampler steers away from
 *   regions that crash; neither liars nor failures take part in the hyperparameter fit.
 */
import type { Encoding } from './encoding';
import { createPosterior, type Posterior } from './gp';
import { cachedFit, checkpoint } from './hyper-cache';

/** Observations kept in the model; above this, the best half plus a spread of the rest. */
export const MAX_MODEL = 200;
/** Observations the hyperparameters are fitted on (the same rule, smaller). */
const MAX_FIT = 120;
/** How many of the best runs seed the local search. */
const INCUMBENTS = 5;

/** One finished run in unit coordinates, `z` oriented so that lower is better. */
export interface Point {
  readonly u: Float64Array;
  readonly z: number;
}

/** What the acquisition needs. */
export interface Model {
  readonly posterior: Posterior;
  /** The incumbent in the posterior's (standardised) units. */
  readonly best: number;
  /** Unit points of the best runs, best first. */
  readonly incumbents: readonly Float64Array[];
}

/** Indices of at most `limit` points: the best half, then an even spread over the rest (in order). */
export function window(points: readonly Point[], limit: number): number[] {
  if (points.length <= limit) return points.map((_, i) => i);
  const byValue = points.map((_, i) => i).sort((a, b) => points[a].z - points[b].z);
  const keep = new Set(byValue.slice(0, Math.floor(limit / 2)));
  const rest = points.map((_, i) => i).filter((i) => !keep.has(i));
  const wanted = limit - keep.size;
  for (let k = 0; k < wanted; k++) keep.add(rest[Math.floor(((k + 0.5) * rest.length) / wanted)]);
  return [...keep].sort((a, b) => a - b);
}

function standardize(z: ArrayLike<number>): Float64Array {
  const n = z.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += z[i] / n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (z[i] - mean) ** 2 / n;
  const sd = Math.sqrt(variance) || 1;
  return Float64Array.from(z, (v) => (v - mean) / sd);
}

function yeoJohnson(v: number, lambda: number): number {
  if (v >= 0) return Math.abs(lambda) < 1e-9 ? Math.log1p(v) : ((v + 1) ** lambda - 1) / lambda;
  return Math.abs(lambda - 2) < 1e-9 ? -Math.log1p(-v) : -((1 - v) ** (2 - lambda) - 1) / (2 - lambda);
}

function yeoJohnsonLogLikelihood(z: Float64Array, lambda: number): number {
  const n = z.length;
  const t = z.map((v) => yeoJohnson(v, lambda));
  let mean = 0;
  for (const v of t) mean += v / n;
  let variance = 0;
  for (const v of t) variance += (v - mean) ** 2 / n;
  let jacobian = 0;
  for (const v of z) jacobian += Math.sign(v) * Math.log1p(Math.abs(v));
  return -0.5 * n * Math.log(Math.max(variance, 1e-300)) + (lambda - 1) * jacobian;
}

/** Yeo-Johnson lambda maximising the normal likelihood, by golden-section search on [-2, 2]. */
function fitLambda(z: Float64Array): number {
  let a = -2;
  let b = 2;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 40; i++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (yeoJohnsonLogLikelihood(z, c) > yeoJohnsonLogLikelihood(z, d)) b = d;
    else a = c;
  }
  return (a + b) / 2;
}

export const warpMode = { mode: (globalThis as { __TT_WARP?: string }).__TT_WARP ?? 'none' };

/**
 * Output warping then standardisation. The warp is monotone, so the order of runs, and with it
 * the incumbent, is unchanged.
 */
export function transformOutputs(z: readonly number[]): Float64Array {
  const s = standardize(z);
  if (warpMode.mode === 'none') return s;
  if (warpMode.mode === 'log') {
    let min = Infinity;
    for (const v of s) min = Math.min(min, v);
    return standardize(s.map((v) => Math.log(v - min + 0.1)));
  }
  const lambda = fitLambda(s);
  return standardize(s.map((v) => yeoJohnson(v, lambda)));
}

function featureMatrix(encoding: Encoding, us: readonly Float64Array[]): Float64Array {
  const x = new Float64Array(us.length * encoding.features);
  us.forEach((u, i) => encoding.featuresOf(u, x, i * encoding.features));
  return x;
}

function fitTheta(encoding: Encoding, points: readonly Point[]): Float64Array {
  const prefix = points.slice(0, checkpoint(points.length));
  const chosen = window(prefix, MAX_FIT).map((i) => prefix[i]);
  const x = featureMatrix(encoding, chosen.map((p) => p.u));
  return cachedFit(x, transformOutputs(chosen.map((p) => p.z)), chosen.length, encoding.features);
}

/** The model of `points` (at least 2, in history order), with `failed` and `pending` unit points. */
export function buildModel(
  encoding: Encoding,
  points: readonly Point[],
  failed: readonly Float64Array[],
  pending: readonly Float64Array[],
): Model {
  const theta = fitTheta(encoding, points);
  const modelled = window(points, MAX_MODEL).map((i) => points[i]);
  const y = transformOutputs(modelled.map((p) => p.z));
  let best = Infinity;
  let worst = -Infinity;
  for (const v of y) {
    best = Math.min(best, v);
    worst = Math.max(worst, v);
  }
  const us = [...modelled.map((p) => p.u), ...failed, ...pending];
  const targets = Float64Array.from([...y, ...failed.map(() => worst), ...pending.map(() => best)]);
  const posterior = createPosterior(featureMatrix(encoding, us), targets, us.length, encoding.features, theta);
  const order = modelled.map((_, i) => i).sort((a, b) => y[a] - y[b]);
  const incumbents = order.slice(0, INCUMBENTS).map((i) => modelled[i].u);
  return { posterior, best, incumbents };
}
