/**
 * Expected Improvement with runs in flight, averaged over what up to three of them (those nearest
 * the best run) may yet score: the Monte Carlo acquisition of Snoek, Larochelle & Adams 2012
 * (section 3.3, "Monte Carlo acquisition for parallelizing Bayesian optimization"), on top of the
 * kriging believers of model.ts.
 *
 * The believers alone (each run in flight taken to score the posterior mean) are one draw: the one
 * where every run in flight scores exactly as predicted. Averaged over the outcomes the runs may
 * really have, the EI of a point next to a run in flight counts the draws where that run
 * disappoints (the point is then still worth a run) as well as those where it does well (and
 * raises the bar), where the believers count neither. On a lattice of basins (Levy5) that keeps
 * the free workers from leaving a promising basin to the one run in flight there: see
 * `DRAWN_IN_FLIGHT` for the measurements and why only a few are drawn.
 *
 * Exact and cheap, because the believers sit at the mean: the posterior's Cholesky factor puts the
 * q runs drawn in its last q rows, after any runs in flight believed alone, and with targets equal
 * to the mean their rows of L^-1 y are zero. Drawing their outcomes jointly from the posterior
 * (given the finished runs and the believed ones; observation noise included) makes those q
 * entries standard normal, eps; the mean at any point x then moves by t(x) . eps, where
 * t(x) is the last q entries of L^-1 k(x) that `predict` computes anyway, and the variance does
 * not move at all (it does not depend on the targets). So one prediction serves every draw.
 */
import type { Rng } from '../../rng';
import type { Encoding } from './encoding';
import type { Posterior } from './gp';
import { logH } from './normal';
import { squaredDistance } from './trust-region';

/**
 * The most runs in flight whose outcomes are drawn; with more, those nearest the best run are
 * (`inDrawOrder`) and the others are believed alone.
 *
 * With 4 in flight (3 in flight at each suggestion), per seed against the believers alone (better
 * / worse; `npm run bench:sampling -- --suite classic --no-optuna --no-timing --in-flight 4 --seeds
 * 100`): Levy5 ended in the optimum's basin (regret under 0.05) on 64 of 100 seeds against 49 (55
 * sequentially), median 0.053 -> 0.00034; Ackley5 52 / 48 (0.68 -> 0.60); the other five even.
 * Realistic suite (`--suite realistic --short --no-optuna --realistic-in-flight 4`): LCBench even
 * over 60 seeds (126025 24 / 23, every task p > 0.3 by a signed-rank test), the noisy cells 216 /
 * 191 of 420 (30 seeds), Levy5 integers 55 / 43; the cost is Hartmann6's second basin, which
 * takes a few more seeds (100 seeds: classic 26 -> 30, ill-scaled 32 -> 42, mixed with choices 42
 * -> 47), so ill-scaled Hartmann6 is worse on 50 seeds and better on 37 (median 0.0049 -> 0.018).
 * Kept for the 4-in-flight target on the classic suite (6 of 7 within 1.2x of sequential, was 5),
 * which nothing else met; the README's sampling section states the cost beside it.
 *
 * With 8 in flight every outcome drawn made the bar the lowest of seven draws, mostly far below
 * the incumbent, and EI turned to exploring: ill-scaled Hartmann6 0.093 -> 0.28, worse on 22 of 30
 * seeds. With the bar left at the believers' (only the mean drawn), or at the finished runs'
 * incumbent, 4 in flight lost the ill-scaled objectives instead (worse on 18-22 of 30). Three of
 * the seven drawn, those nearest the best run, the other four believed (session 26): Levy5 ended
 * in the optimum's basin on 53 of 100 seeds against 44 (median 0.071 -> 0.032, better on 57, worse
 * on 42); the three drawn newest instead, or two or four nearest, did less for it (30 seeds).
 */
export const DRAWN_IN_FLIGHT = 3;

/**
 * The runs in flight in the order the posterior takes them, those whose outcomes are drawn last
 * (the draws need them as the posterior's last rows), with how many are drawn: up to
 * `DRAWN_IN_FLIGHT`, all of them as given; with more, farthest from `best` (the best run's unit
 * point) first, so that the `DRAWN_IN_FLIGHT` nearest it are drawn. Near the best run is where a
 * believed value keeps the free workers out of a promising basin (above).
 */
