/**
 * On-the-fly augmentation of image training data, a fresh draw every epoch: horizontal flips,
 * shifts and zooms (one projective transform, bilinear, edges repeated) and brightness, from the
 * `augment_*` hyperparameters. Random draws come from core's seeded RNG, not tfjs's, so a run's
 * augmented images are the same on every backend and on resume. Validation data is never augmented.
 */
import * as tf from '@tensorflow/tfjs';
import type { Hyperparameters } from '../../src/core/experiment';
import { createRng } from '../../src/core/rng';

/** The augmentation of a run; null when it has none. */
export interface Augmentation {
  readonly flip: number;
  readonly shift: number;
  readonly zoom: number;
  readonly brightness: number;
}

/** The run's augmentation, or null when every `augment_*` is 0. */
export function augmentationOf(hp: Hyperparameters): Augmentation | null {
  const a = { flip: hp.augment_flip, shift: hp.augment_shift, zoom: hp.augment_zoom, brightness: hp.augment_brightness };
  return a.flip > 0 || a.shift > 0 || a.zoom > 0 || a.brightness > 0 ? a : null;
}

interface Draws {
  readonly flips: boolean[];
  readonly transforms: number[];
  readonly deltas: number[];
}

/** Per image: flip or not, the output -> input transform (zoom about the centre, then shift), a brightness delta. */
function draw(n: number, height: number, width: number, a: Augmentation, seed: number): Draws {
  const rng = createRng(seed, 7);
  const flips: boolean[] = [];
  const transforms: number[] = [];
  const deltas: number[] = [];
  const [cx, cy] = [(width - 1) / 2, (height - 1) / 2];
  for (let i = 0; i < n; i++) {
    flips.push(rng.next() < a.flip);
    const s = 1 + a.zoom * rng.uniform(-1, 1);
    const tx = a.shift * width * rng.uniform(-1, 1);
    const ty = a.shift * height * rng.uniform(-1, 1);
    transforms.push(s, 0, cx * (1 - s) + tx, 0, s, cy * (1 - s) + ty, 0, 0);
    deltas.push(a.brightness * rng.uniform(-1, 1));
  }
  return { flips, transforms, deltas };
}

/** An augmented copy of the images `x` (flat rows `[n, h * w * c]` or `[n, h, w, c]`, values in [0, 1]), in `x`'s shape; the caller disposes it. */
export function augmentImages<T extends tf.Tensor>(x: T, imageShape: readonly [number, number, number], a: Augmentation, seed: number): T {
  const [height, width, channels] = imageShape;
  const n = x.shape[0];
  const d = draw(n, height, width, a, seed);
  return tf.tidy(() => {
    let images = x.reshape([n, height, width, channels]) as tf.Tensor4D;
    if (a.flip > 0) {
      const mask = tf.tensor4d(d.flips.map((f) => (f ? 1 : 0)), [n, 1, 1, 1], 'bool');
      images = tf.where(tf.broadcastTo(mask, images.shape), tf.reverse(images, 2), images);
    }
    if (a.shift > 0 || a.zoom > 0) images = tf.image.transform(images, tf.tensor2d(d.transforms, [n, 8]), 'bilinear', 'nearest');
    if (a.brightness > 0) images = tf.clipByValue(tf.add(images, tf.tensor4d(d.deltas, [n, 1, 1, 1])), 0, 1) as tf.Tensor4D;
    return images.reshape(x.shape) as T;
  });
}
