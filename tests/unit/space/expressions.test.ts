/**
 * Expression factories make plain JSON-able objects; the helpers classify them and summarise them
 * for people, with real units next to log-scale exponents.
 */
import { describe, expect, it } from 'vitest';
import {
  EXPRESSION_TYPES,
  choice,
  describeExpression,
  formatNumber,
  isDiscrete,
  isLogScale,
  lognormal,
  loguniform,
  normal,
  qlognormal,
  qloguniform,
  qnormal,
  quniform,
  randint,
  range,
  rangeLength,
  uniform,
} from '../../../src/core/space';

describe('factories', () => {
  it('make plain objects that survive JSON and structured clone', () => {
    const all = [
      choice(1, 'a', true), randint(3), uniform(0, 1), loguniform(-9, -2), quniform(0, 1, 0.3), qloguniform(0, 1, 1),
      normal(0, 1), lognormal(0, 1), qnormal(0, 1, 1), qlognormal(0, 1, 1),
    ];
    expect(all.map((e) => e.type)).toEqual(EXPRESSION_TYPES);
    expect(JSON.parse(JSON.stringify(all))).toEqual(all);
    expect(structuredClone(all)).toEqual(all);
  });

  it('accept choice values listed or as one list', () => {
    expect(choice(16, 32)).toEqual({ type: 'choice', values: [16, 32] });
    expect(choice([16, 32])).toEqual({ type: 'choice', values: [16, 32] });
    expect(choice(range(1, 4))).toEqual({ type: 'choice', values: [1, 2, 3] });
  });

  it('range and rangeLength follow Python', () => {
    expect(range(3)).toEqual([0, 1, 2]);
    expect(range(0, 3)).toEqual([0, 1, 2]);
    expect(range(10, 0, -3)).toEqual([10, 7, 4, 1]);
    expect(range(0, 5, 0)).toEqual([]);
    expect(rangeLength(0, 1e12)).toBe(1e12);
    expect(rangeLength(5, 1)).toBe(0);
  });
});

describe('isDiscrete and isLogScale', () => {
  it.each([
    [choice(1), true, false],
    [randint(3), true, false],
    [uniform(0, 1), false, false],
    [loguniform(-9, -2), false, true],
    [quniform(0, 1, 0.1), true, false],
    [qloguniform(0, 1, 1), true, true],
    [normal(0, 1), false, false],
    [lognormal(0, 1), false, true],
    [qnormal(0, 1, 1), true, false],
    [qlognormal(0, 1, 1), true, true],
  ])('%j: discrete %s, log scale %s', (expression, discrete, log) => {
    expect(isDiscrete(expression)).toBe(discrete);
    expect(isLogScale(expression)).toBe(log);
  });
});

describe('describeExpression', () => {
  it.each([
    [choice(16, 32, 64, 128), 'discrete, 4 values: 16, 32, 64, 128'],
    [choice('relu'), 'discrete, 1 value: "relu"'],
    [choice(range(100)), 'discrete, 100 values: 0, 1, 2, 3, 4, ..., 99'],
    [randint(10), 'discrete, integers 0..9'],
    [uniform(0.5, 1), 'continuous, 0.5..1'],
    [loguniform(-9, -2), 'continuous, e^-9..e^-2 = 1.234e-4..0.1353'],
    [quniform(0, 1, 0.3), 'discrete, multiples of 0.3 from 0 to 0.9 (uniform 0..1, not clipped)'],
    [qloguniform(0, Math.log(100), 5), 'discrete, multiples of 5 from 0 to 100 (e^0..e^4.605 = 1..100, not clipped)'],
    [normal(0, 1), 'continuous, unbounded, mean 0, sd 1 (95% in -1.96..1.96)'],
    [lognormal(0, 1), 'continuous, positive, median e^0 = 1 (95% in 0.1409..7.099)'],
    [qnormal(100, 30, 10), 'discrete, multiples of 10, unbounded, mean 100, sd 30 (95% in 41.2..158.8)'],
    [qlognormal(3, 0.5, 1), 'discrete, multiples of 1, >= 0, median e^3 = 20.09 (95% in 7.538..53.52)'],
  ])('%j', (expression, summary) => {
    expect(describeExpression(expression)).toBe(summary);
  });

  it('formats numbers with 4 significant digits, exponents outside [1e-3, 1e6)', () => {
    expect([1.2341e-4, 0.135335, 7.0993, 1e6, 123456.7, -0.5, 0, 2.5e-10].map(formatNumber)).toEqual([
      '1.234e-4', '0.1353', '7.099', '1e6', '123500', '-0.5', '0', '2.5e-10',
    ]);
  });
});