export function inDrawOrder(pending: readonly Float64Array[], best: Float64Array): { readonly ordered: Float64Array[]; readonly drawn: number } {
  if (pending.length <= DRAWN_IN_FLIGHT) return { ordered: [...pending], drawn: pending.length };
  const distance = pending.map((u) => squaredDistance(u, best));
  const order = pending.map((_, i) => i).sort((a, b) => distance[b] - distance[a]);
  return { ordered: order.map((i) => pending[i]), drawn: DRAWN_IN_FLIGHT };
}

/** What the model knows of the runs in flight, for drawing their outcomes. */
export interface InFlightOutcomes {
  /**
   * The incumbent apart from the runs drawn (posterior units, latent): the finished runs' and the
   * believed values of the runs in flight that are not drawn.
   */
  readonly undrawnBest: number;
  /** The believed value of each run in flight drawn: the posterior mean there. */
  readonly believed: readonly number[];
  /** For each run drawn j, t(x_j): its latent value under draw eps is believed[j] + t(x_j) . eps. */
  readonly tails: readonly Float64Array[];
}

/**
 * Draws per suggestion, in antithetic pairs (eps and -eps): 16 made a suggestion with 8 in flight
 * ~1.3x as long (Hartmann6 at 80-99 runs, p50 6.9-7.5 -> 8.9-9.6 ms); 32 did no better.
 */
export const FANTASIES = 16;

/** Joint draws of the runs in flight's outcomes, each with the incumbent EI must improve on under it. */
export interface Fantasies {
  readonly eps: readonly Float64Array[];
  readonly bars: readonly number[];
}

/** `count` draws (even: antithetic pairs) of the outcomes of the runs in flight. */
export function drawFantasies(outcomes: InFlightOutcomes, rng: Rng, count = FANTASIES): Fantasies {
  const q = outcomes.believed.length;
  const eps: Float64Array[] = [];
  const bars: number[] = [];
  for (let f = 0; f < count; f++) {
    const e = f % 2 === 1 ? eps[f - 1].map((v) => -v) : Float64Array.from({ length: q }, () => rng.normal());
    eps.push(e);
    // The runs in flight are data in each draw, so EI must improve on their drawn values too, as
    // it must on the believed ones (model.ts).
    let bar = outcomes.undrawnBest;
    outcomes.tails.forEach((t, j) => {
      let v = outcomes.believed[j];
      for (let i = 0; i < q; i++) v += t[i] * e[i];
      bar = Math.min(bar, v);
    });
    bars.push(bar);
  }
  return { eps, bars };
}

/**
 * log of EI averaged over `fantasies`, at unit point u, for minimisation (posterior units): the
 * posterior must include the runs in flight as its last rows, believed at its mean (model.ts).
 */
export function fantasyScorer(encoding: Encoding, posterior: Posterior, fantasies: Fantasies): (u: Float64Array) => number {
  const count = fantasies.eps.length;
  const q = fantasies.eps[0]?.length ?? 0;
  const features = new Float64Array(encoding.features);
  const out = new Float64Array(2);
  const tail = new Float64Array(q);
  const logs = new Float64Array(count);
  return (u) => {
    encoding.featuresOf(u, features, 0);
    posterior.predict(features, out, tail);
    const sigma = Math.sqrt(out[1]);
    let top = -Infinity;
    for (let f = 0; f < count; f++) {
      const e = fantasies.eps[f];
      let mean = out[0];
      for (let i = 0; i < q; i++) mean += tail[i] * e[i];
      logs[f] = logH((fantasies.bars[f] - mean) / sigma);
      top = Math.max(top, logs[f]);
    }
    // log of the mean of exp(logs), shifted by the largest so that nothing underflows.
    let sum = 0;
    for (let f = 0; f < count; f++) sum += Math.exp(logs[f] - top);
    return Math.log(sigma) + top + Math.log(sum / count);
  };
}
