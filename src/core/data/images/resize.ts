/**
 * The one resize rule of image datasets, in pure TypeScript so that the page (which decodes with
 * createImageBitmap at natural size) and `tabtune run` (pure-JS decoders) produce identical
 * inputs from identical RGBA pixels:
 * 1. alpha is composited over black (each channel x alpha / 255);
 * 2. the largest centred square is cropped (offset floor((long - short) / 2) on the long side);
 * 3. the square is resized to `size` x `size` by area averaging (each output pixel is the mean of
 *    the source pixels it covers, partial pixels weighted by coverage), which also enlarges;
 * 4. grayscale is luma 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601);
 * 5. values are divided by 255, so inputs lie in [0, 1].
 */

/** Decoded pixels: `width * height * 4` bytes, RGBA row-major (ImageData's layout). */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array | Uint8ClampedArray;
}

/** Input channels of an image dataset: 1 (grayscale) or 3 (RGB). */
export type ImageChannels = 1 | 3;

/** The rule above as one sentence, written into preprocessing.json. */
export const RESIZE_RULE =
  'alpha composited over black; centre crop to the largest square (offset floor((long - short) / 2)); ' +
  'area-average resize to size x size; grayscale = 0.299 R + 0.587 G + 0.114 B; value / 255';

/** Source spans [start, end) of each of `n` output cells over `length` source pixels, with weights. */
function spans(length: number, n: number): { first: number; weights: number[] }[] {
  const scale = length / n;
  const out: { first: number; weights: number[] }[] = [];
  for (let i = 0; i < n; i++) {
    const start = i * scale;
    const end = (i + 1) * scale;
    const first = Math.floor(start);
    const weights: number[] = [];
    for (let p = first; p < end && p < length; p++) weights.push(Math.min(end, p + 1) - Math.max(start, p));
    out.push({ first, weights });
  }
  return out;
}

/** One pixel's value on channel `c` (0-2), alpha composited over black, in 0-255. */
function channel(data: RgbaImage['data'], index: number, c: number): number {
  return (data[index + c] * data[index + 3]) / 255;
}

/**
 * Writes `image` as `size * size * channels` inputs in [0, 1] (HWC order) into `out` at `offset`,
 * by the rule in this module's comment.
 */
export function writeImageInputs(image: RgbaImage, size: number, channels: ImageChannels, out: Float32Array, offset: number): void {
  const side = Math.min(image.width, image.height);
  const x0 = Math.floor((image.width - side) / 2);
  const y0 = Math.floor((image.height - side) / 2);
  const cells = spans(side, size);
  const area = (side / size) * (side / size);
  const rgb = [0, 0, 0];
  for (let oy = 0; oy < size; oy++) {
    const row = cells[oy];
    for (let ox = 0; ox < size; ox++) {
      const col = cells[ox];
      rgb[0] = rgb[1] = rgb[2] = 0;
      for (let j = 0; j < row.weights.length; j++) {
        const base = ((y0 + row.first + j) * image.width + x0 + col.first) * 4;
        for (let i = 0; i < col.weights.length; i++) {
          const w = row.weights[j] * col.weights[i];
          const index = base + i * 4;
          for (let c = 0; c < 3; c++) rgb[c] += w * channel(image.data, index, c);
        }
      }
      const at = offset + (oy * size + ox) * channels;
      if (channels === 1) out[at] = (0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]) / area / 255;
      else for (let c = 0; c < 3; c++) out[at + c] = rgb[c] / area / 255;
    }
  }
}
