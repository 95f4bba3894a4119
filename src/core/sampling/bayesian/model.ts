/**
 * From observations to a GP posterior: warped outputs (warp.ts), the window of
 * observations modelled when the history is long, hyperparameters (memoised, hyper-cache.ts), and
 * the points that are not plain observations:
 * - runs in flight enter with the "kriging believer" heuristic of Ginsbourger, Le Riche &
 *   Carraro 2010 ("Kriging is well-suited to parallelize optimization"): their value is taken to be
 *   the posterior mean, so the variance there collapses and the next free worker goes elsewhere,
 *   and the incumbent of EI includes these believed values; EI is then averaged over draws of
 *   what up to three of them (those nearest the best run) may really score (fantasies.ts), for
 *   which the model hands over `inFlight`;
 * - failed runs (no value) enter at the worst value observed, so the sampler steers away from
 *   regions that crash; neither runs in flight nor failures take part in the hyperparameter fit.
 */
import type { Encoding } from './encoding';
import { inDrawOrder, type InFlightOutcomes } from './fantasies';
import { createPosterior, extendPosterior, type Posterior } from './gp';
import { noiseIndex, signalIndex } from './kernel';
import { cachedFit, checkpoint } from './hyper-cache';
import { squaredDistance, trustRegion, type Region } from './trust-region';
import { transformOutputs } from './warp';

/**
 * Observations kept in the model. Beyond it the model is windowed (`window`): the runs nearest the
 * best plus an even spread of the others, which keeps an O(n^3) factorisation and O(n^2)
 * predictions bounded, so a suggestion at 1000 runs costs about what one at 160 does; the
 * acquisition is then searched in a trust region around the best (trust-region.ts).
 */
export const MAX_MODEL = 160;
/** Failed runs kept in the model (the most recent). */
const MAX_FAILED = 40;
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
  /** Points in the posterior (observations modelled, failures, runs in flight). */
  readonly size: number;
  /** Where to search the acquisition once the history outgrows the window; null: everywhere. */
  readonly region: Region | null;
  /** The fitted observation noise's share of the output variance, noise / (signal + noise). */
  readonly noiseShare: number;
  /**
   * With runs in flight, what the acquisition needs to draw the outcomes of up to three of them
   * (fantasies.ts); else null.
   */
  readonly inFlight: InFlightOutcomes | null;
}

/** Share of a full window given to the nearest neighbours of the best run. */
const LOCAL_SHARE = 0.75;

/**
 * Indices of at most `limit` points: the nearest neighbours of the best run (in the unit cube),
 * then an even spread over the rest (in run order). The model is dense where the trust region
 * (trust-region.ts) searches once the history is this long; the spread keeps the rest of the
 * space in view. Measured on its own, without the trust region, this window did no better than
 * the best half did (long 300 runs: no progress after 160 either way).
 */
export function window(points: readonly Point[], limit: number): number[] {
  if (points.length <= limit) return points.map((_, i) => i);
  let best = 0;
  points.forEach((p, i) => {
    if (p.z < points[best].z) best = i;
  });
  const distance = points.map((p) => squaredDistance(p.u, points[best].u));
  const byDistance = points.map((_, i) => i).sort((a, b) => distance[a] - distance[b]);
  const keep = new Set(byDistance.slice(0, Math.floor(limit * LOCAL_SHARE)));
  const rest = points.map((_, i) => i).filter((i) => !keep.has(i));
  const wanted = limit - keep.size;
  for (let k = 0; k < wanted; k++) keep.add(rest[Math.floor(((k + 0.5) * rest.length) / wanted)]);
  return [...keep].sort((a, b) => a - b);
}

function featureMatrix(encoding: Encoding, us: readonly Float64Array[]): Float64Array {
  const x = new Float64Array(us.length * encoding.features);
  us.forEach((u, i) => encoding.featuresOf(u, x, i * encoding.features));
  return x;
}

/** The hyperparameters for `points`: fitted on the first `checkpoint(n)` of them (memoised). */
export function fitTheta(encoding: Encoding, points: readonly Point[]): Float64Array {
  const prefix = points.slice(0, checkpoint(points.length));
  const chosen = window(prefix, MAX_FIT).map((i) => prefix[i]);
  const x = featureMatrix(encoding, chosen.map((p) => p.u));
  const z = Float64Array.from(chosen, (p) => p.z);
  return cachedFit(x, z, chosen.length, encoding.features, () => transformOutputs(Array.from(z)));
}

