/**
 * Grid enumeration (SPEC section 2): the Cartesian product of choice-only spaces, in nested-loop
 * order of the written parameters, each configuration once; anything else is a clear error.
 */
import { describe, expect, it } from 'vitest';
import { InvalidSpaceError } from '../../../src/core/errors';
import { enumerateGrid, gridPoint, gridSize, parseSpace } from '../../../src/core/space';

describe('grid', () => {
  const space = parseSpace('a: choice(1, 2, 3)\nb: choice(16, 32)');

  it('counts choice(1, 2, 3) x choice(16, 32) as 6 runs', () => {
    expect(gridSize(space)).toBe(6);
  });

  it('enumerates like nested loops in written order: the first parameter varies slowest', () => {
    expect([...enumerateGrid(space)]).toEqual([
      { a: 1, b: 16 },
      { a: 1, b: 32 },
      { a: 2, b: 16 },
      { a: 2, b: 32 },
      { a: 3, b: 16 },
      { a: 3, b: 32 },
    ]);
  });

  it('keeps the written order of names and values, whatever their kind', () => {
    const mixed = parseSpace('{"z": choice("tanh", "relu"), "2": choice(true, false), "a": choice(0.5)}');
    expect([...enumerateGrid(mixed)].map((v) => [v.z, v['2'], v.a])).toEqual([
      ['tanh', true, 0.5],
      ['tanh', false, 0.5],
      ['relu', true, 0.5],
      ['relu', false, 0.5],
    ]);
  });

  it('gives every configuration exactly once, and gridPoint(i) is the i-th', () => {
    const big = parseSpace('a: choice(range(4))\nb: choice("x", "y", "z")\nc: choice(true, false)\nd: choice(range(5))');
    const all = [...enumerateGrid(big)];
    expect(all).toHaveLength(gridSize(big));
    expect(all).toHaveLength(120);
    expect(new Set(all.map((v) => JSON.stringify(v))).size).toBe(120);
    all.forEach((values, i) => expect(gridPoint(big, i)).toEqual(values));
  });

  it('enumerates lazily, so a huge grid can be taken from', () => {
    const huge = parseSpace(Array.from({ length: 8 }, (_, i) => `p${i}: choice(range(1000))`).join('\n'));
    expect(gridSize(huge)).toBe(1e24);
    const first = enumerateGrid(huge).next().value;
    expect(first).toEqual(Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`p${i}`, 0])));
  });

  it('rejects any non-choice expression, naming each parameter', () => {
    const bad = parseSpace('a: choice(1, 2)\nlr: loguniform(-9, -2)\nn: randint(3)');
    const message = ['parameter "lr": grid sampling needs choice (got loguniform)', 'parameter "n": grid sampling needs choice (got randint)'];
    for (const run of [() => gridSize(bad), () => enumerateGrid(bad).next(), () => gridPoint(bad, 0)]) {
      expect(run).toThrow(InvalidSpaceError);
      try {
        run();
      } catch (error) {
        expect((error as InvalidSpaceError).problems).toEqual(message);
      }
    }
  });

  it('rejects an index outside the grid', () => {
    expect(() => gridPoint(space, 6)).toThrow('grid index must be an integer in 0..5 (got 6)');
    expect(() => gridPoint(space, -1)).toThrow(RangeError);
    expect(() => gridPoint(space, 1.5)).toThrow(RangeError);
  });
});
