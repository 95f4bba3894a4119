/** The cnn family on images of any size: pooling until the map is at most 4 wide, then the dense head. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPERPARAMETERS } from '../../../src/core/experiment';
import { buildModel, disposeOptimizer } from '../../../workers/training/model';

function flattenedWidth(imageShape: [number, number, number], layers: number): { width: number; pools: number } {
  const hp = { ...DEFAULT_HYPERPARAMETERS, number_of_hidden_layers: layers, units: 4, keep_probability: 1 };
  const { model, optimizer } = buildModel('cnn', { featureCount: imageShape[0] * imageShape[1] * imageShape[2], outputCount: 3, task: 'classification', imageShape }, hp, 1);
  const flatten = model.layers.find((l) => l.getClassName() === 'Flatten')!;
  const result = { width: (flatten.outputShape as number[])[1], pools: model.layers.filter((l) => l.getClassName() === 'MaxPooling2D').length };
  model.dispose();
  disposeOptimizer(optimizer);
  return result;
}

describe('cnn family sizes', () => {
  it.each<[[number, number, number], number, number, number]>([
    [[8, 8, 1], 1, 4 * 4 * 4, 1],
    [[8, 8, 1], 2, 2 * 2 * 4, 2],
    [[8, 8, 1], 3, 2 * 2 * 4, 2],
    [[32, 32, 3], 1, 4 * 4 * 4, 3],
    [[48, 48, 3], 2, 3 * 3 * 4, 4],
    [[96, 96, 1], 1, 3 * 3 * 4, 5],
  ])('%j with %i hidden layers flattens %i features after %i poolings', (shape, layers, width, pools) => {
    const before = tf.memory().numTensors;
    expect(flattenedWidth(shape, layers)).toEqual({ width, pools });
    expect(tf.memory().numTensors).toBe(before);
  });
});
