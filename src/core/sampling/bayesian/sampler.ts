/**
 * Bayesian sampling: Gaussian-process regression with a Matern 5/2 ARD kernel and Expected
 * Improvement, as in Snoek, Larochelle & Adams 2012 ("Practical Bayesian Optimization of Machine
 * Learning Algorithms", NeurIPS), over every expression of SPEC section 1.
 *
 * One suggestion:
 * 1. Encode history, warm-start priors and runs in flight into the unit cube (encoding.ts).
 * 2. Until `initialRuns(space)` runs have values, propose the next point of a space-filling
 *    design (design.ts).
 * 3. Otherwise fit the GP (model.ts: output warping, memoised MAP hyperparameters, runs in
 *    flight as "kriging believers", failed runs at the worst value seen) and return the
 *    configuration maximising log-EI (acquisition.ts; averaged over draws of the outcomes of up to
 *    3 runs in flight, with more the 3 nearest the best run, fantasies.ts) that has not run and is
 *    not in flight;
 *    once the history outgrows the model's window, only inside a trust region around the best
 *    run (trust-region.ts). With a noise-free model, one of the runs in flight is kept at the
 *    model's predicted best (with 8 or more in flight, each result's new predicted best unless a
 *    run in flight is within 1e-4 of it) and the others explore where the minimum may still lie
 *    (exploration.ts); sequentially every fourth suggestion is that point (predicted-best.ts). In
 *    the last quarter of `maxTotalRuns`, a model that finds noise is searched in the trust
 *    region's box as well, with runs in flight or while the noise is slight (endgame.ts).
 *
 * Cost: ~3 ms at 100 runs, ~10 ms at 1000 (the model keeps at most 160 observations, model.ts,
 * and hyperparameters are refitted only as the history grows by an eighth, hyper-cache.ts).
 * `maximize` is handled by negating values inside the model only. Runs with a value (completed,
 * stopped at their best so far, canceled after logging) are observations; failed runs without one
 * count as the worst value; canceled or interrupted runs without one are only kept from being
 * proposed again. Warm-start priors (`Observation.prior`) are plain observations when their
 * parameters fit the space; those that do not are ignored. Nothing is kept between calls except a
 * memo of hyperparameter fits, which is a pure function of the history, so a reloaded tab
 * continues with the same suggestions.
 */
import type { Rng } from '../../rng';
import type { Space } from '../../space';
import type { ParamValues } from '../../types';
import { usedKeys } from '../key';
import { PairMemo } from '../pair-memo';
import type { FittedModel, ModelFitting, Observation, Sampler, SuggestRequest } from '../types';
import { maximizeExpectedImprovement, SEARCH_SIZES, type SearchBudget } from './acquisition';
import { nextDesignPoint } from './design';
import { endgameDue, inEndgame } from './endgame';
import { maximizePlausibleVariance } from './exploration';
import { createEncoding, type Encoding } from './encoding';
import { checkpoint } from './hyper-cache';
import { buildModel, fitTheta, type Point } from './model';
import { predictedBest, predictedBestDue } from './predicted-best';
import { boxAround, type Region } from './trust-region';

/** Runs with values before the model takes over: max(5, parameters + 1). */
export function initialRuns(space: Space): number {
  return Math.max(5, space.parameters.length + 1);
}

const encodings = new WeakMap<Space, Encoding>();

function encodingOf(space: Space): Encoding {
  let encoding = encodings.get(space);
  if (!encoding) {
    encoding = createEncoding(space);
    encodings.set(space, encoding);
  }
  return encoding;
}

/** Work of the random candidates per suggestion, in multiply-adds of prediction (~1-3 ms). */
const WORK = 1.5e6;

/**
 * Candidates for the acquisition search. A prediction costs about n (n/2 + D) operations, so the
 * number of random candidates shrinks with the history: thousands while the model is cheap and
 * the landscape unexplored (where a thorough global search keeps EI from settling in the first
 * basin it finds), a few hundred once the model is large and the search mostly local.
 *
 * The redraws (a best run with one coordinate anywhere, acquisition.ts), half as many as the local
 * candidates, let runs stuck with one coordinate in a remote basin escape. Measured with them (30
 * seeds, 100 runs, median regret; `--suite classic` before -> after): Levy5 0.30 [0.10, 2.8] ->
 * 0.20 [0.093, 0.55], StyblinskiTang5 28 -> 16, Branin 4.3e-6 -> 3.1e-6, Hartmann3 4.2e-6 ->
 * 3.1e-6, Hartmann6 8.0e-5 -> 7.6e-5, Rosenbrock4 3.2 -> 2.9, Ackley5 2.9 -> 3.0; noisy Levy5 at
 * 1% 2.6 -> 1.7, where 9 of 30 seeds had kept one coordinate two basins from the optimum. They
 * cost 5-8% more time per suggestion.
 */
