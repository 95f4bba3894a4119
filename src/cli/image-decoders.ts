/**
 * `tabtune run`'s image decoders: pure JavaScript (pngjs, jpeg-js, omggif and a BMP reader) and
 * libwebp as WebAssembly bundled in its npm package, no native downloads. They produce RGBA at
 * natural size; the resize is core's, shared with the page, so PNG, GIF, BMP and lossless WebP give
 * the page's pixels exactly (JPEG and lossy WebP decoders may differ by a rounding step).
 */
import jpeg from 'jpeg-js';
import { GifReader } from 'omggif';
import pngjs from 'pngjs';
import type { ImageDecoder, ImageFormat, RgbaImage } from '../core';
import { decodeWebp } from './webp-decoder';

/** Uncompressed 24- or 32-bit BMP (BI_RGB / BI_BITFIELDS with the usual masks), bottom-up or top-down. */
export function decodeBmp(bytes: Uint8Array): RgbaImage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pixelsAt = view.getUint32(10, true);
  const width = view.getInt32(18, true);
  const rawHeight = view.getInt32(22, true);
  const bits = view.getUint16(28, true);
  const compression = view.getUint32(30, true);
  if ((bits !== 24 && bits !== 32) || (compression !== 0 && compression !== 3)) {
    throw new Error(`BMP with ${bits} bits per pixel and compression ${compression} is not supported (use 24- or 32-bit uncompressed, or PNG)`);
  }
  const height = Math.abs(rawHeight);
  const stride = Math.ceil((width * bits) / 32) * 4;
  if (width <= 0 || pixelsAt + stride * height > bytes.length) throw new Error('BMP pixel data is truncated');
  const data = new Uint8Array(width * height * 4);
  const step = bits / 8;
  for (let y = 0; y < height; y++) {
    const row = pixelsAt + (rawHeight > 0 ? height - 1 - y : y) * stride;
    for (let x = 0; x < width; x++) {
      const at = row + x * step;
      const out = (y * width + x) * 4;
      data[out] = bytes[at + 2];
      data[out + 1] = bytes[at + 1];
      data[out + 2] = bytes[at];
      data[out + 3] = 255;
    }
  }
  return { width, height, data };
}

function decodeGif(bytes: Uint8Array): RgbaImage {
  const reader = new GifReader(bytes);
  const data = new Uint8Array(reader.width * reader.height * 4);
  reader.decodeAndBlitFrameRGBA(0, data);
  return { width: reader.width, height: reader.height, data };
}

const decoders: Record<ImageFormat, (bytes: Uint8Array) => RgbaImage | Promise<RgbaImage>> = {
  png: (bytes) => {
    const png = pngjs.PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width: png.width, height: png.height, data: png.data };
  },
  jpeg: (bytes) => jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 }),
  gif: decodeGif,
  bmp: decodeBmp,
  webp: decodeWebp,
};

/** Decodes one image file in Node. */
export const nodeImageDecoder: ImageDecoder = (bytes, format) => decoders[format](bytes);
