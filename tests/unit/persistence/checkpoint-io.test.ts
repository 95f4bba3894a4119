/**
 * The checkpoint IOHandler (workers/checkpoint-io.ts) on tfjs's cpu backend: a model and its
 * optimizer saved as plain data and restored into a fresh build continue training exactly as the
 * original would have, and nothing leaks.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CheckpointIO, captureCheckpoint, checkpointBuffers, loadCheckpointModel, restoreCheckpoint } from '../../../workers/checkpoint-io';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

type OptimizerName = 'adam' | 'momentum' | 'rmsprop' | 'sgd';

function build(optimizerName: OptimizerName): { model: tf.LayersModel; optimizer: tf.Optimizer } {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [3], units: 5, activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  const optimizer = {
    adam: () => tf.train.adam(0.05),
    momentum: () => tf.train.momentum(0.05, 0.9),
    rmsprop: () => tf.train.rmsprop(0.05),
    sgd: () => tf.train.sgd(0.05),
  }[optimizerName]();
  model.compile({ optimizer, loss: 'sparseCategoricalCrossentropy' });
  return { model, optimizer };
}

const x = tf.tensor2d([[0, 1, 2], [1, 0, -1], [2, 2, 0], [-1, 0, 1]]);
const y = tf.tensor1d([0, 1, 1, 0]);

async function fit(model: tf.LayersModel, epochs: number, initialEpoch = 0): Promise<number[]> {
  const history = await model.fit(x, y, { epochs, initialEpoch, batchSize: 2, shuffle: false, verbose: 0 });
  return history.history.loss as number[];
}

function weightsOf(model: tf.LayersModel): number[][] {
  return model.getWeights().map((w) => Array.from(w.dataSync()));
}

describe('checkpoint IO', () => {
  it.each(['adam', 'momentum', 'rmsprop', 'sgd'] as const)('%s: a restored run continues exactly like the original, without leaks', async (name) => {
    const original = build(name);
    await fit(original.model, 2);
    const tensors = tf.memory().numTensors;
    const checkpoint = await captureCheckpoint(original.model, original.optimizer, 2, 0.75);
    expect(tf.memory().numTensors, 'capturing leaked').toBe(tensors);
    expect(checkpoint).toMatchObject({ interval: 2, value: 0.75 });
    expect(checkpoint.weightData).toBeInstanceOf(ArrayBuffer);
    expect(checkpoint.weightSpecs.map((s) => s.shape)).toEqual([[3, 5], [5], [5, 2], [2]]);
    expect(checkpoint.optimizer!.weightSpecs[0].name).toBe('opt/0/iter');
    expect(checkpointBuffers(checkpoint)).toHaveLength(2);
    // Through structured clone, as between worker, host and IndexedDB.
    const stored = structuredClone(checkpoint);
    const lossesOriginal = await fit(original.model, 4, 2);

    const before = tf.memory().numTensors;
    const copy = build(name);
    await restoreCheckpoint(copy.model, copy.optimizer, stored);
    const lossesCopy = await fit(copy.model, 4, 2);
    expect(lossesCopy).toEqual(lossesOriginal);
    expect(weightsOf(copy.model)).toEqual(weightsOf(original.model));
    copy.model.dispose();
    copy.optimizer.dispose();
    original.model.dispose();
    original.optimizer.dispose();
    // The optimizer slots and model weights the copy made are gone again (sgd's scalar learning rate aside).
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
  });

  it('refuses a checkpoint of another architecture, naming the weight counts', async () => {
    const a = build('sgd');
    const checkpoint = await captureCheckpoint(a.model, null, 1, 0);
    const other = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2 })] });
    await expect(restoreCheckpoint(other, null, checkpoint)).rejects.toThrow('checkpoint: it holds 4 weights, the model has 2');
    a.model.dispose();
    other.dispose();
  });

  it('is a tfjs IOHandler: save captures plain artifacts, loadLayersModel rebuilds the model', async () => {
    const { model } = build('adam');
    const io = new CheckpointIO();
    const result = await model.save(io);
    expect(result.modelArtifactsInfo.weightDataBytes).toBe((3 * 5 + 5 + 5 * 2 + 2) * 4);
    const loaded = await loadCheckpointModel(io.saved!);
    const input = tf.tensor2d([[0.5, -1, 2]]);
    const a = model.predict(input) as tf.Tensor;
    const b = loaded.predict(input) as tf.Tensor;
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([input, a, b]);
    loaded.dispose();
    model.dispose();
    await expect(new CheckpointIO().load()).rejects.toThrow('nothing to load');
  });
});
