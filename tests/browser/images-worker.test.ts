/**
 * The image upload worker in real Chromium: createImageBitmap + OffscreenCanvas decoding gives the
 * exact pixels of a PNG (so the page and `tabtune run`, whose pngjs test asserts the same, feed
 * identical inputs), the same for a lossless WebP (tests/unit/data/images/webp.test.ts asserts
 * these pixels for Node's libwebp), files left out by name with why, a zip with a BMP, an image
 * list with a numeric target (regression), and cancel.
 */
import * as Comlink from 'comlink';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { writeImageInputs, type RgbaImage } from '../../src/core/data';
import type { ImagesResult, ImagesWorkerApi } from '../../workers/images.worker';
import { bmpBytes } from '../fixtures/bmp';
import { losslessWebpBytes, webpFixturePixels, WEBP_FIXTURE_SIZE } from '../fixtures/webp-lossless';

const worker = new Worker(new URL('../../workers/images.worker.ts', import.meta.url), { type: 'module' });
const api = Comlink.wrap<ImagesWorkerApi>(worker);
afterAll(() => worker.terminate());

const SHAPES = ['hbar', 'square', 'vbar'];

function pixels(shape: string, width: number, height: number, seed: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = x / width;
      const v = y / height;
      const on = shape === 'square' ? u > 0.25 && u < 0.75 && v > 0.25 && v < 0.75 : shape === 'hbar' ? v > 0.4 && v < 0.6 : u > 0.4 && u < 0.6;
      const at = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) data[at + c] = (on ? 200 : 30) + ((x * 7 + y * 13 + seed * 31 + c * 5) % 40);
      data[at + 3] = 255;
    }
  }
  return { width, height, data };
}

async function png(image: RgbaImage): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(image.width, image.height);
  canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
}

async function folder(perClass: number): Promise<{ files: { path: string; file: File }[]; images: Map<string, RgbaImage> }> {
  const files: { path: string; file: File }[] = [];
  const images = new Map<string, RgbaImage>();
  for (const [c, shape] of SHAPES.entries()) {
    for (let i = 0; i < perClass; i++) {
      const image = pixels(shape, 12 + (i % 3) * 4, 12, c * 10 + i);
      const path = `pics/${shape}/${i}.png`;
      images.set(path, image);
      files.push({ path, file: new File([(await png(image)) as Uint8Array<ArrayBuffer>], `${i}.png`) });
    }
  }
  return { files, images };
}

/** The dataset's matrices, which the worker hands over as Blobs of Float32 bytes. */
async function matrices(dataset: ImagesResult['dataset']): Promise<Record<'trainX' | 'trainY' | 'validX' | 'validY', Float32Array>> {
  const read = async (blob: Blob) => new Float32Array(await blob.arrayBuffer());
  const [trainX, trainY, validX, validY] = await Promise.all([dataset.trainX, dataset.trainY, dataset.validX, dataset.validY].map(read));
  return { trainX, trainY, validX, validY };
}

const file = (path: string, bytes: Uint8Array | string) => ({ path, file: new File([bytes as BlobPart], path.split('/').pop()!) });

