import { describe, expect, it } from 'vitest';
import { countOf, formatBytes, summarizeDataset } from '../../../src/core/data';
import { csv, prepare } from './helpers';

describe('summarizeDataset', () => {
  it('shows rows, columns, features, classes and their balance', async () => {
    const { table, schema, choices } = await prepare(csv(['a', 'b', 'y'], 100, (i) => [i % 7, (i * 3) % 5, i < 75 ? 'no' : 'yes']));
    const summary = summarizeDataset(table, schema, choices);
    expect(summary).toMatchObject({ rows: 100, columns: 3, features: 2, usableRows: 100, target: 'y', task: 'classification', delimiter: 'comma', problems: [] });
    expect(summary.classes).toEqual([
      { label: 'no', count: 75, share: 0.75 },
      { label: 'yes', count: 25, share: 0.25 },
    ]);
    expect(summary.imbalance).toBe(3);
  });

  it('reports missing values per column with the first line, and what the strategy does', async () => {
    const text = 'a,b,y\n1,x,0\n,y,1\n3,,0\n4,x,\n5,y,1\n6,x,0\n';
    const { table, schema, choices } = await prepare(text);
    const impute = summarizeDataset(table, schema, choices).missing!;
    expect(impute).toMatchObject({ strategy: 'impute', targetMissing: 1, rowsWithMissing: 2, keptRows: 5, droppedRows: 1 });
    expect(impute.columns).toEqual([
      { name: 'y', count: 1, firstLine: 5 },
      { name: 'a', count: 1, firstLine: 3 },
      { name: 'b', count: 1, firstLine: 4 },
    ]);
    const drop = summarizeDataset(table, schema, { ...choices, missing: 'drop' });
    expect(drop.usableRows).toBe(3);
    expect(drop.missing).toMatchObject({ keptRows: 3, droppedRows: 3 });
  });

  it('gives the target range for regression and lists problems instead of throwing', async () => {
    const { table, schema, choices } = await prepare(csv(['x', 'v'], 30, (i) => [i % 3, i === 4 ? 'oops' : i / 2]));
    const summary = summarizeDataset(table, schema, { ...choices, task: 'regression' });
    expect(summary.targetRange).toEqual({ min: 0, max: 14.5, mean: expect.closeTo(7.4, 1) });
    expect(summary.problems).toEqual(['target "v" must be numeric for regression, but line 6 has the text "oops"']);
  });
});

describe('formatBytes', () => {
  it.each([
    [512, '512 bytes'],
    [2048, '2.0 KB'],
    [250 * 1024 ** 2, '250.0 MB'],
    [10 * 1024 ** 3 + 300 * 1024 ** 2, '10.3 GB'],
  ])('%d bytes reads %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('countOf', () => {
  it.each([
    [1, 'row', '1 row'],
    [0, 'row', '0 rows'],
    [1797, 'row', '1,797 rows'],
    [2, 'class', '2 classes'],
  ])('%d %s reads %s', (n, noun, text) => {
    expect(countOf(n, noun, noun === 'class' ? 'classes' : undefined)).toBe(text);
  });
});
