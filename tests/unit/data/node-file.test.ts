/** `tabtune run`'s dataset loading: the same core over files on disk. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCsvFile, loadDatasetSpec } from '../../../src/cli/data-file';

const dir = mkdtempSync(join(tmpdir(), 'tabtune-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CLI dataset files', () => {
  it('loads the bundled demos by name', async () => {
    const digits = await loadDatasetSpec({ source: 'demo:digits' });
    expect(digits).toMatchObject({ source: 'demo:digits', featureCount: 64, outputCount: 10, imageShape: [8, 8, 1] });
    const iris = await loadDatasetSpec({ source: 'demo:iris' });
    expect(iris.trainY.length + iris.validY.length).toBe(150);
  });

  it('reads a semicolon CSV with a BOM from a relative file: path, with target and task', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `${i % 4};${(i * 1.5).toFixed(1).replace('.', ',')};${i % 2 ? 'a' : 'b'}`);
    writeFileSync(join(dir, 'semi.csv'), '\uFEFFk;price;kind\n' + rows.join('\n'));
    const ds = await loadDatasetSpec({ source: 'file:semi.csv', target: 'price', task: 'regression' }, { baseDir: dir });
    expect(ds.source).toBe('file:semi.csv');
    expect(ds.encoding).toMatchObject({ target: 'price', task: 'regression' });
    expect(ds.encoding.columns.map((c) => c.name)).toEqual(['k', 'kind']);
    expect(Math.abs(ds.encoding.targetMean! - 36.75)).toBeLessThan(5); // training rows only: near the file mean of 36.75
  });

  it('reads UTF-16 files with a byte-order mark', async () => {
    const text = 'a,b,y\n' + Array.from({ length: 20 }, (_, i) => `${i % 3},${i % 5},${i % 2}`).join('\n');
    writeFileSync(join(dir, 'wide.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const ds = await loadCsvFile(join(dir, 'wide.csv'));
    expect(ds.featureCount).toBe(2);
    expect(ds.name).toBe('wide.csv');
  });

  it('names the problem: missing file, unknown demo, upload source, bad content', async () => {
    await expect(loadCsvFile(join(dir, 'nope.csv'))).rejects.toThrow(/cannot read the CSV ".*nope.csv": no such file/);
    await expect(loadDatasetSpec({ source: 'demo:mnist' })).rejects.toThrow(
      'dataset.source "demo:mnist" is not a bundled demo (choose demo:digits, demo:iris, demo:wine)',
    );
    await expect(loadDatasetSpec({ source: 'upload:abc' })).rejects.toThrow(/uploads live in a browser's storage/);
    writeFileSync(join(dir, 'ragged.csv'), 'a,b\n1,2\n3\n');
    const error = await loadCsvFile(join(dir, 'ragged.csv')).catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'InvalidDataError', message: expect.stringMatching(/^"ragged.csv" line 3 has 1 field/) });
  });
});