describe('the image upload worker', () => {
  it('decodes PNGs to the exact pixels and applies the core resize rule', async () => {
    const { files, images } = await folder(4);
    const extra = [file('pics/square/broken.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])), file('pics/hbar/notes.txt', 'hi'), file('pics/vbar/empty.png', '')];
    const progress: number[] = [];
    const result = await api.load({ kind: 'files', name: 'pics', files: [...files, ...extra] }, { size: 8, channels: 3 }, Comlink.proxy((done: number) => void progress.push(done)));
    expect(result.summary.images).toBe(12);
    expect(result.summary.classes.map((c) => c.label)).toEqual(SHAPES);
    expect(Object.fromEntries(result.summary.leftOut.map((f) => [f.file, f.reason.split(':')[0].split(' (')[0]]))).toEqual({
      'pics/hbar/notes.txt': 'not an image',
      'pics/square/broken.png': 'corrupt or unreadable PNG',
      'pics/vbar/empty.png': 'zero size',
    });
    // Progress calls travel on their own port, so the last may land after the result: wait for it.
    await expect.poll(() => progress.at(-1)).toBe(14); // every placed file, notes.txt was never opened
    const m = await matrices(result.dataset);
    const rows = [...m.trainY.keys()].map((i) => Array.from(m.trainX.subarray(i * 192, (i + 1) * 192)).join());
    for (const image of images.values()) {
      const expected = new Float32Array(192);
      writeImageInputs(image, 8, 3, expected, 0);
      const validRows = [...m.validY.keys()].map((i) => Array.from(m.validX.subarray(i * 192, (i + 1) * 192)).join());
      expect([...rows, ...validRows]).toContain(Array.from(expected).join());
    }
    expect(result.thumbnails.map((t) => t.images.length)).toEqual([3, 3, 3]);
  });

  it('reads a zip with a BMP among the PNGs, grayscale', async () => {
    const { files } = await folder(3);
    const entries: Record<string, Uint8Array> = {};
    for (const f of files) entries[f.path] = new Uint8Array(await f.file.arrayBuffer());
    entries['pics/square/x.bmp'] = bmpBytes(pixels('square', 10, 10, 3));
    const result = await api.load({ kind: 'zip', file: new File([zipSync(entries) as Uint8Array<ArrayBuffer>], 'pics.zip') }, { size: 6, channels: 1 }, undefined);
    expect(result.summary.images).toBe(10);
    expect(result.dataset.imageShape).toEqual([6, 6, 1]);
    expect(result.dataset.source).toBe('upload:pics.zip');
  });

  it('takes an uploaded folder with an image list CSV (path and label columns)', async () => {
    const { files } = await folder(2);
    const renamed = files.map((f, i) => ({ path: `pics/all/${i}.png`, file: f.file, label: f.path.split('/')[1] }));
    const csv = ['file,label', ...renamed.map((f) => `all/${f.path.split('/')[2]},${f.label}`)].join('\n');
    const result = await api.load({ kind: 'files', name: 'pics', files: [...renamed.map(({ path, file }) => ({ path, file })), file('pics/list.csv', csv)] }, { size: 8, channels: 3 }, undefined);
    expect(result.summary.classes.map((c) => [c.label, c.count])).toEqual([['hbar', 2], ['square', 2], ['vbar', 2]]);
  });

  it('decodes a lossless WebP to the pixels Node decodes (exactly the fixture pixels)', async () => {
    const bytes = losslessWebpBytes();
    const files = ['w/a/1.webp', 'w/a/2.webp', 'w/b/1.webp', 'w/b/2.webp'].map((path) => file(path, bytes));
    const result = await api.load({ kind: 'files', name: 'w', files }, { size: WEBP_FIXTURE_SIZE, channels: 3 }, undefined);
    expect(result.summary.images).toBe(4);
    const width = WEBP_FIXTURE_SIZE ** 2 * 3;
    const expected = new Float32Array(width);
    writeImageInputs(webpFixturePixels(), WEBP_FIXTURE_SIZE, 3, expected, 0);
    const m = await matrices(result.dataset);
    for (const x of [m.trainX, m.validX]) {
      for (let row = 0; row < x.length / width; row++) expect(Array.from(x.subarray(row * width, (row + 1) * width))).toEqual(Array.from(expected));
    }
  });

  it('takes an image list with a numeric target as regression, thumbnails from the lowest value to the highest', async () => {
    const { files, images } = await folder(4);
    const mean = (image: RgbaImage): number => Array.from(image.data).reduce((sum, v, i) => (i % 4 === 3 ? sum : sum + v), 0) / ((image.data.length / 4) * 3);
    const rows = files.map((f) => `${f.path.slice('pics/'.length)},${mean(images.get(f.path)!).toFixed(3)}`);
    const result = await api.load({ kind: 'files', name: 'pics', files: [...files, file('pics/list.csv', ['file,brightness', ...rows].join('\n'))] }, { size: 8, channels: 3 }, undefined);
    expect(result.dataset.encoding).toMatchObject({ task: 'regression', target: 'brightness' });
    expect(result.dataset.outputCount).toBe(1);
    expect(result.summary.target).toMatchObject({ name: 'brightness' });
    expect(result.summary.images).toBe(12);
    expect(result.thumbnails.map((t) => t.label)).toEqual(['brightness, lowest to highest']);
  });

  it('leaves out a PNG declaring 20,000 x 20,000 pixels by its header, before createImageBitmap', async () => {
    const { files } = await folder(2);
    const bomb = await png(pixels('square', 4, 4, 1));
    new DataView(bomb.buffer, bomb.byteOffset).setUint32(16, 20_000);
    new DataView(bomb.buffer, bomb.byteOffset).setUint32(20, 20_000);
    const result = await api.load({ kind: 'files', name: 'pics', files: [...files, file('pics/square/bomb.png', bomb)] }, { size: 8, channels: 3 }, undefined);
    expect(result.summary.leftOut).toEqual([{ file: 'pics/square/bomb.png', reason: 'too large (20000 x 20000 pixels; at most 40,000,000)' }]);
  });

  it('names a file that is not a zip', async () => {
    await expect(api.load({ kind: 'zip', file: new File(['hello'], 'notes.zip') }, { size: 8, channels: 3 }, undefined)).rejects.toThrow(/"notes\.zip" is not a zip file/);
  });

  it('refuses an upload over the byte limit, naming it, before decoding', async () => {
    const { files } = await folder(2);
    await expect(api.load({ kind: 'files', name: 'pics', files }, { size: 8, channels: 3, maxBytes: 100 }, undefined)).rejects.toThrow(/"pics" is [\d.]+ (bytes|KB): image uploads are limited to 100 bytes/);
    const zip = new File([zipSync({ 'a/x.png': new Uint8Array(500) }) as Uint8Array<ArrayBuffer>], 'big.zip');
    await expect(api.load({ kind: 'zip', file: zip }, { size: 8, channels: 3, maxBytes: 100 }, undefined)).rejects.toThrow(/"big\.zip" is \d+ bytes: image uploads are limited to 100 bytes/);
  });

  it('stops when canceled', async () => {
    const { files } = await folder(30);
    let sent = false;
    const loading = api.load({ kind: 'files', name: 'pics', files }, { size: 8, channels: 3 }, Comlink.proxy(() => {
      if (!sent) void api.cancel();
      sent = true;
    }));
    await expect(loading).rejects.toThrow(/canceled/);
  });
});
