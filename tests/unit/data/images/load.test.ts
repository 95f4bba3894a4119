/**
 * Image datasets through `tabtune run`'s loader (folder or zip on disk, pure-JS decoders, core's
 * layout, resize and split): what is kept, what is left out and why, and every bad input.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { layoutOf, writeImageInputs } from '../../../../src/core/data';
import { loadImagePath } from '../../../../src/cli/image-source';
import { pngBytes, shapeFiles, shapeImage, writeFiles, zipBytes } from '../../../fixtures/images';

const root = mkdtempSync(join(tmpdir(), 'tabtune-images-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const folder = (files: Record<string, Uint8Array | string>): string => writeFiles(join(root, `set${n++}`), files);

describe('image folders and zips', () => {
  it('loads three classes, resizes by the core rule and reports sizes, counts and imbalance', async () => {
    const files = shapeFiles(6);
    const { dataset, summary } = await loadImagePath(folder(files), 'shapes', { size: 8, channels: 1 });
    expect(dataset.imageShape).toEqual([8, 8, 1]);
    expect(dataset.encoding.classLabels).toEqual(['hbar', 'square', 'vbar']);
    expect(dataset.trainY.length + dataset.validY.length).toBe(18);
    expect(summary.classes.map((c) => c.count)).toEqual([6, 6, 6]);
    expect(summary.imbalance).toBe(1);
    expect(summary.sizes).toEqual([{ width: 12, height: 12, count: 6 }, { width: 16, height: 16, count: 6 }, { width: 20, height: 16, count: 6 }]);
    expect(summary.leftOut).toEqual([]);
    // Class folders are always classification: no task to choose.
    expect(summary.list).toBeUndefined();
    // The decoded PNG (class square, image 0) gives exactly the generated pixels: the inputs equal the rule applied to them.
    const expected = new Float32Array(64);
    writeImageInputs(shapeImage('square', 16, 16, 1000), 8, 1, expected, 0);
    const all = [...Array.from({ length: dataset.trainY.length }, (_, i) => dataset.trainX.subarray(i * 64, i * 64 + 64)), ...Array.from({ length: dataset.validY.length }, (_, i) => dataset.validX.subarray(i * 64, i * 64 + 64))];
    expect(all.some((row) => row.every((v, i) => v === expected[i]))).toBe(true);
  });

  it('gives the same dataset id from the folder and its zip, and a different one at another size', async () => {
    const files = shapeFiles(4);
    const dir = folder(files);
    const zip = join(root, 'shapes.zip');
    writeFileSync(zip, zipBytes(Object.fromEntries(Object.entries(files).map(([p, b]) => [`wrapped/${p}`, b]))));
    const a = await loadImagePath(dir, 'd', { size: 8 });
    const b = await loadImagePath(zip, 'z', { size: 8 });
    expect(Array.from(b.dataset.trainX)).toEqual(Array.from(a.dataset.trainX));
    expect(b.dataset.id.slice(-14)).toBe(a.dataset.id.slice(-14));
    expect((await loadImagePath(dir, 'd', { size: 12 })).dataset.id).not.toBe(a.dataset.id);
  });

  it('leaves out corrupt, non-image, zero-size, unsupported and misplaced files by name, with why', async () => {
    const png = pngBytes(shapeImage('square', 10, 10, 3));
    const dir = folder({
      ...shapeFiles(3),
      'square/broken.png': png.slice(0, 40),
      'square/notes.txt': 'hello',
      'square/empty.png': new Uint8Array(0),
      'square/fake.jpg': 'not really a jpeg',
      'hbar/cut.webp': Uint8Array.from([...'RIFF\0\0\0\0WEBPVP8 '].map((c) => c.charCodeAt(0))),
      'hbar/scan.tiff': png,
      'stray.png': png,
      'vbar/a/b/c/d/deep.png': png,
      '.DS_Store': 'x',
      'empty-class/readme.md': '# nothing',
    });
    const { summary } = await loadImagePath(dir, 'mixed', { size: 8 });
    const reasons = Object.fromEntries(summary.leftOut.map((f) => [f.file, f.reason]));
    expect(reasons['square/broken.png']).toMatch(/^corrupt or unreadable PNG/);
    expect(reasons['square/notes.txt']).toMatch(/^not an image \(extension "txt"/);
    expect(reasons['square/empty.png']).toBe('zero size');
    expect(reasons['square/fake.jpg']).toMatch(/^corrupt or not an image/);
    expect(reasons['hbar/cut.webp']).toMatch(/^corrupt or unreadable WEBP/);
    expect(reasons['hbar/scan.tiff']).toMatch(/^not an image/);
    expect(reasons['stray.png']).toMatch(/not inside a class folder/);
    expect(reasons['vbar/a/b/c/d/deep.png']).toMatch(/nested 4 folders below its class folder \(at most 3\)/);
    expect(reasons['.DS_Store']).toBe('hidden or system file');
    expect(summary.emptyFolders).toEqual(['empty-class']);
    expect(summary.images).toBe(9);
  });

  it('accepts wildly different sizes (1x1 to 600x40)', async () => {
    const files = { ...shapeFiles(2), 'hbar/tiny.png': pngBytes(shapeImage('hbar', 1, 1, 1)), 'vbar/strip.png': pngBytes(shapeImage('vbar', 600, 40, 2)) };
    const { summary, dataset } = await loadImagePath(folder(files), 'sizes', { size: 16 });
    expect(summary.images).toBe(8);
    expect(dataset.trainX.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('leaves out a file whose name is not UTF-8, naming it', async () => {
    const dir = folder(shapeFiles(2));
    const name = Buffer.concat([Buffer.from(join(dir, 'square/')), Buffer.from([0x63, 0xe9, 0x2e, 0x70, 0x6e, 0x67])]);
    writeFileSync(name, pngBytes(shapeImage('square', 8, 8, 9)));
    const { summary } = await loadImagePath(dir, 'latin1', { size: 8 });
    expect(summary.leftOut).toEqual([{ file: 'square/c\uFFFD.png', reason: 'file name is not valid UTF-8 (rename it)' }]);
  });
});

describe('an image list CSV', () => {
  it('places images by their path column and label column, leaving out rows and missing files by name', async () => {
    const files = shapeFiles(3);
    const dir = folder({ ...Object.fromEntries(Object.entries(files).map(([p, b]) => [`img/${p.split('/')[1]}`, b])) });
    const rows = Object.keys(files).map((p) => `${p.startsWith('hbar') ? 'wide' : 'tall'},img/${p.split('/')[1]},${p.split('/')[0]}`);
    writeFileSync(join(dir, 'list.csv'), ['kind,file,shape', ...rows, 'tall,img/gone.png,square', 'tall,,square', 'wide,img/square-0.png,', 'wide,img/scan.tiff,square'].join('\n'));
    const { summary, dataset } = await loadImagePath(join(dir, 'list.csv'), 'list.csv', { size: 8, target: 'shape' });
    expect(dataset.encoding.classLabels).toEqual(['hbar', 'square', 'vbar']);
    expect(summary.images).toBe(9);
    expect(summary.leftOut).toEqual([
      { file: 'list.csv line 12', reason: 'no image path on this row' },
      { file: 'img/square-0.png', reason: 'no "shape" on its row (line 13)' },
      { file: 'img/scan.tiff', reason: expect.stringMatching(/^not an image \(extension "tiff"/) },
      { file: 'img/gone.png', reason: 'listed but no such file' },
    ]);
    // Without a target, the first column that is not the paths is the label.
    expect((await loadImagePath(join(dir, 'list.csv'), 'list.csv', { size: 8 })).dataset.encoding.classLabels).toEqual(['tall', 'wide']);
  });

  it('is found inside an uploaded zip (paths relative to the CSV); a CSV listing no images leaves the class folders in charge', async () => {
    const files = shapeFiles(2);
    const flat = Object.fromEntries(Object.entries(files).map(([p, b]) => [`up/img/${p.replace('/', '_')}`, b]));
    const list = ['path,label', ...Object.keys(files).map((p) => `img/${p.replace('/', '_')},${p.split('/')[0]}`)].join('\n');
    const zip = join(root, 'listed.zip');
    writeFileSync(zip, zipBytes({ ...flat, 'up/labels.csv': new TextEncoder().encode(list) }));
    const listed = await loadImagePath(zip, 'listed', { size: 8 });
    expect(listed.dataset.encoding.classLabels).toEqual(['hbar', 'square', 'vbar']);
    expect(listed.summary.images).toBe(6);
    const withMeta = await loadImagePath(folder({ ...files, 'notes.csv': 'author,year\nme,2024\n' }), 'meta', { size: 8 });
    expect(withMeta.summary.images).toBe(6);
    expect(withMeta.summary.leftOut).toEqual([{ file: 'notes.csv', reason: expect.stringMatching(/not inside a class folder/) }]);
  });

  it('names the CSV when it has no path column or too many labels', async () => {
    const dir = folder({ 'a.csv': 'x,y\n1,2\n3,4\n', 'b.csv': ['file,y', ...Array.from({ length: 300 }, (_, i) => `p${i}.png,c${i}`)].join('\n') });
    await expect(loadImagePath(join(dir, 'a.csv'), 'a', {})).rejects.toThrow(/"a\.csv" has no column of image paths/);
    await expect(loadImagePath(join(dir, 'b.csv'), 'b', {})).rejects.toThrow(/"b\.csv": "y" has 300 distinct values; classification takes at most 200 classes/);
  });
});

describe('zip file names', () => {
  /** `zip` with the ASCII entry-name part `from` (so written without the UTF-8 flag) overwritten by the raw bytes `to`. */
  function patchName(zip: Uint8Array, from: string, to: number[]): Uint8Array {
    const out = Buffer.from(zip);
    const needle = Buffer.from(from);
    for (let at = out.indexOf(needle); at >= 0; at = out.indexOf(needle, at + 1)) out.set(to, at);
    return new Uint8Array(out);
  }

  it('reads unflagged UTF-8 names as UTF-8 and leaves out a name that is not UTF-8, naming it', async () => {
    const png = pngBytes(shapeImage('square', 8, 8, 9));
    const plain = zipBytes({ ...shapeFiles(2), 'square/cXX.png': png, 'square/dX.png': png });
    // "cXX" -> "cé" in UTF-8 (63 C3 A9); "dX" -> 64 E9, which is not UTF-8.
    const zip = join(root, 'names.zip');
    writeFileSync(zip, patchName(patchName(plain, 'cXX', [0x63, 0xc3, 0xa9]), 'dX', [0x64, 0xe9]));
    const { summary } = await loadImagePath(zip, 'names', { size: 8 });
    expect(summary.images).toBe(7);
    expect(summary.leftOut).toEqual([{ file: 'square/d\uFFFD.png', reason: 'file name is not valid UTF-8 (rename it)' }]);
  });
});

