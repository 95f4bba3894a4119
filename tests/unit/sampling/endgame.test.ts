/**
 * The Bayesian sampler's endgame (endgame.ts): in an experiment's last quarter, for a fit that
 * finds noise, EI is searched inside the trust region's box around the best run (as the model sees
 * it): with runs in flight, or sequentially while the noise is slight. Anywhere else the suggestion
 * is the one it was without `maxTotalRuns`.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/rng';
import { createBayesianSampler, suggestBatch, type Observation } from '../../../src/core/sampling';
import { createEncoding } from '../../../src/core/sampling/bayesian/encoding';
import { endgameDue, inEndgame } from '../../../src/core/sampling/bayesian/endgame';
import { buildModel } from '../../../src/core/sampling/bayesian/model';
import { boxAround } from '../../../src/core/sampling/bayesian/trust-region';
import { parseSpace } from '../../../src/core/space';
import type { ParamValues } from '../../../src/core/types';
import { drive, noisyTwoBasinsHistory, UNIT_SQUARE } from './helpers';

describe('which runs are the endgame', () => {
  it('is the last quarter of maxTotalRuns, and none when the number of runs is unknown', () => {
    expect(inEndgame(74, 100)).toBe(false);
    expect(inEndgame(75, 100)).toBe(true);
    expect(inEndgame(99, 100)).toBe(true);
    expect(inEndgame(14, 20)).toBe(false);
    expect(inEndgame(15, 20)).toBe(true);
    expect(inEndgame(999, undefined)).toBe(false);
  });

  it('takes the box with runs in flight at any noise share, sequentially only under a noise share of 1e-2', () => {
    expect(endgameDue(3, 0.5)).toBe(true);
    expect(endgameDue(0, 0.005)).toBe(true);
    expect(endgameDue(0, 0.02)).toBe(false);
  });
});

// Unit coordinates are the values themselves, so the box is checked on the configurations.
const space = parseSpace(UNIT_SQUARE);
const encoding = createEncoding(space);

/** The model fitted on `history`, and whether a configuration lies in the box around its best run. */
function fitted(history: readonly Observation[]) {
  const points = history.map((o) => ({ u: encoding.unitOf(o.params) as Float64Array, z: o.value as number }));
  const model = buildModel(encoding, points, [], []);
  // Around the best run as the model sees it, not the luckiest noisy value.
  const box = boxAround(model.incumbents[0], points);
  const inside = (p: ParamValues) => [p.x as number, p.y as number].every((v, i) => v >= box.lower[i] - 1e-12 && v <= box.upper[i] + 1e-12);
  return { model, box, inside };
}

/** The suggestion for run `index` after `history`, with `pending` in flight, drawn as the scheduler draws run `index` of seed `seed`. */
function ask(history: readonly Observation[], pending: ParamValues[], seed: number, index: number, maxTotalRuns?: number): ParamValues {
  return createBayesianSampler().suggest({ space, goal: 'minimize', history, pending, index, maxTotalRuns }, createRng(seed, index)) as ParamValues;
}

const pending: ParamValues[] = [{ x: 0.9, y: 0.1 }, { x: 0.1, y: 0.9 }, { x: 0.5, y: 0.5 }];

describe('the endgame with runs in flight', () => {
  const history: Observation[] = noisyTwoBasinsHistory(createBayesianSampler(), 40, 3);
  const { model, box, inside } = fitted(history);

  it('is fitted with noise here (the endgame is for such fits), and the box is small (about 0.04 wide)', () => {
    expect(model.noiseShare).toBeGreaterThan(1e-5);
    for (let i = 0; i < 2; i++) expect(box.upper[i] - box.lower[i]).toBeLessThan(0.1);
  });

  it('keeps the next run inside the box around the best run, where EI over the cube went elsewhere', () => {
    for (const index of [80, 90, 99]) {
      expect(inside(ask(history, pending, 3, index))).toBe(false);
      expect(inside(ask(history, pending, 3, index, 100))).toBe(true);
    }
  });

  it('is the same in a batch of suggestions (the page asks its sampler worker for batches)', () => {
    const batch = { goal: 'minimize' as const, history, pending, index: 80, count: 2, seed: 3 };
    const [first] = suggestBatch(createBayesianSampler(), space, { ...batch, maxTotalRuns: 100 });
    expect(first).toEqual(ask(history, pending, 3, 80, 100));
    expect(suggestBatch(createBayesianSampler(), space, batch)[0]).toEqual(ask(history, pending, 3, 80));
  });

  it('changes nothing before the last quarter, or sequentially for a noisy objective', () => {
    expect(model.noiseShare).toBeGreaterThan(1e-2);
    expect(ask(history, pending, 3, 70, 100)).toEqual(ask(history, pending, 3, 70));
    for (const index of [80, 90, 99]) expect(ask(history, [], 3, index, 100)).toEqual(ask(history, [], 3, index));
  });

  it('changes nothing for a noise-free fit (the finest step and the predicted best keep runs near the best there)', () => {
    const smooth = (p: ParamValues) => ((p.x as number) - 0.2) ** 2 + ((p.y as number) - 0.3) ** 2;
    const past = drive(createBayesianSampler(), space, smooth, { runs: 40, seed: 3 }).history;
    expect(fitted(past).model.noiseShare).toBeLessThan(1e-5);
    for (const index of [80, 90, 99]) expect(ask(past, pending, 3, index, 100)).toEqual(ask(past, pending, 3, index));
  });
});

describe('the endgame sequentially, for a rugged function the fit reads as slightly noisy', () => {
  // Ackley's function on [-3.7, 6.3] x [-6.1, 3.9]: a bowl covered in ripples, no noise.
  const ackley = (p: ParamValues) => {
    const x = 10 * ((p.x as number) - 0.37);
    const y = 10 * ((p.y as number) - 0.61);
    return -20 * Math.exp(-0.2 * Math.sqrt(0.5 * (x * x + y * y))) - Math.exp(0.5 * (Math.cos(2 * Math.PI * x) + Math.cos(2 * Math.PI * y))) + Math.E + 20;
  };
  const history = drive(createBayesianSampler(), space, ackley, { runs: 40, seed: 4 }).history;
  const { model, inside } = fitted(history);

  it('keeps the next run inside the box without runs in flight too', () => {
    expect(model.noiseShare).toBeGreaterThan(1e-5);
    expect(model.noiseShare).toBeLessThan(1e-2);
    for (const index of [80, 90, 99]) {
      expect(inside(ask(history, [], 4, index))).toBe(false);
      expect(inside(ask(history, [], 4, index, 100))).toBe(true);
    }
    expect(ask(history, [], 4, 70, 100)).toEqual(ask(history, [], 4, 70));
  });
});
