import { describe, expect, it } from 'vitest';
import { detCos2Pi, detExp, detLog } from '../../../src/core/det-math';
import { createRng } from '../../../src/core/rng';
import { COS_GOLDEN, DET_MATH_GOLDEN } from '../../fixtures/det-math-golden';

/** Distance in units in the last place between two doubles of the same sign. */
function ulps(a: number, b: number): number {
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  return Math.abs(Number(view.getBigInt64(0) - view.getBigInt64(8)));
}

describe('engine-independent exp and log', () => {
  it('stay within 1 ulp of Math.exp / Math.log over their whole range', () => {
    // Sized by work, not time: one seeded point in each of 20,000 equal strata covers the whole
    // range evenly, and one assertion on the worst case keeps the loop cheap (about 50 ms).
    const rng = createRng(3);
    const strata = 20_000;
    let worstExp = 0;
    let worstLog = 0;
    for (let i = 0; i < strata; i++) {
      const x = -744 + ((709 + 744) * (i + rng.next())) / strata;
      worstExp = Math.max(worstExp, ulps(detExp(x), Math.exp(x)));
      const y = Math.exp(-700 + (1400 * (i + rng.next())) / strata);
      worstLog = Math.max(worstLog, ulps(detLog(y), Math.log(y)));
    }
    expect(worstExp).toBeLessThanOrEqual(1);
    expect(worstLog).toBeLessThanOrEqual(1);
  });

  it('handle the edges exactly', () => {
    expect(detExp(0)).toBe(1);
    expect(detExp(-Infinity)).toBe(0);
    expect(detExp(Infinity)).toBe(Infinity);
    expect(detExp(710)).toBe(Infinity);
    expect(detExp(-746)).toBe(0);
    expect(detExp(-745)).toBe(5e-324);
    expect(Number.isNaN(detExp(NaN))).toBe(true);
    expect(detLog(1)).toBe(0);
    expect(detLog(0)).toBe(-Infinity);
    expect(detLog(Infinity)).toBe(Infinity);
    expect(Number.isNaN(detLog(-1))).toBe(true);
    expect(detLog(5e-324)).toBeCloseTo(-744.4400719213812, 12);
    expect(detLog(2)).toBe(Math.LN2);
  });

  it('cos(2 pi v) agrees with Math.cos to 1e-15 over [0, 1)', () => {
    // Math.cos(2 * Math.PI * v) first rounds its argument (up to ~4e-16 near 2 pi), so only an
    // absolute comparison is fair; detCos2Pi reduces exactly in v instead.
    const rng = createRng(4);
    const strata = 50_000;
    let worst = 0;
    for (let i = 0; i < strata; i++) {
      const v = (i + rng.next()) / strata;
      worst = Math.max(worst, Math.abs(detCos2Pi(v) - Math.cos(2 * Math.PI * v)));
    }
    expect(worst).toBeLessThan(1e-15);
    expect(COS_GOLDEN.map(([v]) => detCos2Pi(v))).toEqual(COS_GOLDEN.map(([, y]) => y));
  });

  it('give pinned bit patterns (the browser test asserts the same literals)', () => {
    expect(DET_MATH_GOLDEN.map(([fn, x]) => (fn === 'exp' ? detExp(x) : detLog(x)))).toEqual(DET_MATH_GOLDEN.map(([, , y]) => y));
  });
});
