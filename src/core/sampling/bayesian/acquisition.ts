/**
 * Expected Improvement (Jones, Schonlau & Welch 1998, "Efficient Global Optimization of Expensive
 * Black-Box Functions") in its logarithmic form (Ament et al. 2023, "Unexpected Improvements to
 * Expected Improvement for Bayesian Optimization"): log EI = log sigma + log h((best - mu) / sigma).
 * Plain EI underflows to exactly 0 over most of the space once the model is confident, which leaves
 * an optimiser nothing to climb; log-EI stays finite and ordered.
 *
 * It is maximised over the parameters' unit cube by random candidates, perturbations of the best
 * runs so far, the best runs with one coordinate redrawn, and a (1+1) evolution strategy with the
 * one-fifth success rule (Rechenberg 1973) from the best few. The acquisition is evaluated on the
 * rounded configuration (see encoding.ts), so q-steps, integers and choices are respected while
 * optimising, not only afterwards.
 */
import type { Rng } from '../../rng';
import type { Encoding } from './encoding';
import { drawFantasies, fantasyScorer, type InFlightOutcomes } from './fantasies';
import type { Posterior } from './gp';
import { logH } from './normal';
import type { Region } from './trust-region';

/** How hard to search: counts of acquisition evaluations. */
export interface SearchBudget {
  readonly random: number;
  readonly local: number;
  /** Standard deviations (in the unit cube) of the local candidates around the best runs, taken in turn. */
  readonly scales: readonly number[];
  readonly starts: number;
  readonly steps: number;
  /**
   * Candidates that copy a best run and redraw one of its coordinates anywhere in its range
   * (default 0): moves along one axis, which the local candidates, perturbing every coordinate at
   * once, and the random ones, drawing every coordinate afresh, almost never make.
   */
  readonly redraws?: number;
  /** Step sizes of the local search (default: `SEARCH_SIZES`). */
  readonly stepSizes?: StepSizes;
}

interface Scored {
  readonly u: Float64Array;
  readonly value: number;
}

/** log EI at unit point u for minimisation below `best` (in the posterior's units). */
function makeScorer(encoding: Encoding, posterior: Posterior, best: number): (u: Float64Array) => number {
  const features = new Float64Array(encoding.features);
  const out = new Float64Array(2);
  return (u) => {
    encoding.featuresOf(u, features, 0);
    posterior.predict(features, out);
    const sigma = Math.sqrt(out[1]);
    return Math.log(sigma) + logH((best - out[0]) / sigma);
  };
}

const WHOLE_CUBE = (size: number): Region => ({ lower: new Float64Array(size), upper: new Float64Array(size).fill(1) });

/** `u` moved into the region, coordinate by coordinate (in place). */
function clampTo(u: Float64Array, region: Region): Float64Array {
  for (let i = 0; i < u.length; i++) u[i] = Math.min(region.upper[i], Math.max(region.lower[i], u[i]));
  return u;
}

/** Step sizes of the (1+1)-ES: the first, and the largest it may grow to. */
export interface StepSizes {
  readonly initial: number;
  readonly largest: number;
}

/** For EI: free to leave the start's neighbourhood for a better basin of the acquisition. */
export const SEARCH_SIZES: StepSizes = { initial: 0.05, largest: 0.3 };

/** (1+1)-ES from `start` maximising `score`; returns the best point met. */
function refine(start: Scored, score: (u: Float64Array) => number, steps: number, region: Region, rng: Rng, size: StepSizes = SEARCH_SIZES): Scored {
  let current = start;
  let sigma = size.initial;
  for (let t = 0; t < steps; t++) {
    const u = clampTo(current.u.map((v) => v + sigma * rng.normal()), region);
    const value = score(u);
    if (value > current.value) {
      current = { u, value };
      sigma = Math.min(size.largest, sigma * 1.5);
    } else {
      sigma = Math.max(1e-6, sigma * 0.9);
    }
  }
  return current;
}

/**
 * The unit point with the highest log-EI whose configuration is not in `used` (runs done or in
 * flight); falls back to the best point overall when every candidate is used (a small, fully
 * explored discrete space). `incumbents` are the unit points of the best runs, best first; with a
 * `region` (trust-region.ts) every candidate lies inside it, otherwise anywhere in the unit cube.
 * With `inFlight` (the model's runs in flight, fantasies.ts), EI is averaged over draws of their
 * outcomes instead of taken at their believed values alone.
 */