describe('bad image uploads: a clear message naming the file or folder', () => {
  it.each<[string, () => string, RegExp]>([
    ['not a zip', () => (writeFileSync(join(root, 'nope.zip'), 'plain text'), join(root, 'nope.zip')), /"nope\.zip" is not a zip file/],
    ['a truncated zip', () => (writeFileSync(join(root, 'cut.zip'), zipBytes(shapeFiles(2)).slice(0, 200)), join(root, 'cut.zip')), /"cut\.zip" is not a readable zip file/],
    ['an empty folder', () => (mkdirSync(join(root, 'void')), join(root, 'void')), /folder "void" is empty/],
    ['no such path', () => join(root, 'missing'), /images "x": no such folder or zip file/],
    ['a single class', () => folder({ 'cat/a.png': pngBytes(shapeImage('square', 4, 4, 1)), 'cat/b.png': pngBytes(shapeImage('square', 4, 4, 2)) }), /needs at least two classes with images \(found only "cat"\)/],
    ['classes with no images', () => folder({ 'cat/a.txt': 'x', 'dog/b.txt': 'y' }), /found none; class folders with no usable images: "cat", "dog"/],
    ['no class folders', () => folder({ 'a.png': pngBytes(shapeImage('square', 4, 4, 1)) }), /has no class folders with images/],
    ['a class with one image', () => folder({ ...shapeFiles(2), 'lone/a.png': pngBytes(shapeImage('square', 4, 4, 1)) }), /class folder "lone" of "set\d+" needs at least two images/],
  ])('%s', async (_, make, message) => {
    await expect(loadImagePath(make(), 'x', { size: 8 })).rejects.toThrow(message);
  });

  it('refuses an upload over the byte limit before reading it', async () => {
    const dir = folder(shapeFiles(3));
    await expect(loadImagePath(dir, 'big', { maxBytes: 1000 })).rejects.toThrow(/"set\d+" is [\d.]+ KB: image uploads are limited to 1000 bytes/);
    const zip = join(root, 'big.zip');
    writeFileSync(zip, zipBytes(shapeFiles(3)));
    await expect(loadImagePath(zip, 'big', { maxBytes: 1000 })).rejects.toThrow(/"big\.zip" is [\d.]+ KB: image uploads are limited/);
  });

  it('refuses a zip bomb by its inflated size, before inflating', async () => {
    const zip = join(root, 'bomb.zip');
    writeFileSync(zip, zipSync({ 'a/zeros.png': new Uint8Array(8 * 1024 * 1024), 'b/zeros.png': new Uint8Array(8 * 1024 * 1024) }, { level: 9 }));
    await expect(loadImagePath(zip, 'bomb', { maxInflatedBytes: 10 * 1024 * 1024 })).rejects.toThrow(/"bomb\.zip" inflates to more than 10\.0 MB \(at "b\/zeros\.png"\): refused as a possible zip bomb/);
  });
});

describe('layoutOf', () => {
  it('looks through a wrapping folder and normalises separators', () => {
    const layout = layoutOf(['top/a/1.png', 'top\\b\\2.png', './top/b/3.png']);
    expect(layout.placed.map((p) => p.label)).toEqual(['a', 'b', 'b']);
    expect(layout.folders).toEqual(['a', 'b']);
    const withReadme = layoutOf(['top/README.md', 'top/a/1.png', 'top/b/2.png']);
    expect(withReadme.folders).toEqual(['a', 'b']);
    expect(withReadme.leftOut.map((f) => f.file)).toEqual(['top/README.md']);
    expect(layoutOf(['cat/1.png', 'cat/2.png']).folders).toEqual(['cat']);
  });
});
