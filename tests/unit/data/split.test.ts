import { describe, expect, it } from 'vitest';
import { splitRows } from '../../../src/core/data';

function classOfRows(counts: number[]): { rows: Int32Array; classOf: Int32Array } {
  const classOf: number[] = [];
  counts.forEach((count, c) => {
    for (let i = 0; i < count; i++) classOf.push(c);
  });
  return { rows: Int32Array.from(classOf.keys()), classOf: Int32Array.from(classOf) };
}

const count = (rows: Int32Array, classOf: Int32Array, c: number) => rows.filter((r) => classOf[r] === c).length;

describe('splitRows', () => {
  it('stratifies: each class keeps its share in validation', () => {
    const { rows, classOf } = classOfRows([500, 300, 150, 40, 10]);
    const { train, valid } = splitRows(rows, 0.2, 7, classOf);
    expect([0, 1, 2, 3, 4].map((c) => count(valid, classOf, c))).toEqual([100, 60, 30, 8, 2]);
    expect(train.length + valid.length).toBe(1000);
    expect(new Set([...train, ...valid]).size).toBe(1000);
  });

  it('puts at least one row of every class with two or more rows in validation', () => {
    const { rows, classOf } = classOfRows([50, 2, 1]);
    const { train, valid } = splitRows(rows, 0.1, 1, classOf);
    expect(count(valid, classOf, 1)).toBe(1);
    expect(count(train, classOf, 1)).toBe(1);
    expect(count(valid, classOf, 2)).toBe(0);
  });

  it('is deterministic per seed and differs between seeds', () => {
    const { rows, classOf } = classOfRows([100, 100]);
    const a = splitRows(rows, 0.25, 42, classOf);
    const b = splitRows(rows, 0.25, 42, classOf);
    const c = splitRows(rows, 0.25, 43, classOf);
    expect(Array.from(a.valid)).toEqual(Array.from(b.valid));
    expect(Array.from(a.train)).toEqual(Array.from(b.train));
    expect(Array.from(a.valid)).not.toEqual(Array.from(c.valid));
  });

  it('shuffles classes together (no class blocks) and splits regression rows by fraction', () => {
    const { rows, classOf } = classOfRows([100, 100]);
    const { train } = splitRows(rows, 0.2, 3, classOf);
    const firstHalf = Array.from(train.slice(0, 80)).filter((r) => classOf[r] === 0).length;
    expect(firstHalf).toBeGreaterThan(20);
    expect(firstHalf).toBeLessThan(60);
    const reg = splitRows(Int32Array.from({ length: 1001 }, (_, i) => i), 0.3, 9);
    expect(reg.valid.length).toBe(300);
    expect(reg.train.length).toBe(701);
  });

  it('rejects a fraction outside (0, 1) and splits that leave a side empty', () => {
    const rows = Int32Array.from([0, 1, 2]);
    expect(() => splitRows(rows, 1, 1)).toThrow('validationFraction must be between 0 and 1, exclusive (got 1)');
    expect(() => splitRows(rows, 0, 1)).toThrow(/got 0/);
    expect(() => splitRows(Int32Array.from([0, 1]), 0.2, 1, Int32Array.from([0, 1]))).toThrow(
      /2 rows are too few for a train\/validation split: every class needs at least two rows/,
    );
    expect(() => splitRows(Int32Array.from([0]), 0.2, 1)).toThrow(/^1 row is too few for a train\/validation split/);
  });
});
