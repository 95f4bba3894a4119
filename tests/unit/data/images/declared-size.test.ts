/**
 * Image dimensions read from headers, and the pixel cap (40,000,000) applied on them before any
 * decoding: a PNG of a few bytes that declares 20,000 x 20,000 pixels (1.6 GB of RGBA) is left out
 * by name without reaching the decoder, and the cap sits exactly at its real value.
 */
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { loadImageFiles, MAX_IMAGE_PIXELS, type ImageDecoder } from '../../../../src/core/data';
import { declaredSize } from '../../../../src/core/data/images/declared-size';
import { nodeImageDecoder } from '../../../../src/cli/image-decoders';
import { bmpBytes } from '../../../fixtures/bmp';
import { pngBytes, shapeImage } from '../../../fixtures/images';
import { losslessWebpBytes } from '../../../fixtures/webp-lossless';

/** The classic 1 x 1 GIF89a. */
const GIF_1X1 = Uint8Array.from([
  0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x21, 0xf9, 0x04, 0x01, 0x00,
  0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
]);

/** A PNG whose IHDR declares `width` x `height` (CRC left wrong: only the header is read before the cap). */
function pngDeclaring(width: number, height: number): Uint8Array {
  const bytes = pngBytes(shapeImage('square', 4, 4, 1));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}

describe('declaredSize', () => {
  it('reads what each decoder then decodes, for PNG, JPEG, GIF, BMP and WebP', async () => {
    const image = shapeImage('hbar', 13, 7, 2);
    const cases: [string, Uint8Array][] = [
      ['png', pngBytes(image)],
      ['jpeg', new Uint8Array(jpeg.encode({ data: Buffer.from(image.data), width: 13, height: 7 }, 90).data)],
      ['gif', GIF_1X1],
      ['bmp', bmpBytes(image)],
      ['bmp', bmpBytes(image, true)],
      ['webp', losslessWebpBytes()],
    ];
    for (const [format, bytes] of cases) {
      const decoded = await nodeImageDecoder(bytes, format as 'png', 'x');
      expect([format, declaredSize(bytes, format as 'png')]).toEqual([format, { width: decoded.width, height: decoded.height }]);
    }
  });

  it('reads the canvas of an extended (VP8X) WebP and the frame of a lossy (VP8) one', () => {
    const riff = (chunk: string, body: number[]) => Uint8Array.from([...'RIFF\0\0\0\0WEBP', ...chunk].map((c) => c.charCodeAt(0)).concat(body));
    // VP8X: chunk size, flags and reserved (8 bytes), then width - 1 and height - 1 as 24-bit little-endian.
    expect(declaredSize(riff('VP8X', [10, 0, 0, 0, 0, 0, 0, 0, 0x3f, 0x1f, 0x00, 0x0f, 0x00, 0x00]), 'webp')).toEqual({ width: 8000, height: 16 });
    // VP8: chunk size, 3-byte frame tag, start code 9d 01 2a, then 14-bit width and height.
    expect(declaredSize(riff('VP8 ', [20, 0, 0, 0, 0, 0, 0, 0x9d, 0x01, 0x2a, 0x40, 0x01, 0xf0, 0x00]), 'webp')).toEqual({ width: 320, height: 240 });
  });

  it('is null for a header too short to say', () => {
    expect(declaredSize(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]), 'png')).toBeNull();
    expect(declaredSize(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00]), 'jpeg')).toBeNull();
  });
});

describe('the pixel cap, from the header before decoding', () => {
  /** A decoder that records what it was asked to decode and returns a 2 x 2 image. */
  function recording(): { decode: ImageDecoder; seen: string[] } {
    const seen: string[] = [];
    const decode: ImageDecoder = (_bytes, _format, path) => {
      seen.push(path);
      return { width: 2, height: 2, data: new Uint8Array(16).fill(200) };
    };
    return { decode, seen };
  }

  it('leaves out a pixel bomb (20,000 x 20,000 declared in a few hundred bytes) without decoding it', async () => {
    const { decode, seen } = recording();
    const ok = pngBytes(shapeImage('square', 4, 4, 1));
    const files = [{ path: 'a/bomb.png', bytes: pngDeclaring(20_000, 20_000) }, ...['a/1.png', 'a/2.png', 'b/1.png', 'b/2.png'].map((path) => ({ path, bytes: ok }))];
    expect(files[0].bytes.length).toBeLessThan(1000);
    const { summary } = await loadImageFiles(files, decode, { name: 'bomb', source: 'images:bomb', size: 4 });
    expect(summary.leftOut).toEqual([{ file: 'a/bomb.png', reason: 'too large (20000 x 20000 pixels; at most 40,000,000)' }]);
    expect(seen).not.toContain('a/bomb.png');
  });

  it('sits at 40,000,000 pixels: 8000 x 5000 is decoded, 8000 x 5001 is not', async () => {
    expect(MAX_IMAGE_PIXELS).toBe(40_000_000);
    const { decode, seen } = recording();
    const files = [
      { path: 'a/at-cap.png', bytes: pngDeclaring(8000, 5000) },
      { path: 'a/over.png', bytes: pngDeclaring(8000, 5001) },
      { path: 'a/small.png', bytes: pngDeclaring(4, 4) },
      ...['b/1.png', 'b/2.png'].map((path) => ({ path, bytes: pngDeclaring(4, 4) })),
    ];
    const { summary } = await loadImageFiles(files, decode, { name: 'cap', source: 'images:cap', size: 4 });
    expect(seen).toContain('a/at-cap.png');
    expect(seen).not.toContain('a/over.png');
    expect(summary.leftOut).toEqual([{ file: 'a/over.png', reason: 'too large (8000 x 5001 pixels; at most 40,000,000)' }]);
  });

  it('still checks the decoded size when the header does not say', async () => {
    const decode: ImageDecoder = (_b, _f, path) => (path.includes('huge') ? { width: 7000, height: 7000, data: new Uint8Array(0) } : { width: 2, height: 2, data: new Uint8Array(16) });
    const short = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]);
    const files = ['a/huge.jpg', 'a/1.jpg', 'a/2.jpg', 'b/1.jpg', 'b/2.jpg'].map((path) => ({ path, bytes: short }));
    const { summary } = await loadImageFiles(files, decode, { name: 'j', source: 'images:j', size: 4 });
    expect(summary.leftOut).toEqual([{ file: 'a/huge.jpg', reason: 'too large (7000 x 7000 pixels; at most 40,000,000)' }]);
  });
});
