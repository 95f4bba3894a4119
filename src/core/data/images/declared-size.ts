/**
 * An image's width and height as its header declares them, read without decoding, so an image too
 * large to decode (a few KB of PNG can declare 30,000 x 30,000 pixels, 3.6 GB of RGBA) is left out
 * before a decoder allocates anything. Null when the header is too short or not understood; the
 * size is then checked after decoding.
 */
import type { ImageFormat } from './formats';

/** Width and height in pixels. */
export interface Dimensions {
  readonly width: number;
  readonly height: number;
}

function png(view: DataView): Dimensions | null {
  // The IHDR chunk comes first: length, "IHDR", width, height (big-endian).
  if (view.byteLength < 24) return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function gif(view: DataView): Dimensions | null {
  if (view.byteLength < 10) return null;
  return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
}

function bmp(view: DataView): Dimensions | null {
  if (view.byteLength < 26) return null;
  // BITMAPCOREHEADER (12 bytes) has 16-bit sizes; every later header 32-bit, height negative when top-down.
  if (view.getUint32(14, true) === 12) return { width: view.getUint16(18, true), height: view.getUint16(20, true) };
  return { width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) };
}

function webp(view: DataView): Dimensions | null {
  if (view.byteLength < 30) return null;
  const chunk = String.fromCharCode(view.getUint8(12), view.getUint8(13), view.getUint8(14), view.getUint8(15));
  if (chunk === 'VP8X') return { width: 1 + (view.getUint32(24, true) & 0xffffff), height: 1 + (view.getUint32(26, true) >>> 8) };
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
  }
  if (chunk === 'VP8 ') return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  return null;
}

/** Start-of-frame markers (SOF0-SOF15 but DHT, JPG and DAC) carry the frame's height and width. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpeg(view: DataView): Dimensions | null {
  let at = 2;
  while (at + 9 <= view.byteLength) {
    if (view.getUint8(at) !== 0xff) return null;
    const marker = view.getUint8(at + 1);
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9)) {
      at += 2; // markers without a length
      continue;
    }
    if (isStartOfFrame(marker)) return { width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
    at += 2 + view.getUint16(at + 2);
  }
  return null;
}

const readers: Record<ImageFormat, (view: DataView) => Dimensions | null> = { png, gif, bmp, webp, jpeg };

/** The dimensions `bytes` of `format` declare, or null when its header does not say. */
export function declaredSize(bytes: Uint8Array, format: ImageFormat): Dimensions | null {
  return readers[format](new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