export function maximizeExpectedImprovement(
  encoding: Encoding,
  posterior: Posterior,
  best: number,
  incumbents: readonly Float64Array[],
  used: ReadonlySet<string>,
  budget: SearchBudget,
  rng: Rng,
  region: Region = WHOLE_CUBE(encoding.size),
  inFlight: InFlightOutcomes | null = null,
): Float64Array {
  const score = inFlight ? fantasyScorer(encoding, posterior, drawFantasies(inFlight, rng)) : makeScorer(encoding, posterior, best);
  return maximizeAcquisition(encoding, score, incumbents, used, budget, rng, region);
}

/**
 * The unit point with the highest `score` (any acquisition, higher is better) whose configuration
 * is not in `used`, searched as EI is (above): random candidates in `region` (default: the unit
 * cube), perturbations of the `incumbents` at the budget's scales, the incumbents with one
 * coordinate redrawn, and a (1+1)-ES from the best few; the best point overall when every
 * candidate is used.
 */
export function maximizeAcquisition(
  encoding: Encoding,
  score: (u: Float64Array) => number,
  incumbents: readonly Float64Array[],
  used: ReadonlySet<string>,
  budget: SearchBudget,
  rng: Rng,
  region: Region = WHOLE_CUBE(encoding.size),
): Float64Array {
  const scored: Scored[] = [];
  for (let c = 0; c < budget.random; c++) {
    const u = new Float64Array(encoding.size);
    for (let i = 0; i < u.length; i++) u[i] = region.lower[i] + (region.upper[i] - region.lower[i]) * rng.next();
    scored.push({ u, value: score(u) });
  }
  const { scales } = budget;
  for (let c = 0; c < budget.local && incumbents.length > 0; c++) {
    const center = incumbents[c % incumbents.length];
    const scale = scales[c % scales.length];
    const u = clampTo(center.map((v) => v + scale * rng.normal()), region);
    scored.push({ u, value: score(u) });
  }
  // A best run can sit in a good basin in every coordinate but one (a lattice of local minima,
  // Levy; a separable objective, Styblinski-Tang): leaving it takes a long move along that axis
  // with the others kept, like the one-exchange neighbourhood of SMAC's local search.
  // The run is moved into the region first: the best runs (by latent mean) may lie outside a box
  // built around another point (the trust region's best observed value), and with it every
  // candidate lies inside.
  for (let c = 0; c < (budget.redraws ?? 0) && incumbents.length > 0; c++) {
    const u = clampTo(Float64Array.from(incumbents[c % incumbents.length]), region);
    const i = Math.floor(rng.next() * u.length);
    u[i] = region.lower[i] + (region.upper[i] - region.lower[i]) * rng.next();
    scored.push({ u, value: score(u) });
  }
  scored.sort((a, b) => b.value - a.value);
  const refined = scored.slice(0, budget.starts).map((s) => refine(s, score, budget.steps, region, rng, budget.stepSizes));
  const all = [...refined, ...scored].sort((a, b) => b.value - a.value);
  for (const s of all) if (!used.has(encoding.keyOf(s.u))) return s.u;
  return all[0].u;
}

/** For the posterior mean: small steps, it is only polished where the best runs already are. */
const POLISH_SIZES: StepSizes = { initial: 0.01, largest: 0.1 };

/**
 * The model's predicted best: the unit point of lowest posterior mean, found by a (1+1)-ES of
 * `steps` steps from each of `starts` (at least one: the best runs by posterior mean), anywhere in
 * the unit cube. Local on purpose: the mean is lowest next to the best runs, and a global search of
 * it would only add cost.
 */
export function minimizePosteriorMean(
  encoding: Encoding,
  posterior: Posterior,
  starts: readonly Float64Array[],
  steps: number,
  rng: Rng,
): Float64Array {
  const features = new Float64Array(encoding.features);
  const negatedMean = (u: Float64Array) => {
    encoding.featuresOf(u, features, 0);
    return -posterior.mean(features);
  };
  const cube = WHOLE_CUBE(encoding.size);
  let best: Scored | null = null;
  for (const u of starts) {
    const polished = refine({ u, value: negatedMean(u) }, negatedMean, steps, cube, rng, POLISH_SIZES);
    if (best === null || polished.value > best.value) best = polished;
  }
  return (best as Scored).u;
}
