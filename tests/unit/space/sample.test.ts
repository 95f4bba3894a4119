/**
 * The SPEC section 1 traps of sampling: log bounds are exponents, q-forms are multiples of q
 * counted from 0 and never clipped, normal forms are unbounded; plus q-rounding without float
 * noise and seeded determinism.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/rng';
import {
  choice,
  lognormal,
  loguniform,
  normal,
  parameter,
  parseSpace,
  qlognormal,
  qloguniform,
  qnormal,
  quniform,
  randint,
  roundToMultiple,
  sampleExpression,
  sampleSpace,
  uniform,
  type Expression,
} from '../../../src/core/space';
import { SAMPLE_GOLDEN } from '../../fixtures/rng-golden';

function draw(expression: Expression, seed: number, n = 20_000): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => sampleExpression(expression, rng) as number);
}

/** Decimal places of the shortest printed form: 0.30000000000000004 has 17, 0.3 has 1. */
function decimals(x: number): number {
  const [mantissa, exponent] = String(x).split('e');
  return Math.max(0, (mantissa.split('.')[1]?.length ?? 0) - Number(exponent ?? 0));
}

describe('loguniform bounds are natural-log exponents', () => {
  it('keeps every sample of loguniform(-9, -2) within e^-9..e^-2 and reaches both ends', () => {
    const samples = draw(loguniform(-9, -2), 1);
    const min = Math.min(...samples);
    const max = Math.max(...samples);
    expect(min).toBeGreaterThanOrEqual(Math.exp(-9));
    expect(max).toBeLessThanOrEqual(Math.exp(-2));
    // Near both ends: a reading of the bounds as plain numbers would give negatives.
    expect(min).toBeLessThan(Math.exp(-9) * 1.01);
    expect(max).toBeGreaterThan(Math.exp(-2) * 0.99);
  });

  it('puts half the samples below e^-5.5, the midpoint of the exponents', () => {
    const below = draw(loguniform(-9, -2), 2).filter((x) => x < Math.exp(-5.5)).length;
    expect(below / 20_000).toBeCloseTo(0.5, 1);
  });

  it('applies the same exponent bounds to qloguniform before rounding', () => {
    const samples = draw(qloguniform(Math.log(10), Math.log(1000), 5), 3);
    expect(Math.min(...samples)).toBe(10);
    expect(Math.max(...samples)).toBe(1000);
  });
});

describe('q-forms: multiples of q counted from 0, not clipped', () => {
  it('quniform(0, 1, 0.3) gives exactly 0, 0.3, 0.6 and 0.9', () => {
    expect(new Set(draw(quniform(0, 1, 0.3), 4))).toEqual(new Set([0, 0.3, 0.6, 0.9]));
  });

  it('quniform(0, 1.1, 0.3) gives 1.2, above high: rounding is not clipped', () => {
    const samples = draw(quniform(0, 1.1, 0.3), 5);
    expect(samples).toContain(1.2);
    expect(new Set(samples)).toEqual(new Set([0, 0.3, 0.6, 0.9, 1.2]));
  });

  it('quniform(0.1, 1, 0.3) gives 0, below low: multiples count from 0, not from low', () => {
    const samples = new Set(draw(quniform(0.1, 1, 0.3), 6));
    expect(samples).toContain(0);
    expect(samples).not.toContain(0.1);
    expect(samples).not.toContain(0.4);
  });

  it('qlognormal can give 0 and qnormal goes below zero, unbounded', () => {
    expect(draw(qlognormal(0, 1, 1), 7)).toContain(0);
    expect(Math.min(...draw(qnormal(0, 1, 0.5), 8))).toBeLessThan(-3);
  });

  it('prints every q-rounded value with no more decimals than q (no float noise)', () => {
    const cases: [Expression, number][] = [
      [quniform(0, 1, 0.1), 1],
      [quniform(-5, 5, 0.05), 2],
      [qloguniform(-9, -2, 1e-5), 5],
      [qnormal(0, 1, 0.001), 3],
      [qlognormal(0, 1, 0.25), 2],
      [quniform(0, 1e-6, 2.5e-8), 9],
    ];
    for (const [expression, places] of cases) {
      for (const x of draw(expression, 9, 2000)) expect(decimals(x), `${x}`).toBeLessThanOrEqual(places);
    }
  });

  it('roundToMultiple gives the double nearest k * q, never -0', () => {
    expect(roundToMultiple(0.31, 0.1)).toBe(0.3);
    expect(roundToMultiple(1.1, 0.3)).toBe(1.2);
    expect(roundToMultiple(0.07, 0.01)).toBe(0.07);
    expect(roundToMultiple(123456.789, 0.001)).toBe(123456.789);
    expect(roundToMultiple(7, 5)).toBe(5);
    expect(roundToMultiple(13, 5)).toBe(15);
    expect(Object.is(roundToMultiple(-0.01, 0.3), 0)).toBe(true);
    expect(roundToMultiple(-0.31, 0.1)).toBe(-0.3);
    expect(roundToMultiple(5e-8, 2.5e-8)).toBe(5e-8);
    // q without a short decimal form: the plain product is as exact as doubles get.
    expect(roundToMultiple(2, 1 / 3)).toBe(6 * (1 / 3));
  });
});

describe('ranges of the other expressions', () => {
  it('uniform stays in [low, high); randint in [0, upper) and integral', () => {
    for (const x of draw(uniform(-2, 3), 10)) expect(x >= -2 && x < 3).toBe(true);
    const ints = draw(randint(5), 11);
    expect(new Set(ints)).toEqual(new Set([0, 1, 2, 3, 4]));
  });

  it('normal and lognormal are unbounded (lognormal only below by 0)', () => {
    const n = draw(normal(0, 1), 12, 100_000);
    expect(Math.min(...n)).toBeLessThan(-3.5);
    expect(Math.max(...n)).toBeGreaterThan(3.5);
    const ln = draw(lognormal(0, 1), 13);
    expect(Math.min(...ln)).toBeGreaterThan(0);
    expect(Math.max(...ln)).toBeGreaterThan(Math.exp(3));
  });

  it('choice returns the listed values themselves', () => {
    const values = draw(choice(['a', 1, true]), 14, 300) as unknown[];
    expect(new Set(values)).toEqual(new Set(['a', 1, true]));
  });
});

describe('sampleSpace', () => {
  const space = parseSpace(SAMPLE_GOLDEN.text);

  it('gives the pinned configurations for runs 0..2 of seed 7 (shared with the browser tests)', () => {
    const runs = [0, 1, 2].map((i) => sampleSpace(space, createRng(SAMPLE_GOLDEN.seed, i)));
    expect(runs).toEqual(SAMPLE_GOLDEN.runs);
  });

  it('keeps the written order of names and is deterministic per (seed, run)', () => {
    const a = sampleSpace(space, createRng(3, 9));
    expect(Object.keys(a)).toEqual(space.parameters.map((p) => p.name));
    expect(sampleSpace(space, createRng(3, 9))).toEqual(a);
    expect(sampleSpace(space, createRng(3, 10))).not.toEqual(a);
  });

  it('draws a fixed number of values per parameter, so one value never shifts the next', () => {
    const one = { parameters: [parameter('x', uniform(0, 1))] };
    const two = { parameters: [parameter('c', choice([1, 2, 3])), parameter('x', uniform(0, 1))] };
    const rngA = createRng(5);
    rngA.next();
    expect(sampleSpace(two, createRng(5)).x).toBe(sampleSpace(one, rngA).x);
  });
});
