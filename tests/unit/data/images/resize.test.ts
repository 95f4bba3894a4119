import { describe, expect, it } from 'vitest';
import { sniffImage, writeImageInputs, type RgbaImage } from '../../../../src/core/data';

function image(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number]): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 4);
  return { width, height, data };
}

function inputs(img: RgbaImage, size: number, channels: 1 | 3): number[] {
  const out = new Float32Array(size * size * channels);
  writeImageInputs(img, size, channels, out, 0);
  return Array.from(out, (v) => Math.round(v * 255 * 1000) / 1000);
}

describe('the image resize rule', () => {
  it('keeps a square image at its own size as value / 255', () => {
    const img = image(2, 2, (x, y) => [x * 100, y * 100, 7, 255]);
    expect(inputs(img, 2, 3)).toEqual([0, 0, 7, 100, 0, 7, 0, 100, 7, 100, 100, 7]);
  });

  it('area-averages when shrinking and repeats pixels when enlarging', () => {
    const img = image(4, 4, (x, y) => [x < 2 ? 0 : 200, y < 2 ? 40 : 80, 0, 255]);
    expect(inputs(img, 2, 3)).toEqual([0, 40, 0, 200, 40, 0, 0, 80, 0, 200, 80, 0]);
    const small = image(2, 2, (x) => [x * 255, 0, 0, 255]);
    expect(inputs(small, 4, 1).slice(0, 4)).toEqual([0, 0, 76.245, 76.245]);
  });

  it('weights partial pixels by coverage (3 -> 2)', () => {
    const img = image(3, 3, (x) => [[0, 90, 180][x], 0, 0, 255]);
    expect(inputs(img, 2, 3).filter((_, i) => i % 3 === 0)).toEqual([30, 150, 30, 150]);
  });

  it('crops the centred square of a wide or tall image', () => {
    const wide = image(5, 2, (x) => [x * 50, 0, 0, 255]);
    expect(inputs(wide, 2, 3).filter((_, i) => i % 3 === 0)).toEqual([50, 100, 50, 100]);
    const tall = image(1, 4, (_, y) => [y * 10, 0, 0, 255]);
    expect(inputs(tall, 1, 3)[0]).toBe(10);
  });

  it('composites alpha over black and takes BT.601 luma for grayscale', () => {
    const img = image(1, 1, () => [200, 100, 50, 51]);
    expect(inputs(img, 1, 3)).toEqual([40, 20, 10]);
    expect(inputs(image(1, 1, () => [200, 100, 50, 255]), 1, 1)).toEqual([0.299 * 200 + 0.587 * 100 + 0.114 * 50].map((v) => Math.round(v * 1000) / 1000));
  });
});

describe('sniffImage', () => {
  it.each([
    ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]],
    ['jpeg', [0xff, 0xd8, 0xff, 0xe0]],
    ['gif', [...'GIF89a'].map((c) => c.charCodeAt(0))],
    ['webp', [...'RIFF\0\0\0\0WEBPVP8 '].map((c) => c.charCodeAt(0))],
    ['bmp', [0x42, 0x4d, ...new Array(30).fill(0)]],
    [null, [...'hello,world'].map((c) => c.charCodeAt(0))],
    [null, []],
  ])('recognises %s by its signature', (format, bytes) => {
    expect(sniffImage(Uint8Array.from(bytes as number[]))).toBe(format);
  });
});
