import { describe, expect, it } from 'vitest';
import { digitsToTell, formatNumber } from '../../../src/core/policies/format';

describe('numbers in stop reasons', () => {
  it.each([
    [0.8 / 1.2, '0.667'],
    [0.61, '0.61'],
    [0.6000000000000001, '0.6'],
    [-0.5833333, '-0.583'],
    [12345.678, '12346'],
    [0.000123456, '0.000123'],
    [1e-9, '1e-9'],
    [0, '0'],
    [42, '42'],
  ])('%d -> %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });

  it('adds digits until two compared numbers differ', () => {
    expect(digitsToTell(0.61, 0.8 / 1.2)).toBe(3);
    expect(digitsToTell(0.6666, 0.8 / 1.2)).toBe(4);
    expect(formatNumber(0.66665, digitsToTell(0.66665, 0.8 / 1.2))).toBe('0.6666');
    expect(digitsToTell(0.5, 0.5)).toBe(3);
  });
});
