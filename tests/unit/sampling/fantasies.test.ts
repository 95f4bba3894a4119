/**
 * EI averaged over draws of the runs in flight's outcomes (fantasies.ts): each draw must be exactly
 * the posterior that has those outcomes as data, which is checked here against posteriors made
 * from scratch with the drawn values as targets.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/rng';
import type { Space } from '../../../src/core/space';
import { createEncoding } from '../../../src/core/sampling/bayesian/encoding';
import { DRAWN_IN_FLIGHT, drawFantasies, fantasyScorer, inDrawOrder, type InFlightOutcomes } from '../../../src/core/sampling/bayesian/fantasies';
import { createPosterior, extendPosterior, type Posterior } from '../../../src/core/sampling/bayesian/gp';
import { covariance } from '../../../src/core/sampling/bayesian/kernel';
import { cholesky } from '../../../src/core/sampling/bayesian/linalg';
import { buildModel } from '../../../src/core/sampling/bayesian/model';
import { logH } from '../../../src/core/sampling/bayesian/normal';

const D = 3;
const space: Space = { parameters: Array.from({ length: D }, (_, i) => ({ name: `x${i}`, expression: { type: 'uniform' as const, low: 0, high: 1 } })) };
const encoding = createEncoding(space);
const F = encoding.features;
const theta = (noise: number) => Float64Array.from([...Array.from({ length: F }, () => Math.log(0.4)), 0, Math.log(noise)]);

function featuresOf(us: Float64Array[]): Float64Array {
  const x = new Float64Array(us.length * F);
  us.forEach((u, i) => encoding.featuresOf(u, x, i * F));
  return x;
}

function at(p: Posterior, u: Float64Array, tail?: Float64Array): [number, number] {
  const f = new Float64Array(F);
  encoding.featuresOf(u, f, 0);
  const out = new Float64Array(2);
  p.predict(f, out, tail);
  return [out[0], out[1]];
}

/**
 * Finished runs and runs in flight (two of them near the best finished run), as model.ts joins
 * them; with `undrawn` more runs in flight before them, believed alone (as with more than
 * `DRAWN_IN_FLIGHT` in flight).
 */
function setting(noise: number, undrawn = 0) {
  const rng = createRng(5);
  const point = () => Float64Array.from({ length: D }, () => rng.next());
  const finished = Array.from({ length: 14 }, point);
  const y = Float64Array.from(finished, (u) => Math.sin(5 * u[0]) + (u[1] - 0.4) ** 2 + 0.3 * u[2]);
  const t = theta(noise);
  const base = createPosterior(featuresOf(finished), y, finished.length, F, t);
  let best = 0;
  y.forEach((v, i) => (best = v < y[best] ? i : best));
  const believedAlone = Array.from({ length: undrawn }, point);
  const pending = [finished[best].map((v) => v + 0.03), finished[best].map((v) => v - 0.05), point()];
  const lies = believedAlone.map((u) => at(base, u)[0]);
  const believed = pending.map((u) => at(base, u)[0]);
  const all = [...finished, ...believedAlone, ...pending];
  const posterior = extendPosterior(base, featuresOf(all), Float64Array.from([...y, ...lies, ...believed]), all.length, t);
  const tails = pending.map((u) => {
    const tail = new Float64Array(pending.length);
    at(posterior, u, tail);
    return tail;
  });
  const outcomes: InFlightOutcomes = { undrawnBest: Math.min(...base.trainingMeans, ...lies), believed, tails };
  /** The posterior whose runs in flight scored the outcomes of draw eps, made from scratch. */
  const drawn = (eps: Float64Array): Posterior => {
    const n = all.length;
    const l = cholesky(covariance(featuresOf(all), n, F, t), n) as Float64Array;
    const q = pending.length;
    const values = pending.map((_, j) => {
      let v = believed[j];
      // Rows of the factor's last block: the runs in flight's outcomes given the finished runs.
      for (let i = 0; i <= j; i++) v += l[(n - q + j) * n + (n - q + i)] * eps[i];
      return v;
    });
    return createPosterior(featuresOf(all), Float64Array.from([...y, ...lies, ...values]), n, F, t);
  };
  return { posterior, outcomes, pending, drawn, rng };
}

