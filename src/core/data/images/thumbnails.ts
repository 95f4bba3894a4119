/**
 * Thumbnails for the image summary, taken from the encoded inputs themselves (what the model sees,
 * after the resize rule), so the page never keeps the original files.
 */
import type { EncodedDataset } from '../types';

/** A few images of one class as RGBA pixels (`size * size * 4` bytes each). */
export interface ClassThumbnails {
  readonly label: string;
  readonly size: number;
  readonly images: readonly Uint8ClampedArray[];
}

function rgbaOf(inputs: Float32Array, at: number, size: number, channels: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(size * size * 4);
  for (let p = 0; p < size * size; p++) {
    for (let c = 0; c < 3; c++) out[p * 4 + c] = Math.round(inputs[at + p * channels + (channels === 1 ? 0 : c)] * 255);
    out[p * 4 + 3] = 255;
  }
  return out;
}

/** Up to `perClass` training images of each class of an image dataset (empty for tabular data). */
export function thumbnailsOf(dataset: EncodedDataset, perClass = 8): ClassThumbnails[] {
  if (!dataset.imageShape) return [];
  const [size, , channels] = dataset.imageShape;
  const labels = dataset.encoding.classLabels ?? [];
  const picked: Uint8ClampedArray[][] = labels.map(() => []);
  for (let row = 0; row < dataset.trainY.length; row++) {
    const list = picked[dataset.trainY[row]];
    if (list && list.length < perClass) list.push(rgbaOf(dataset.trainX, row * dataset.featureCount, size, channels));
  }
  return labels.map((label, i) => ({ label, size, images: picked[i] }));
}