function budgetFor(n: number, features: number, fine: boolean): SearchBudget {
  const cost = n * (n / 2 + features + 10);
  const random = Math.round(Math.min(4000, Math.max(96, WORK / cost)));
  const local = Math.round(random / 3);
  return { random, local, redraws: Math.round(local / 2), scales: fine ? FINE_SCALES : SCALES, starts: 3, steps: 32 };
}

/** Local candidates around the best runs: at these distances (unit cube) in turn. */
const SCALES = [0.2, 0.05, 0.01];
/**
 * The same with a finer step, for a model that resolves small differences: the closest candidates
 * were ~0.01 from a best run, and the local search from them got to ~0.002 in its 32 steps, so the
 * final refinement stalled at regrets ~1e-5 (Branin, Hartmann) and runs in flight, which take
 * every other nearby point, stalled first (Branin 1.9x the sequential regret with 4 in flight).
 * Measured over 30 seeds (`npm run bench -- sampling --suite classic --seeds 30`): Branin 9.5e-6 ->
 * 4.3e-6 sequentially and 1.8e-5 -> 4.1e-6 with 4 in flight, Hartmann6 4.7e-4 -> 8.0e-5.
 */
const FINE_SCALES = [0.2, 0.05, 0.01, 0.002];
/**
 * The fitted noise share (noise / (signal + noise)) under which the model counts as resolving
 * small differences: an order of magnitude below the prior's centre (1e-4, fit.ts), where fits sit
 * while the data cannot tell yet (on noisy objectives, for the first 20-40 runs); noise-free fits
 * reach ~1e-6 by then. With noise, the finest candidates re-sampled the spot of a lucky value
 * (noisy Rosenbrock4 at 1%: median regret 2429 -> 6333 with the finest step always on).
 */
const FINE_NOISE_SHARE = 1e-5;

/**
 * Local candidates inside the trust region, for a noise-free model: fractions of the region's mean
 * half-width, so the steps shrink as the region does (the region's own rule, trust-region.ts). With
 * the fixed scales above the closest candidates stayed ~0.01 from the best run and the local search
 * started at 0.05, clamped to a box that had shrunk below that, so refinement stopped: Hartmann6
 * 3.3e-5 at 300 runs and 2.9e-5 at 1000, Levy5 2.9e-4 at 300 (10 seeds). With these, and the local
 * search's steps capped by the width (`regionBudget`): 1.2e-6, 6.3e-8 and 3.5e-7. Noisy models keep
 * the fixed scales: there, small steps re-sample the spot of a lucky value (FINE_NOISE_SHARE).
 */
const REGION_SCALES = [1, 0.25, 0.05, 0.01];

/** `budget` with its local candidates and local-search steps sized to the trust region. */
function regionBudget(budget: SearchBudget, region: Region): SearchBudget {
  let width = 0;
  for (let i = 0; i < region.lower.length; i++) width += (region.upper[i] - region.lower[i]) / 2;
  width /= region.lower.length;
  return {
    ...budget,
    scales: REGION_SCALES.map((f) => f * width),
    stepSizes: { initial: Math.min(SEARCH_SIZES.initial, width), largest: Math.min(SEARCH_SIZES.largest, 4 * width) },
  };
}

interface Split {
  readonly points: Point[];
  readonly failed: Float64Array[];
  readonly pending: Float64Array[];
  /** Unit points of everything that exists, for the design. */
  readonly all: Float64Array[];
}

/**
 * Unit points of a history's configurations, by encoding and configuration object: made once per
 * run, as configuration keys are (key.ts). Never changed by their users, which copy before moving a
 * point.
 */
const units = new PairMemo<Encoding, ParamValues, Float64Array | null>();