describe('EI averaged over the outcomes of runs in flight', () => {
  for (const [noise, undrawn] of [
    [1e-6, 0],
    [0.05, 0],
    [1e-6, 4],
    [0.05, 4],
  ]) {
    it(`gives each draw exactly the posterior with those outcomes as data (noise ${noise}, ${undrawn} more believed alone)`, () => {
      const { posterior, outcomes, pending, drawn, rng } = setting(noise, undrawn);
      const fantasies = drawFantasies(outcomes, createRng(11), 4);
      expect(fantasies.eps[1].map((v) => -v)).toEqual(fantasies.eps[0]);
      const probes = [pending[0].map((v) => v + 0.01), pending[1].map((v) => v + 0.02), Float64Array.from({ length: D }, () => rng.next())];
      fantasies.eps.forEach((eps, f) => {
        const truth = drawn(eps);
        for (const u of probes) {
          const tail = new Float64Array(pending.length);
          const [mean, variance] = at(posterior, u, tail);
          const [m, v] = at(truth, u);
          expect(mean + tail.reduce((s, t, i) => s + t * eps[i], 0)).toBeCloseTo(m, 9);
          expect(variance).toBeCloseTo(v, 9);
        }
        // The bar: the finished runs' incumbent, a value believed alone, or a drawn latent value.
        const latent = pending.map((u) => at(truth, u)[0]);
        expect(fantasies.bars[f]).toBeCloseTo(Math.min(outcomes.undrawnBest, ...latent), 9);
      });
    });
  }

  it('scores log EI averaged over the draws, the believers alone being one draw', () => {
    const { posterior, outcomes, pending, drawn } = setting(1e-6);
    const fantasies = drawFantasies(outcomes, createRng(3), 6);
    const score = fantasyScorer(encoding, posterior, fantasies);
    const logEI = (p: Posterior, u: Float64Array, bar: number) => {
      const [m, v] = at(p, u);
      return Math.log(Math.sqrt(v)) + logH((bar - m) / Math.sqrt(v));
    };
    for (const u of [pending[0].map((v) => v + 0.02), Float64Array.from([0.9, 0.1, 0.5])]) {
      const average = fantasies.eps.reduce((s, eps, f) => s + Math.exp(logEI(drawn(eps), u, fantasies.bars[f])), 0) / fantasies.eps.length;
      expect(score(u)).toBeCloseTo(Math.log(average), 6);
    }
    // With every draw at zero the average is the believers' EI.
    const believers = fantasyScorer(encoding, posterior, { eps: [new Float64Array(pending.length)], bars: [Math.min(outcomes.undrawnBest, ...outcomes.believed)] });
    const u = pending[0].map((v) => v + 0.02);
    expect(believers(u)).toBeCloseTo(logEI(posterior, u, Math.min(outcomes.undrawnBest, ...outcomes.believed)), 9);
    expect(Math.abs(score(u) - believers(u))).toBeGreaterThan(1e-3);
  });

  it('draws the outcomes of up to three runs in flight, with more the three nearest the best run', () => {
    expect(DRAWN_IN_FLIGHT).toBe(3);
    const best = Float64Array.from([0.5, 0.5, 0.5]);
    const away = (d: number) => Float64Array.from([0.5 + d, 0.5, 0.5]);
    const few = [away(0.4), away(0.01), away(0.2)];
    expect(inDrawOrder(few, best)).toEqual({ ordered: few, drawn: 3 });
    expect(inDrawOrder([], best)).toEqual({ ordered: [], drawn: 0 });
    // Seven in flight (8 in flight): the three nearest last, the rest believed alone before them.
    const seven = [away(0.3), away(0.02), away(0.45), away(0.1), away(0.005), away(0.25), away(0.06)];
    const { ordered, drawn } = inDrawOrder(seven, best);
    expect(drawn).toBe(3);
    expect(ordered.map((u) => Number((u[0] - 0.5).toFixed(3)))).toEqual([0.45, 0.3, 0.25, 0.1, 0.06, 0.02, 0.005]);
  });
  it('has the model draw the three runs in flight nearest its best run and believe the others', () => {
    const rng = createRng(8);
    const bowl = (u: Float64Array) => (u[0] - 0.3) ** 2 + (u[1] - 0.6) ** 2 + 0.5 * (u[2] - 0.5) ** 2;
    const points = Array.from({ length: 20 }, () => {
      const u = Float64Array.from({ length: D }, () => rng.next());
      return { u, z: bowl(u) };
    });
    const fitted = theta(1e-6);
    const bestRun = buildModel(encoding, points, [], [], fitted).incumbents[0];
    const offsets = [0.3, 0.02, 0.45, 0.1, 0.005, 0.25, 0.06];
    const pending = offsets.map((d) => bestRun.map((v, i) => (i === 0 ? Math.min(1, Math.max(0, v + (v < 0.5 ? d : -d))) : v)));
    const model = buildModel(encoding, points, [], pending, fitted);
    const inFlight = model.inFlight as InFlightOutcomes;
    // Believing a run at the posterior mean leaves the mean where it was (model.ts).
    const mean = (u: Float64Array) => at(model.posterior, u)[0];
    // Drawn: the three nearest (0.02, 0.005 and 0.06 away), farthest first.
    const nearest = [0.06, 0.02, 0.005].map((d) => pending[offsets.indexOf(d)]);
    expect(inFlight.believed.length).toBe(3);
    inFlight.believed.forEach((v, j) => expect(v).toBeCloseTo(mean(nearest[j]), 6));
    expect(inFlight.tails.every((t) => t.length === 3)).toBe(true);
    // The bar before the draws counts the finished runs and the four believed alone, not the drawn.
    const others = [0.45, 0.3, 0.25, 0.1].map((d) => mean(pending[offsets.indexOf(d)]));
    expect(inFlight.undrawnBest).toBeCloseTo(Math.min(...model.posterior.trainingMeans.subarray(0, points.length), ...others), 6);
    expect(model.best).toBeCloseTo(Math.min(inFlight.undrawnBest, ...inFlight.believed), 9);
  });
});
