/** Image augmentation: each transform does what it says, draws follow the seed, nothing leaks. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPERPARAMETERS } from '../../../src/core/experiment';
import { augmentImages, augmentationOf, type Augmentation } from '../../../workers/training/augment';

const NONE: Augmentation = { flip: 0, shift: 0, zoom: 0, brightness: 0 };
// Two 3x4 grayscale images: value = column / 4 (+ 0.5 on the second).
const rows = [0, 0.5].flatMap((o) => Array.from({ length: 12 }, (_, i) => (i % 4) / 4 + o * 0.5));

function run(a: Augmentation, seed: number): number[][] {
  const before = tf.memory().numTensors;
  const x = tf.tensor2d(rows, [2, 12]);
  const out = augmentImages(x, [3, 4, 1], a, seed);
  const values = out.arraySync();
  tf.dispose([x, out]);
  expect(tf.memory().numTensors).toBe(before);
  return values.map((r) => r.map((v) => Math.round(v * 1e5) / 1e5));
}

describe('image augmentation', () => {
  it('is off unless an augment_* hyperparameter is above 0', () => {
    expect(augmentationOf(DEFAULT_HYPERPARAMETERS)).toBeNull();
    expect(augmentationOf({ ...DEFAULT_HYPERPARAMETERS, augment_zoom: 0.1 })).toEqual({ ...NONE, zoom: 0.1 });
  });

  it('flips every image left-right at probability 1', () => {
    const [first] = run({ ...NONE, flip: 1 }, 1);
    expect(first.slice(0, 4)).toEqual([0.75, 0.5, 0.25, 0]);
  });

  it('keeps brightness changes inside [0, 1] and within the bound', () => {
    const out = run({ ...NONE, brightness: 0.3 }, 2);
    out.forEach((row, r) => row.forEach((v, i) => {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
      expect(Math.abs(v - rows[r * 12 + i])).toBeLessThanOrEqual(0.3 + 1e-6);
    }));
  });

  it('follows its seed: the same seed gives the same images, another seed others', () => {
    const a = { flip: 0.5, shift: 0.25, zoom: 0.2, brightness: 0.1 };
    expect(run(a, 5)).toEqual(run(a, 5));
    expect(run(a, 6)).not.toEqual(run(a, 5));
  });

  it('shifts and zooms within the image (edge pixels repeated, values stay in range)', () => {
    const out = run({ ...NONE, shift: 0.5, zoom: 0.5 }, 3);
    for (const v of out.flat()) expect(v).toBeGreaterThanOrEqual(0);
    expect(out).not.toEqual([rows.slice(0, 12), rows.slice(12)].map((r) => r.map((v) => Math.round(v * 1e5) / 1e5)));
  });
});
