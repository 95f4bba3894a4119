/**
 * Runs in flight of a noise-free model (exploration.ts): one of them at the model's predicted best,
 * the others where the posterior is most uncertain among the points that may still be the minimum
 * (GP-UCB-PE), not where EI with believers sends them.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/rng';
import { createBayesianSampler, type Observation } from '../../../src/core/sampling';
import { maximizeExpectedImprovement } from '../../../src/core/sampling/bayesian/acquisition';
import { createEncoding } from '../../../src/core/sampling/bayesian/encoding';
import { maximizePlausibleVariance, PLAUSIBLE_SD } from '../../../src/core/sampling/bayesian/exploration';
import { buildModel } from '../../../src/core/sampling/bayesian/model';
import { squaredDistance } from '../../../src/core/sampling/bayesian/trust-region';
import { parseSpace } from '../../../src/core/space';
import type { ParamValues } from '../../../src/core/types';
import { drive } from './helpers';

const space = parseSpace('{"x": uniform(-5, 10), "y": uniform(0, 15)}');
const encoding = createEncoding(space);
const bowl = (p: ParamValues) => ((p.x as number) - 2) ** 2 + ((p.y as number) - 7) ** 2;
const RUNS = 40;
const history: Observation[] = drive(createBayesianSampler(), space, bowl, { runs: RUNS, seed: 9 }).history;
const suggest = (pending: ParamValues[]) =>
  createBayesianSampler().suggest({ space, goal: 'minimize', history, pending, index: RUNS }, createRng(9, RUNS)) as ParamValues;
const unit = (p: ParamValues) => encoding.unitOf(p) as Float64Array;
const points = history.map((o) => ({ u: unit(o.params), z: o.value as number }));

const far = { x: -4, y: 1 };
/** The predicted best, as the free worker beside `far` gets it (bayesian.test.ts checks that it is). */
const best = suggest([far]);
const inFlight = [far, best];
const model = buildModel(encoding, points, [], inFlight.map(unit));

/** Posterior mean and standard deviation at unit point `u`, the runs in flight believed. */
function predict(u: Float64Array): [number, number] {
  const features = new Float64Array(encoding.features);
  const out = new Float64Array(2);
  encoding.featuresOf(u, features, 0);
  model.posterior.predict(features, out);
  return [out[0], Math.sqrt(out[1])];
}
/** The lowest upper bound, at the runs in flight and the best runs. */
const lowestUpper = Math.min(...[...inFlight.map(unit), ...model.incumbents].map((u) => predict(u)[0] + PLAUSIBLE_SD * predict(u)[1]));
const plausible = (u: Float64Array) => predict(u)[0] - PLAUSIBLE_SD * predict(u)[1] <= lowestUpper;

describe('runs in flight of a noise-free model: pure exploration beside the predicted best', () => {
  it('is a noise-free model, the case it is for', () => {
    expect(buildModel(encoding, points, [], []).noiseShare).toBeLessThan(1e-5);
  });

  it('sends the next free worker where the minimum may still lie, at the largest uncertainty there', () => {
    const next = unit(suggest(inFlight));
    expect(plausible(next)).toBe(true);
    // No point of 4000 (over the cube and around the best) that may be the minimum is much more
    // uncertain: the search found that region's most uncertain point, up to its budget.
    const rng = createRng(5, 0);
    const b = unit(best);
    let largest = 0;
    for (let k = 0; k < 4000; k++) {
      const scale = [1, 0.1, 0.01, 0.001][k % 4];
      const u = b.map((v) => Math.min(1, Math.max(0, scale === 1 ? rng.next() : v + scale * (2 * rng.next() - 1))));
      if (plausible(u)) largest = Math.max(largest, predict(u)[1]);
    }
    expect(largest).toBeGreaterThan(0);
    expect(predict(next)[1]).toBeGreaterThan(0.9 * largest);
  });

  it('surrounds the predicted best at the scale the model is unsure of, where EI with believers made a near-copy of it', () => {
    const next = unit(suggest(inFlight));
    const distance = Math.sqrt(squaredDistance(next, unit(best)));
    expect(distance).toBeGreaterThan(0.001);
    expect(distance).toBeLessThan(0.05);
    // Near the optimum, not in a far corner: the bowl there is within 0.1 of its minimum (0).
    expect(bowl(suggest(inFlight))).toBeLessThan(0.1);
    const budget = { random: 2000, local: 600, redraws: 300, scales: [0.2, 0.05, 0.01, 0.002], starts: 3, steps: 32 };
    const ei = maximizeExpectedImprovement(encoding, model.posterior, model.best, model.incumbents, new Set(), budget, createRng(9, RUNS));
    expect(Math.sqrt(squaredDistance(ei, unit(best)))).toBeLessThan(0.001);
    expect(predict(ei)[1]).toBeLessThan(predict(next)[1] / 5);
  });

  it('outside the plausible region, moves towards it (the score falls with the lower bound\'s excess)', () => {
    // Only far corners as local candidates' centres, and no random candidates: every candidate
    // lies where the minimum cannot, and the search keeps the one nearest to being plausible.
    const excess = (u: Float64Array) => predict(u)[0] - PLAUSIBLE_SD * predict(u)[1] - lowestUpper;
    const corners = [Float64Array.of(0, 1), Float64Array.of(1, 1)];
    for (const u of corners) expect(excess(u)).toBeGreaterThan(0);
    const budget = { random: 0, local: 20, scales: [0.05], starts: 2, steps: 100 };
    const u = maximizePlausibleVariance(encoding, model.posterior, inFlight.map(unit), corners, new Set(), budget, createRng(3, 0));
    expect(excess(u)).toBeLessThan(0.5 * Math.min(...corners.map(excess)));
  });
});
