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
 *    configuration maximising log-EI (acquisition.ts) that has not run and is not in flight;
 *    once the history outgrows the model's window, only inside a trust region around the best
 *    run (trust-region.ts).
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
import type { FittedModel, ModelFitting, Observation, Sampler, SuggestRequest } from '../types';
import { maximizeExpectedImprovement, type SearchBudget } from './acquisition';
import { nextDesignPoint } from './design';
import { createEncoding, type Encoding } from './encoding';
import { checkpoint } from './hyper-cache';
import { buildModel, fitTheta, type Point } from './model';

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
 */
function budgetFor(n: number, features: number): SearchBudget {
  const cost = n * (n / 2 + features + 10);
  const random = Math.round(Math.min(4000, Math.max(96, WORK / cost)));
  return { random, local: Math.round(random / 3), starts: 3, steps: 32 };
}

interface Split {
  readonly points: Point[];
  readonly failed: Float64Array[];
  readonly pending: Float64Array[];
  /** Unit points of everything that exists, for the design. */
  readonly all: Float64Array[];
}

function split(encoding: Encoding, request: SuggestRequest): Split {
  const sign = request.goal === 'maximize' ? -1 : 1;
  const points: Point[] = [];
  const failed: Float64Array[] = [];
  const all: Float64Array[] = [];
  request.history.forEach((o: Observation) => {
    const u = encoding.unitOf(o.params);
    if (!u) return;
    all.push(u);
    if (o.value !== null && Number.isFinite(o.value)) points.push({ u, z: sign * o.value });
    else if (o.status === 'failed') failed.push(u);
    // A run canceled or interrupted before logging says nothing about its configuration.
  });
  const pending = request.pending.map((p) => encoding.unitOf(p)).filter((u): u is Float64Array => u !== null);
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
      const budget = budgetFor(model.size, encoding.features);
      const u = maximizeExpectedImprovement(encoding, model.posterior, model.best, model.incumbents, used, budget, rng, model.region ?? undefined);
      return encoding.valuesOf(u);
    },
  };
}
