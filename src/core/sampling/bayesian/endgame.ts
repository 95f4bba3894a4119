/**
 * The experiment's last runs with runs in flight: there, while the fit still finds noise, EI is
 * searched only inside the trust region around the best run (trust-region.ts), not over the cube.
 *
 * Why: with runs in flight, the kriging believers collapse the variance near the best run, so EI
 * sends the free workers away from it, and the very local steps that refine a rugged basin are
 * crowded out. Counted on Ackley5 (runs 40-99, 10 seeds): sequentially 36 of 600 suggestions fell
 * within 0.003 of the best run known, with 4 in flight 6; over 100 seeds 36 sequential runs ended
 * in its central basin (regret under 0.5), 19 with 4 in flight. Late in the experiment a basin
 * found is the one the result comes from, so the search may stay in it.
 *
 * Measured (`npm run bench:sampling -- --suite classic --no-optuna --no-timing --seeds 100
 * --in-flight 4`, per seed against the sampler without it): Ackley5 0.79 -> 0.68 (better on 59 of
 * 100, worse on 38; 34 runs in the central basin against 19); Levy5 even per seed (39 / 37; 52 in
 * the optimum's basin against 53, and of the 48 in it both ways 23 better, 11 worse), though its
 * median, on the cliff between basins, moved 0.015 -> 0.044; Rosenbrock4, Branin, Hartmann3 and
 * Hartmann6 changed on 4-18 seeds, their medians within 2%.
 *
 * The last quarter, not the last half: from half-way, Levy5 ended in its optimum's basin on 44 of
 * 100 seeds and Ackley5 gained less (0.74). Around the best run as the model sees it rather than
 * the luckiest value: the same within the seeds' spread there (Ackley5 43 / 49 per seed), and a
 * lucky draw is no centre for noisy objectives.
 *
 * Only while the fit finds noise (noise share at least `FINE_NOISE_SHARE`, sampler.ts): for a
 * noise-free fit the finest step and the predicted best (predicted-best.ts) already keep runs near
 * the best, and searching the box as well lost the last digits (Hartmann3 1.8e-8 -> 2.3e-8, worse on
 * 62 of 100 seeds). Only with runs in flight: a sequential run sees each of its steps before the
 * next and takes the local steps anyway.
 */
import type { Point } from './model';
import { boxAround, type Region } from './trust-region';

/** The share of an experiment's runs, at its end, that is its endgame. */
export const ENDGAME_SHARE = 0.25;

/**
 * Whether run `index` of an experiment of `maxTotalRuns` runs is in the last `ENDGAME_SHARE` of
 * them; never when the number of runs is unknown.
 */
export function inEndgame(index: number, maxTotalRuns: number | undefined): boolean {
  return maxTotalRuns !== undefined && index >= maxTotalRuns * (1 - ENDGAME_SHARE);
}

/**
 * The box EI is searched in during the endgame: the trust region's box (`boxAround`) around the
 * best run as the model sees it (`incumbent`, the lowest latent mean), not around the luckiest
 * noisy value.
 */
export function endgameRegion(incumbent: Float64Array, points: readonly Point[]): Region {
  return boxAround(incumbent, points);
}
