/**
 * The model's predicted best as a run: the minimum of the posterior mean near the best runs, which
 * EI steps near but never onto (it trades mean against variance). The sampler (sampler.ts) runs it
 * while the model is noise-free: with runs in flight, one of them is kept there; without, every
 * `PREDICTED_BEST_EVERY`-th suggestion is it.
 */
import type { Rng } from '../../rng';
import { minimizePosteriorMean } from './acquisition';
import type { Encoding } from './encoding';
import type { Model } from './model';
import { squaredDistance } from './trust-region';

/**
 * How near (unit cube) a run in flight must be to the model's predicted best to count as running it.
 */
const PREDICTED_BEST_RADIUS = 1e-3;
/**
 * The same with `CROWDED_PENDING` or more other runs in flight (8 in flight and up). There the
 * predicted best moved less than 1e-3 between results once the refinement was finer than that
 * (Hartmann3 and Branin end at regrets ~1e-8, points ~1e-4 apart), so it ran once per batch while
 * the other seven runs explored; at 1e-4 each result's new predicted best runs. Measured with 8 in
 * flight over 100 seeds, per seed against 1e-3 (better / worse): Hartmann3 1.4e-7 -> 1.4e-8
 * (83 / 16), Branin 1.5e-7 -> 4.8e-8 (60 / 38), at a small cost on Rosenbrock4's curved valley
 * (2.62 -> 2.66, 32 / 37; ill-scaled, 30 seeds, 7 / 15); 3e-4 gained less on Branin and 1e-5 less
 * on both (30 seeds). With 4 or 6 in flight the same radius cost Hartmann6 (2 / 21 and 2 / 22 of
 * 30: the exploration that took it from 3.6x to 0.67x its sequential regret with 4 in flight lost
 * its slots) and Rosenbrock4 (6 / 22, 6 / 17); with 8, Hartmann6's fits are seldom noise-free,
 * so the slot seldom fires there (29 / 24).
 */
const CROWDED_RADIUS = 1e-4;
/** Runs in flight besides the free worker's from which `CROWDED_RADIUS` applies. */
const CROWDED_PENDING = 7;

/** The radius within which a run in flight counts as the predicted best, given `pending` runs in flight. */
export function predictedBestRadius(pending: number): number {
  return pending >= CROWDED_PENDING ? CROWDED_RADIUS : PREDICTED_BEST_RADIUS;
}

/** Steps of the polish of the posterior mean, from each of the three best runs. */
const POLISH_ITERATIONS = 64;

/**
 * Sequentially (no run in flight), a noise-free model's suggestion is its predicted best whenever
 * the observations number a multiple of this, as one of four runs in flight is with 4 in flight.
 * Runs with 4 in flight had ended 5-30x below sequential ones on the smooth functions (30 seeds,
 * 100 runs: Branin 5.7e-7 against 3.1e-6, Hartmann3 1.6e-8 against 5.4e-7, Hartmann6 4.3e-6
 * against 3.5e-5). With every fourth suggestion there (the same 30 seeds): Branin 1.5e-7,
 * Hartmann3 1.4e-8, Hartmann6 1.8e-6; Levy5 and Styblinski-Tang end in the same basins (15 and 14
 * of 30 seeds, against 16 and 15), Rosenbrock4 1.48 -> 1.73 (worse on 17 of 30), noisy objectives
 * unchanged (their fits are not noise-free); LCBench, ill-scaled and mixed objectives within
 * their seeds' spread, mixed Hartmann6+choices better on 16 of 30 seeds and worse on 5. Every
 * eighth gained about as much (Rosenbrock4 1.77, better on 16 of 30).
 */
const PREDICTED_BEST_EVERY = 4;

/**
 * Whether a suggestion with `pending` runs in flight and `observations` finished ones should be the
 * predicted best (if the model is noise-free and `predictedBest` finds it free): always with runs
 * in flight, every `PREDICTED_BEST_EVERY`-th without.
 */
export function predictedBestDue(pending: number, observations: number): boolean {
  return pending > 0 || observations % PREDICTED_BEST_EVERY === 0;
}

/**
 * The model's predicted best (the minimum of the posterior mean near the best runs) while no run in
 * flight is within `predictedBestRadius` of it and it has not run, else null (then the
 * exploration chooses with runs in flight, exploration.ts, and EI without). With
 * 8 in flight the kriging believers push every free worker away from the best, so the final
 * refinement advanced once per batch and Hartmann6 ended at 2.1x its sequential regret (30
 * seeds), before one run in flight was kept here. Only for a model that resolves small
 * differences (the finest step's condition, sampler.ts): with a looser one (noise share under
 * 1e-4 / 1e-3) ill-scaled Hartmann6 gained (8 in flight 0.93 -> 0.075 / 0.012, 10 seeds) but the
 * integer lattice of Levy5 lost (4 in flight: 0.082 -> 1.9 at 1e-4).
 */
export function predictedBest(
  encoding: Encoding,
  model: Model,
  pending: readonly Float64Array[],
  used: ReadonlySet<string>,
  rng: Rng,
): Float64Array | null {
  const polished = minimizePosteriorMean(encoding, model.posterior, model.incumbents.slice(0, 3), POLISH_ITERATIONS, rng);
  // Compared as the configuration it would run: a choice's coordinate polishes to anywhere inside
  // its value's interval, while a run in flight sits at the value's own point, so unsnapped the
  // same configuration looked far away and free workers got near-copies of it one after another
  // (mixed Hartmann6+choices with 4 in flight, 20 seeds: 0.067, snapped 0.0030 as without the slot).
  const best = encoding.unitOf(encoding.valuesOf(polished)) ?? polished;
  const radius = predictedBestRadius(pending.length);
  const limit = radius * radius;
  if (pending.some((u) => squaredDistance(u, best) < limit) || used.has(encoding.keyOf(best))) return null;
  return best;
}
