/** The one "is this value better" and "best of" rule (src/core/goal.ts) and faces that use it. */
import { describe, expect, it } from 'vitest';
import { bestIntervalOf, bestOf, isBetter } from '../../../src/core/goal';
import { createPolicy, replay } from '../../../src/core/policies';

describe('isBetter / bestOf / bestIntervalOf', () => {
  it('compares by goal, strictly', () => {
    expect(isBetter(2, 1, 'maximize')).toBe(true);
    expect(isBetter(1, 2, 'minimize')).toBe(true);
    expect(isBetter(1, 1, 'maximize')).toBe(false);
    expect(isBetter(Number.NaN, 1, 'maximize')).toBe(false);
  });

  it.each([
    [[Number.NaN, 0.5, 0.7], 'maximize', 0.7],
    [[0.5, Number.NaN, 0.7], 'maximize', 0.7],
    [[0.5, Number.NaN, 0.7], 'minimize', 0.5],
    [[Number.POSITIVE_INFINITY, 3], 'maximize', 3],
    [[Number.NEGATIVE_INFINITY, 3], 'minimize', 3],
    [[Number.NaN, Number.NaN], 'maximize', null],
    [[], 'minimize', null],
  ] as const)('NaN and Infinity are never best: bestOf(%j, %s) is %s', (values, goal, expected) => {
    expect(bestOf(values, goal)).toBe(expected);
  });

  it('bestIntervalOf gives the 1-based interval, the earlier one on ties', () => {
    expect(bestIntervalOf([Number.NaN, 0.8, 0.8, 0.2], 'maximize')).toEqual({ value: 0.8, interval: 2 });
    expect(bestIntervalOf([Number.NaN], 'minimize')).toBeNull();
  });

  it('replay summarises with the same rule: a NaN first interval does not make NaN the best', () => {
    const runs = [{ id: 'a', values: [Number.NaN, 0.6] }, { id: 'b', values: [0.4, 0.5] }];
    const result = replay({ runs, goal: 'maximize', policy: createPolicy({ type: 'none' }, 'acc') });
    expect(result.summary.bestWithout).toBe(0.6);
    expect(result.summary.bestWithPolicy).toBe(0.6);
  });
});
