/**
 * The caps on image uploads at their real values (1 GiB upload, 1 GiB inflated), without writing
 * gigabytes: sparse files report their size without taking disk, and a hand-built zip bomb holds
 * 1.1 GiB of zeros in about 7 MB. Each is refused by size before anything big is read or inflated
 * (a read or an inflate of 1 GiB would blow the time limit or memory of these tests); files that
 * are not images are never read nor inflated at all.
 */
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_INFLATED_BYTES, DEFAULT_MAX_UPLOAD_BYTES, checkUploadBytes, unzipImages } from '../../../../src/core/data';
import { loadImagePath } from '../../../../src/cli/image-source';
import { pngBytes, shapeImage, zipBytes } from '../../../fixtures/images';
import { craftedZip, crcOfZeros, deflatedZeros, zipBomb } from '../../../fixtures/zip-bomb';

const root = mkdtempSync(join(tmpdir(), 'tabtune-image-caps-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A sparse file of `size` bytes at `path` (no disk blocks written). */
function sparse(path: string, size: number): string {
  writeFileSync(path, '');
  truncateSync(path, size);
  return path;
}

describe('the image upload caps at their real values', () => {
  it('are 1 GiB each', () => {
    expect(DEFAULT_MAX_UPLOAD_BYTES).toBe(2 ** 30);
    expect(DEFAULT_MAX_INFLATED_BYTES).toBe(2 ** 30);
  });

  it('refuses a folder whose files add up past 1 GiB, from their sizes, before reading one', async () => {
    const dir = join(root, 'huge');
    for (const c of ['a', 'b']) mkdirSync(join(dir, c), { recursive: true });
    writeFileSync(join(dir, 'a', 'small.png'), pngBytes(shapeImage('square', 4, 4, 1)));
    sparse(join(dir, 'a', 'big.png'), 2 ** 29);
    sparse(join(dir, 'b', 'big.png'), 2 ** 29);
    const started = performance.now();
    await expect(loadImagePath(dir, 'huge')).rejects.toThrow(/^"huge" is 1\.0 GB: image uploads are limited to 1\.0 GB/);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('draws the line at 1 GiB exactly: 1 GiB passes, one byte more does not', () => {
    expect(() => checkUploadBytes(2 ** 30, 'edge')).not.toThrow();
    expect(() => checkUploadBytes(2 ** 30 + 1, 'edge')).toThrow(/^"edge" is 1\.0 GB: image uploads are limited to 1\.0 GB/);
  });

  it('refuses a zip file over 1 GiB by its size, before reading it', async () => {
    const zip = sparse(join(root, 'big.zip'), 2 ** 30 + 1);
    await expect(loadImagePath(zip, 'big')).rejects.toThrow(/^"big\.zip" is 1\.0 GB: image uploads are limited to 1\.0 GB/);
  });

  it('refuses a real zip bomb (1.1 GiB of zeros in 7 MB) by its declared size, before inflating', async () => {
    const { zip, inflatedSize } = zipBomb('a/zeros.png', 1.1 * 2 ** 30);
    expect(inflatedSize).toBeGreaterThan(2 ** 30);
    expect(inflatedSize / zip.length).toBeGreaterThan(150);
    // It is a real bomb: a valid deflate stream that inflates past any small limit.
    expect(() => inflateRawSync(zip.subarray(30 + 'a/zeros.png'.length), { maxOutputLength: 2 ** 20 })).toThrow(/Cannot create a Buffer larger than|larger than/);
    const started = performance.now();
    expect(() => unzipImages(zip, 'bomb.zip')).toThrow(/^"bomb\.zip" inflates to more than 1\.0 GB \(at "a\/zeros\.png"\): refused as a possible zip bomb/);
    expect(performance.now() - started).toBeLessThan(1000);
    writeFileSync(join(root, 'bomb.zip'), zip);
    await expect(loadImagePath(join(root, 'bomb.zip'), 'bomb')).rejects.toThrow(/refused as a possible zip bomb/);
  });

  it('adds the declared sizes of all entries: two of 600 MB are refused at the second', () => {
    const deflated = deflatedZeros(1);
    const entry = (name: string) => ({ name, deflated, crc: crcOfZeros(259), declaredSize: 600 * 2 ** 20 });
    expect(() => unzipImages(craftedZip([entry('a/1.png'), entry('b/2.png')]), 'two.zip')).toThrow(/inflates to more than 1\.0 GB \(at "b\/2\.png"\)/);
  });

  it('cuts an entry that declares less than it inflates to at its declared size (it never grows)', () => {
    const lying = craftedZip([
      { name: 'a/1.png', deflated: deflatedZeros(Math.ceil((8 * 2 ** 20) / 258)), crc: 0, declaredSize: 1000 },
      { name: 'b/2.png', deflated: deflatedZeros(1), crc: crcOfZeros(259), declaredSize: 259 },
    ]);
    expect(unzipImages(lying, 'lying.zip').map((f) => [f.path, f.bytes.length])).toEqual([['a/1.png', 1000], ['b/2.png', 259]]);
  });

  it('never reads nor inflates a file that is not an image: a 900 MB video in a folder, a 1.1 GiB one in a zip', async () => {
    const png = pngBytes(shapeImage('square', 4, 4, 1));
    const dir = join(root, 'with-video');
    for (const c of ['a', 'b']) mkdirSync(join(dir, c), { recursive: true });
    for (const p of ['a/1.png', 'a/2.png', 'b/1.png', 'b/2.png']) writeFileSync(join(dir, p), png);
    sparse(join(dir, 'a', 'clip.mp4'), 900 * 2 ** 20);
    let started = performance.now();
    const folder = await loadImagePath(dir, 'with-video', { size: 4 });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(folder.summary.leftOut).toEqual([{ file: 'a/clip.mp4', reason: expect.stringMatching(/^not an image \(extension "mp4"/) }]);

    const { zip: bomb } = zipBomb('a/clip.mp4', 1.1 * 2 ** 30);
    const video = unzipImages(bomb, 'v.zip')[0];
    expect([video.path, video.bytes.length]).toEqual(['a/clip.mp4', 0]);
    const deflated = deflatedZeros(1);
    const zip = craftedZip([
      ...['a/1.png', 'b/1.png'].map((name) => ({ name, deflated, crc: crcOfZeros(259), declaredSize: 259 })),
      { name: 'a/clip.mp4', deflated: deflatedZeros(Math.ceil((1.1 * 2 ** 30) / 258)), crc: 0, declaredSize: 1.1 * 2 ** 30 },
    ]);
    started = performance.now();
    expect(unzipImages(zip, 'v.zip').map((f) => [f.path, f.bytes.length])).toEqual([['a/1.png', 259], ['b/1.png', 259], ['a/clip.mp4', 0]]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('still reads an ordinary zip with the caps at their defaults', () => {
    const files = unzipImages(zipBytes({ 'a/1.png': pngBytes(shapeImage('square', 4, 4, 1)) }), 'ok.zip');
    expect(files.map((f) => f.path)).toEqual(['a/1.png']);
  });
});
