import { describe, expect, it } from 'vitest';
import { encodeDataset, loadCsvText, OTHER_LEVEL, type EncodedDataset } from '../../../src/core/data';
import { categoricalEncoder } from '../../../src/core/data/feature-encoders';
import { csv, prepare } from './helpers';

function rowOf(x: Float32Array, width: number, i: number): number[] {
  return Array.from(x.slice(i * width, (i + 1) * width));
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

describe('encodeDataset', () => {
  it('standardizes numeric features with the training split statistics only', async () => {
    const { table, choices } = await prepare(csv(['x', 'y'], 200, (i) => [i * i * 0.01, i % 2]));
    const ds = encodeDataset(table, choices, { seed: 3, validationFraction: 0.25 });
    const train = Array.from(ds.trainX);
    expect(mean(train)).toBeCloseTo(0, 5);
    expect(Math.sqrt(mean(train.map((v) => v * v)))).toBeCloseTo(1, 4);
    const enc = ds.encoding.columns[0];
    expect(enc.kind).toBe('numeric');
    if (enc.kind !== 'numeric') return;
    // The validation rows were standardized with the training mean/std, not their own.
    const raw = Array.from(ds.validX, (z) => z * enc.std + enc.mean);
    expect(raw.every((v) => Math.abs(Math.sqrt(v / 0.01) - Math.round(Math.sqrt(v / 0.01))) < 1e-2)).toBe(true);
    expect(mean(Array.from(ds.validX))).not.toBeCloseTo(0, 5);
  });

  it('one-hot encodes categoricals, groups rare levels into (other), imputes the most frequent level', async () => {
    const colors = (i: number) => (i === 5 ? '' : i % 10 === 9 ? `rare${i}` : ['red', 'green', 'blue'][i % 3]);
    const { table, choices } = await prepare(csv(['color', 'y'], 300, (i) => [colors(i), i % 2]));
    const ds = encodeDataset(table, choices, { seed: 1 });
    const enc = ds.encoding.columns[0];
    expect(enc).toMatchObject({ kind: 'categorical', name: 'color', otherLevel: OTHER_LEVEL });
    if (enc.kind !== 'categorical') return;
    expect([...enc.levels].sort()).toEqual(['(other)', 'blue', 'green', 'red']);
    expect(enc.levels[3]).toBe(OTHER_LEVEL);
    expect(ds.featureCount).toBe(4);
    for (let i = 0; i < ds.trainX.length / 4; i++) expect(rowOf(ds.trainX, 4, i).reduce((a, b) => a + b)).toBe(1);
    expect(enc.impute).toBe(enc.levels[0]);
  });

  it('drop removes rows with a missing feature; impute keeps them (missing target rows are always left out)', async () => {
    const text = csv(['a', 'b', 'y'], 100, (i) => [i % 10 === 0 ? 'NA' : i % 7, i % 4, i === 3 ? '' : i % 2]);
    const { table, choices } = await prepare(text);
    const size = (ds: EncodedDataset) => (ds.trainY.length + ds.validY.length);
    expect(size(encodeDataset(table, { ...choices, missing: 'impute' }))).toBe(99);
    expect(size(encodeDataset(table, { ...choices, missing: 'drop' }))).toBe(89);
    const imputed = encodeDataset(table, { ...choices, missing: 'impute' });
    expect(imputed.encoding.columns[0]).toMatchObject({ kind: 'numeric' });
    expect(Array.from(imputed.trainX).every(Number.isFinite)).toBe(true);
  });

  it('classification targets are class indices with labels sorted by value', async () => {
    const ds = await loadCsvText(csv(['x', 'digit'], 60, (i) => [i % 5, [10, 2, 1][i % 3]]));
    expect(ds.encoding.classLabels).toEqual(['1', '2', '10']);
    expect(ds.outputCount).toBe(3);
    expect(new Set([...ds.trainY, ...ds.validY])).toEqual(new Set([0, 1, 2]));
  });

  it('regression targets are standardized with the training mean and std, recorded for reporting', async () => {
    const ds = await loadCsvText(csv(['x', 'price'], 100, (i) => [i % 5, 1000 + i * 12.5]), { seed: 2 });
    expect(ds.encoding.task).toBe('regression');
    expect(ds.outputCount).toBe(1);
    const { targetMean, targetStd } = ds.encoding;
    expect(mean(Array.from(ds.trainY))).toBeCloseTo(0, 5);
    const prices = Array.from(ds.validY, (z) => z * targetStd! + targetMean!);
    expect(prices.every((p) => Math.abs((p - 1000) / 12.5 - Math.round((p - 1000) / 12.5)) < 1e-3)).toBe(true);
  });

  it('is deterministic: same file, choices and seed give the same arrays and id; another seed another id', async () => {
    const text = csv(['a', 'c', 'y'], 120, (i) => [(i * 37) % 11, ['p', 'q'][i % 2], i % 3]);
    const a = await loadCsvText(text, { seed: 5 });
    const b = await loadCsvText(text, { seed: 5 });
    const c = await loadCsvText(text, { seed: 6 });
    expect(a.id).toBe(b.id);
    expect(a.id).toMatch(/^data-[0-9a-f]{14}$/);
    expect(Array.from(a.validX)).toEqual(Array.from(b.validX));
    expect(c.id).not.toBe(a.id);
    expect(a).toMatchObject({ splitSeed: 5, validationFraction: 0.2, source: 'upload:data.csv', featureCount: 3 });
  });

  it('keeps every pixel for an image shape and checks the count', async () => {
    const text = csv(['p0', 'p1', 'p2', 'p3', 'label'], 40, (i) => [0, i % 16, (i * 3) % 16, 16, i % 2]);
    const ds = await loadCsvText(text, { imageShape: [2, 2, 1] });
    expect(ds.featureCount).toBe(4);
    expect(ds.imageShape).toEqual([2, 2, 1]);
    await expect(loadCsvText(text, { imageShape: [3, 3, 1] })).rejects.toThrow('imageShape 3x3x1 needs 9 numeric features (got 4)');
  });

  it('leaves excluded columns out', async () => {
    const text = csv(['keep', 'drop', 'cat', 'y'], 50, (i) => [i % 6, (i * 7) % 9, ['a', 'b'][i % 2], i % 2]);
    const ds = await loadCsvText(text, { exclude: ['drop'] });
    expect(ds.encoding.columns.map((c) => c.name)).toEqual(['keep', 'cat']);
  });

  it('maps a level unseen in training to (other) when it exists, else to zeros', async () => {
    const { table } = await prepare('c,y\na,0\na,1\na,0\na,1\na,0\nb,1\nzz,0\n');
    const column = table.columns[0];
    const write = (encoder: ReturnType<typeof categoricalEncoder>, row: number) => {
      const out = new Float32Array(encoder.width);
      encoder.write(row, out, 0);
      return Array.from(out);
    };
    const train = Int32Array.from([0, 1, 2, 3, 4, 5]);
    const grouped = categoricalEncoder(column, train, true);
    expect(grouped.encoding).toMatchObject({ levels: ['a', '(other)'], otherLevel: '(other)' });
    expect(write(grouped, 6)).toEqual([0, 1]);
    const plain = categoricalEncoder(column, train, true, { minLevelCount: 1 });
    expect(plain.encoding).toEqual({ kind: 'categorical', name: 'c', levels: ['a', 'b'], impute: 'a' });
    expect(write(plain, 6)).toEqual([0, 0]);
    expect(write(plain, 5)).toEqual([0, 1]);
  });
});
