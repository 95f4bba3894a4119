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

/** `count` training images at evenly spaced ranks of a regression target, lowest first, as one group. */
function byTarget(dataset: EncodedDataset, size: number, channels: number, count: number): ClassThumbnails[] {
  const rows = Array.from(dataset.trainY.keys()).sort((a, b) => dataset.trainY[a] - dataset.trainY[b]);
  const picks = rows.length <= count ? rows : Array.from({ length: count }, (_, i) => rows[Math.round((i * (rows.length - 1)) / (count - 1))]);
  const images = picks.map((row) => rgbaOf(dataset.trainX, row * dataset.featureCount, size, channels));
  return [{ label: `${dataset.encoding.target}, lowest to highest`, size, images }];
}

/**
 * Up to `perClass` training images of each class of an image dataset (empty for tabular data); for
 * regression, one group of `perClass` images from the lowest target to the highest.
 */
export function thumbnailsOf(dataset: EncodedDataset, perClass = 8): ClassThumbnails[] {
  if (!dataset.imageShape) return [];
  const [size, , channels] = dataset.imageShape;
  if (dataset.encoding.task === 'regression') return byTarget(dataset, size, channels, perClass);
  const labels = dataset.encoding.classLabels ?? [];
  const picked: Uint8ClampedArray[][] = labels.map(() => []);
  for (let row = 0; row < dataset.trainY.length; row++) {
    const list = picked[dataset.trainY[row]];
    if (list && list.length < perClass) list.push(rgbaOf(dataset.trainX, row * dataset.featureCount, size, channels));
  }
  return labels.map((label, i) => ({ label, size, images: picked[i] }));
}
