/**
 * Pure exploration for runs in flight, after GP-UCB-PE (Contal, Buffoni, Robicquet & Vayatis 2013,
 * "Parallel Gaussian Process Optimization with Upper Confidence Bound and Pure Exploration"): of a
 * batch, one point exploits and the others go where the posterior is most uncertain among the
 * points that may still be the minimum, those whose lower bound (mean - beta sd) is under the
 * lowest upper bound (mean + beta sd). Here the exploiting run is the one at the model's predicted
 * best (predicted-best.ts), and the sampler (sampler.ts) sends a noise-free model's other runs in
 * flight here instead of to EI with believers.
 *
 * Why: near a smooth optimum EI with kriging believers sent some free workers to far corners and
 * others next to the predicted best (runs 60-99 of Hartmann6 with 4 in flight: a tenth over 0.9
 * from the best run; Branin: a tenth within 0.0002), so the final refinement advanced about once
 * per batch. The plausible region there is a small neighbourhood of the optimum, and its most
 * uncertain points ring the predicted best at the scale the model is unsure of (Hartmann6: within
 * 0.006-0.013): the runs in flight measure the optimum's shape, and the next predicted best is the
 * better for it. With 4 in flight, 100 seeds (`npm run bench:sampling -- --suite classic
 * --in-flight 1,4,8 --seeds 100`), regret against sequential went Branin 4.0x -> 0.80x, Hartmann3
 * 1.8x -> 0.66x, Hartmann6 3.6x -> 0.67x, Rosenbrock4 1.25x -> 1.16x; with 8, Branin 15x -> 1.6x,
 * Hartmann6 12x -> 8.4x. docs/sampling-log.md (session 21) has the rest.
 */
import type { Rng } from '../../rng';
import { maximizeAcquisition, type SearchBudget } from './acquisition';
import type { Encoding } from './encoding';
import type { Posterior } from './gp';

/**
 * The width of the bounds in posterior standard deviations. Over 30 seeds with 4 in flight, 3 did
 * better than 2 on Hartmann3 (0.36x against 1.22x sequential) and Hartmann6 (0.43x, 0.75x), worse
 * on Rosenbrock4 (1.17x, 1.15x); 1 gained about half as much.
 */
export const PLAUSIBLE_SD = 3;

/**
 * The unit point of largest posterior standard deviation (runs in flight included as believers)
 * whose lower bound is under the lowest upper bound found at `anchors` (the runs in flight) and
 * `incumbents` (the best runs), and whose configuration is not in `used`; searched as EI is
 * (acquisition.ts) with `budget`. Outside that region the score falls with the lower bound's
 * excess, so the search climbs back into it.
 */
export function maximizePlausibleVariance(
  encoding: Encoding,
  posterior: Posterior,
  anchors: readonly Float64Array[],
  incumbents: readonly Float64Array[],
  used: ReadonlySet<string>,
  budget: SearchBudget,
  rng: Rng,
): Float64Array {
  const features = new Float64Array(encoding.features);
  // Mean and standard deviation at the point last predicted: one array, reused, since the score
  // runs thousands of times per suggestion.
  const at = new Float64Array(2);
  const predict = (u: Float64Array) => {
    encoding.featuresOf(u, features, 0);
    posterior.predict(features, at);
    at[1] = Math.sqrt(at[1]);
  };
  let lowestUpper = Infinity;
  for (const u of [...anchors, ...incumbents]) {
    predict(u);
    lowestUpper = Math.min(lowestUpper, at[0] + PLAUSIBLE_SD * at[1]);
  }
  const score = (u: Float64Array) => {
    predict(u);
    const excess = at[0] - PLAUSIBLE_SD * at[1] - lowestUpper;
    return excess <= 0 ? Math.log(at[1]) : OUTSIDE - excess;
  };
  return maximizeAcquisition(encoding, score, incumbents, used, budget, rng);
}

/** The score of a point just outside the plausible region: below any log sd inside it. */
const OUTSIDE = -1e9;
