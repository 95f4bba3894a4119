/**
 * The experiment's last runs: there, while the fit still finds noise, EI is searched only inside
 * the trust region's box around the best run (trust-region.ts), not over the cube; with runs in
 * flight at any noise share, sequentially only while the noise is slight (`SLIGHT_NOISE_SHARE`).
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
 * median, on the cliff between basins, moved 0.015 -> 0.043; Rosenbrock4, Branin, Hartmann3 and
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
 * 62 of 100 seeds).
 *
 * Sequentially only while the noise share is under `SLIGHT_NOISE_SHARE`: there it is a rugged
 * function that the fit reads as slightly noisy (Ackley5's ripples, 1e-4 to 1e-1 over its last
 * quarter), not a noisy objective (3e-2 to 6e-1 on the noisy cells, 1% and 5% noise). On every
 * fit that finds noise, sequential Ackley5 went 0.60 -> 0.16 (better on 80 of 100 seeds, worse
 * on 18), but the noisy cells lost (81 seeds better, 117 worse of 420): sequentially EI already
 * samples near the best run, and the box concentrated it on the spot of a lucky value. Under the
 * ceiling: Ackley5 0.60 -> 0.35 (44 / 3; 55 runs in its central basin against 36), the noisy
 * cells nearly untouched (2 seeds better, 4 worse of 420; 30 seeds each).
 */

/** The share of an experiment's runs, at its end, that is its endgame. */
export const ENDGAME_SHARE = 0.25;

/** The noise share (noise / (signal + noise)) under which a sequential suggestion takes the box. */
export const SLIGHT_NOISE_SHARE = 1e-2;

/**
 * Whether the endgame's box applies to a suggestion with `pending` runs in flight and a fit of
 * `noiseShare` (one that finds noise; a noise-free fit never takes it): always with runs in
 * flight, sequentially only while the noise is slight.
 */
export function endgameDue(pending: number, noiseShare: number): boolean {
  return pending > 0 || noiseShare < SLIGHT_NOISE_SHARE;
}

/**
 * Whether run `index` of an experiment of `maxTotalRuns` runs is in the last `ENDGAME_SHARE` of
 * them; never when the number of runs is unknown.
 */
export function inEndgame(index: number, maxTotalRuns: number | undefined): boolean {
  return maxTotalRuns !== undefined && index >= maxTotalRuns * (1 - ENDGAME_SHARE);
}
