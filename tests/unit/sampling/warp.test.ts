/** The Bayesian sampler's output warp (warp.ts): which of Yeo-Johnson and Box-Cox it takes. */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/rng';
import { chooseWarp, CONVEX_MARGIN, transformOutputs } from '../../../src/core/sampling/bayesian/warp';

const perRun = (c: NonNullable<ReturnType<typeof chooseWarp>>, n: number) => (c.yeoJohnson.logLikelihood - c.boxCox.logLikelihood) / n;

describe('output warp choice', () => {
  it('keeps Box-Cox when a convex Yeo-Johnson wins the likelihood by less than the margin', () => {
    // A thin tail of good (low) values under many bad ones, as on a smooth noise-free function.
    const z = Array.from({ length: 40 }, (_, i) => -(((i + 0.5) / 40) ** 2) * 10);
    const c = chooseWarp(z)!;
    expect(c.yeoJohnson.lambda).toBeGreaterThan(1);
    expect(perRun(c, z.length)).toBeGreaterThan(0);
    expect(perRun(c, z.length)).toBeLessThan(CONVEX_MARGIN);
    expect(c.chosen).toBe('box-cox');
  });

  it('takes a convex Yeo-Johnson that wins by more than the margin', () => {
    const z = Array.from({ length: 40 }, (_, i) => -(((i + 0.5) / 40) ** 3) * 10);
    const c = chooseWarp(z)!;
    expect(c.yeoJohnson.lambda).toBeGreaterThan(1);
    expect(perRun(c, z.length)).toBeGreaterThan(CONVEX_MARGIN);
    expect(c.chosen).toBe('yeo-johnson');
  });

  it('takes a concave Yeo-Johnson whenever it wins the likelihood', () => {
    const rng = createRng(2, 0);
    const z = Array.from({ length: 40 }, () => Math.exp(0.7 * rng.normal()) + 0.3 * rng.normal());
    const c = chooseWarp(z)!;
    expect(c.yeoJohnson.lambda).toBeLessThanOrEqual(1);
    expect(perRun(c, z.length)).toBeGreaterThan(0);
    expect(perRun(c, z.length)).toBeLessThan(CONVEX_MARGIN);
    expect(c.chosen).toBe('yeo-johnson');
  });

  it('standardises the chosen values and keeps their order', () => {
    const z = Array.from({ length: 40 }, (_, i) => -(((i + 0.5) / 40) ** 2) * 10);
    const y = transformOutputs(z);
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    expect(mean).toBeCloseTo(0, 10);
    for (let i = 1; i < z.length; i++) expect(Math.sign(y[i] - y[i - 1])).toBe(Math.sign(z[i] - z[i - 1]));
    expect(chooseWarp([3, 3, 3])).toBeNull();
  });
});
