/**
 * The page's 1 GiB cap on image uploads at its real value, without writing a gigabyte: sparse
 * files on disk report their size and take no space. A zip and a folder over the cap are refused
 * with a message naming them (from the files' sizes, before the worker reads a byte), and the
 * dataset already open stays. A real zip bomb (1.1 GiB of zeros in 7 MB) is refused by its
 * declared inflated size.
 */
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pngBytes, shapeImage } from '../fixtures/images';
import { zipBomb } from '../fixtures/zip-bomb';
import { demoAppWithFolder } from './support/app';

const { app, dir } = demoAppWithFolder('tabtune-e2e-caps-');

function sparse(path: string, size: number): string {
  writeFileSync(path, '');
  truncateSync(path, size);
  return path;
}

describe('image uploads over 1 GiB', () => {
  it('refuses a zip and a folder over the cap by name, keeping the open dataset', async () => {
    const { page } = app;
    const showing = await page.getByText('Showing').first().textContent();
    await page.getByLabel('Upload images (.zip)').setInputFiles(sparse(join(dir, 'huge.zip'), 2 ** 30 + 1));
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 30_000 }).toContain('"huge.zip" is 1.0 GB: image uploads are limited to 1.0 GB');

    const folder = join(dir, 'huge');
    for (const c of ['a', 'b']) mkdirSync(join(folder, c), { recursive: true });
    writeFileSync(join(folder, 'a', 'small.png'), pngBytes(shapeImage('square', 4, 4, 1)));
    sparse(join(folder, 'a', 'big.png'), 2 ** 29);
    sparse(join(folder, 'b', 'big.png'), 2 ** 29);
    await page.getByLabel('Upload image folder').setInputFiles(folder);
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 30_000 }).toContain('"huge" is 1.0 GB: image uploads are limited to 1.0 GB');
    expect(await page.getByText('Showing').first().textContent()).toBe(showing);
    expect(app.errors).toEqual([]);
  });

  it('refuses a zip bomb by its declared inflated size', async () => {
    const { page } = app;
    const { zip } = zipBomb('a/zeros.png', 1.1 * 2 ** 30);
    await page.getByLabel('Upload images (.zip)').setInputFiles({ name: 'bomb.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 30_000 }).toContain('"bomb.zip" inflates to more than 1.0 GB (at "a/zeros.png"): refused as a possible zip bomb');
    expect(app.errors).toEqual([]);
  });
});