/**
 * The kriging believer's values for runs in flight: the posterior mean there. Conditioning a GP on
 * its own mean leaves the mean unchanged everywhere and only shrinks the variance, so the result
 * is the same as believing the runs one after the other, for the price of one extra solve.
 * Measured on the benchmark, the "constant liar" at the best value dragged the mean down wherever
 * runs were in flight and with 8 of them turned the search into a random walk (Branin regret 0.34
 * instead of 1e-5); a liar at the mean was worse too, and pessimistic believers (mean + 0.5 or
 * 1 sigma) were no better than the plain believer.
 */
function believedValues(encoding: Encoding, posterior: Posterior, pending: readonly Float64Array[]): number[] {
  const features = new Float64Array(encoding.features);
  return pending.map((u) => {
    encoding.featuresOf(u, features, 0);
    return posterior.mean(features);
  });
}

/** t(x_j) of each run drawn x_j, the posterior's last `drawn.length` rows (fantasies.ts). */
function tailsAt(encoding: Encoding, posterior: Posterior, drawn: readonly Float64Array[]): Float64Array[] {
  const features = new Float64Array(encoding.features);
  const out = new Float64Array(2);
  return drawn.map((u) => {
    encoding.featuresOf(u, features, 0);
    const tail = new Float64Array(drawn.length);
    posterior.predict(features, out, tail);
    return tail;
  });
}

/**
 * The model of `points` (at least 2, in history order), with `failed` and `pending` unit points;
 * `fitted` hyperparameters are used as given, otherwise they are fitted (or taken from the memo).
 */
export function buildModel(
  encoding: Encoding,
  points: readonly Point[],
  failed: readonly Float64Array[],
  pending: readonly Float64Array[],
  fitted?: Float64Array,
): Model {
  const theta = fitted ?? fitTheta(encoding, points);
  const modelled = window(points, MAX_MODEL).map((i) => points[i]);
  const y = transformOutputs(modelled.map((p) => p.z));
  let worst = -Infinity;
  for (const v of y) worst = Math.max(worst, v);
  const known = [...modelled.map((p) => p.u), ...failed.slice(-MAX_FAILED)];
  const knownY = Float64Array.from(known.map((_, i) => (i < y.length ? y[i] : worst)));
  let posterior = createPosterior(featureMatrix(encoding, known), knownY, known.length, encoding.features, theta);
  // The incumbent is the best run as the model sees it (its latent mean), not the best observed
  // value: with noise, the luckiest draw would otherwise set a bar no configuration can clear, and
  // EI would crowd around it (the "plug-in" incumbent of Picheny et al. 2013). Noise-free fits
  // give the same incumbent as before.
  const means = posterior.trainingMeans.subarray(0, y.length);
  let best = Infinity;
  for (const v of means) best = Math.min(best, v);
  const order = modelled.map((_, i) => i).sort((a, b) => means[a] - means[b]);
  const incumbents = order.slice(0, INCUMBENTS).map((i) => modelled[i].u);
  let inFlight: InFlightOutcomes | null = null;
  if (pending.length > 0) {
    const { ordered, drawn } = inDrawOrder(pending, incumbents[0]);
    const lies = believedValues(encoding, posterior, ordered);
    // The believed runs are data now, so EI must improve on them too (Ginsbourger et al.'s
    // augmented data set); otherwise every free worker chases the improvement already claimed.
    // Those drawn improve on it only in the draws where they do (fantasies.ts).
    const undrawn = ordered.length - drawn;
    for (let j = 0; j < undrawn; j++) best = Math.min(best, lies[j]);
    const undrawnBest = best;
    for (let j = undrawn; j < lies.length; j++) best = Math.min(best, lies[j]);
    const us = [...known, ...ordered];
    const targets = Float64Array.from([...knownY, ...lies]);
    posterior = extendPosterior(posterior, featureMatrix(encoding, us), targets, us.length, theta);
    inFlight = { undrawnBest, believed: lies.slice(undrawn), tails: tailsAt(encoding, posterior, ordered.slice(undrawn)) };
  }
  const signal = Math.exp(theta[signalIndex(encoding.features)]);
  const noise = Math.exp(theta[noiseIndex(encoding.features)]);
  return { posterior, best, incumbents, size: posterior.n, region: trustRegion(points, MAX_MODEL), noiseShare: noise / (signal + noise), inFlight };
}