function split(encoding: Encoding, request: SuggestRequest): Split {
  const sign = request.goal === 'maximize' ? -1 : 1;
  const points: Point[] = [];
  const failed: Float64Array[] = [];
  const all: Float64Array[] = [];
  request.history.forEach((o: Observation) => {
    const u = units.get(encoding, o.params, () => encoding.unitOf(o.params));
    if (!u) return;
    all.push(u);
    if (o.value !== null && Number.isFinite(o.value)) points.push({ u, z: sign * o.value });
    else if (o.status === 'failed') failed.push(u);
    // A run canceled or interrupted before logging says nothing about its configuration.
  });
  const pending = request.pending.map((p) => units.get(encoding, p, () => encoding.unitOf(p))).filter((u): u is Float64Array => u !== null);
  return { points, failed, pending, all: [...all, ...pending] };
}

function designSuggestion(encoding: Encoding, request: SuggestRequest, parts: Split, used: Set<string>, rng: Rng): ParamValues {
  let u = nextDesignPoint(encoding.size, parts.all, initialRuns(request.space), rng);
  for (let attempt = 0; attempt < 32 && used.has(encoding.keyOf(u)); attempt++) {
    u = nextDesignPoint(encoding.size, parts.all, initialRuns(request.space), rng);
  }
  return encoding.valuesOf(u);
}

/**
 * Fitting apart from suggesting: the fit of a history is the one `suggest` would make (the first
 * `checkpoint(n)` of its n observations), so a suggestion given it is the same as one without.
 */
const fitting: ModelFitting = {
  target(request: SuggestRequest): number | null {
    const points = split(encodingOf(request.space), request).points.length;
    return points < initialRuns(request.space) ? null : checkpoint(points);
  },
  fit(request: SuggestRequest): FittedModel | null {
    const encoding = encodingOf(request.space);
    const { points } = split(encoding, request);
    if (points.length < initialRuns(request.space)) return null;
    return { size: checkpoint(points.length), theta: Array.from(fitTheta(encoding, points)) };
  },
};

/** The Bayesian sampler (SPEC section 2). */
export function createBayesianSampler(): Sampler {
  return {
    type: 'bayesian',
    fitting,
    suggest(request: SuggestRequest, rng: Rng): ParamValues {
      const encoding = encodingOf(request.space);
      const parts = split(encoding, request);
      const used = usedKeys(request.space, request.history, request.pending, true);
      if (parts.points.length < initialRuns(request.space)) return designSuggestion(encoding, request, parts, used, rng);
      const theta = request.fitted ? Float64Array.from(request.fitted.theta) : undefined;
      const model = buildModel(encoding, parts.points, parts.failed, parts.pending, theta);
      // The fixed finest step only for a noise-free model in the global search: inside the trust
      // region (past the window) it kept half the long Levy5 runs in local minima (300 runs: 5 of
      // 10 seeds at 0.09-2.8 against all 10 under 0.0003); there the steps follow the region's
      // width instead (regionBudget).
      const noiseFree = model.noiseShare < FINE_NOISE_SHARE;
      const fine = model.region === null && noiseFree;
      const global = budgetFor(model.size, encoding.features, fine);
      if (fine && predictedBestDue(parts.pending.length, parts.points.length)) {
        const best = predictedBest(encoding, model, parts.pending, used, rng);
        if (best) return encoding.valuesOf(best);
        // The predicted best is in flight: the other runs in flight explore where the minimum may
        // still lie, around it (exploration.ts).
        if (parts.pending.length > 0) {
          return encoding.valuesOf(maximizePlausibleVariance(encoding, model.posterior, parts.pending, model.incumbents, used, global, rng));
        }
      }
      const budget = model.region && noiseFree ? regionBudget(global, model.region) : global;
      // In the experiment's last quarter, for a fit that finds noise, EI stays in the trust region's
      // box around the best run as the model sees it (not the luckiest noisy value): with runs in
      // flight, or sequentially while the noise is slight (endgame.ts).
      const endgame = !noiseFree && endgameDue(parts.pending.length, model.noiseShare) && inEndgame(request.index, request.maxTotalRuns);
      const region = model.region ?? (endgame ? boxAround(model.incumbents[0], parts.points) : null);
      // With runs in flight, EI averaged over draws of the outcomes of up to 3 of them (fantasies.ts).
      const u = maximizeExpectedImprovement(encoding, model.posterior, model.best, model.incumbents, used, budget, rng, region ?? undefined, model.inFlight);
      return encoding.valuesOf(u);
    },
  };
}
