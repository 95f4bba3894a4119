import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoEncodeOptions, findDemo, loadCsvText, type EncodedDataset } from '../../../src/core/data';
import { trainingHyperparameters, type BaseModelFile, type HeadMode } from '../../../src/core/experiment';
import type { TrainRequest } from '../../../src/protocol';
import { CheckpointIO } from '../../../workers/checkpoint-io';
import { fineTuneModel } from '../../../workers/training/base-model';
import { datasetTensors, disposeDataset } from '../../../workers/training/data';
import type { ModelShape } from '../../../workers/training/model';
import { trainRun } from '../../../workers/training/train';

let iris: EncodedDataset;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const demo = findDemo('iris')!;
  iris = await loadCsvText(readFileSync('public/datasets/iris.csv', 'utf8'), { ...demoEncodeOptions(demo), target: demo.target });
});

/** `model` (disposed here) as the inline form `model.file` carries. */
async function inline(model: tf.LayersModel): Promise<BaseModelFile> {
  const io = new CheckpointIO();
  await model.save(io);
  model.dispose();
  const saved = io.saved!;
  return { name: 'base.json', modelTopology: saved.modelTopology, weightSpecs: saved.weightSpecs, weightData: Buffer.from(saved.weightData).toString('base64') };
}

/** input -> dense 8 -> dense `outputs` (softmax), for rows of `inputShape`. */
function baseModel(inputShape: number[], outputs = 3, activation = 'softmax'): tf.LayersModel {
  const layers = [
    ...(inputShape.length > 1 ? [tf.layers.flatten({ inputShape })] : []),
    tf.layers.dense({ ...(inputShape.length === 1 ? { inputShape } : {}), units: 8, activation: 'relu' }),
    tf.layers.dense({ units: outputs, activation: activation as 'softmax' }),
  ];
  return tf.sequential({ layers });
}

const hp = trainingHyperparameters({});
const IRIS: ModelShape = { featureCount: 4, outputCount: 3, task: 'classification' };

async function tuned(file: BaseModelFile, shape: ModelShape, head: HeadMode = 'auto', freezeUpTo = 0, seed = 1) {
  return fineTuneModel(file, shape, { freezeUpTo, head, seed, hp });
}

describe('fineTuneModel', () => {
  it('keeps the head when the outputs fit; replaces it when they differ, the task differs, or head is "new"', async () => {
    const file = await inline(baseModel([4]));
    const before = tf.memory().numTensors;
    const cases: [ModelShape, HeadMode, boolean, number[]][] = [
      [IRIS, 'auto', false, [3]],
      [IRIS, 'new', true, [3]],
      [{ ...IRIS, outputCount: 2 }, 'auto', true, [2]],
      [{ ...IRIS, outputCount: 1, task: 'regression' }, 'auto', true, [1]],
    ];
    for (const [shape, head, isNew, units] of cases) {
      const t = await tuned(file, shape, head);
      expect([t.newHead, t.model.outputs[0].shape.slice(1)]).toEqual([isNew, units]);
      t.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a new head is seeded by the run: the same seed gives the same weights, another does not', async () => {
    const file = await inline(baseModel([4]));
    const headOf = async (seed: number) => {
      const t = await tuned(file, IRIS, 'new', 0, seed);
      const kernel = Array.from(t.model.layers.at(-1)!.getWeights()[0].dataSync());
      t.dispose();
      return kernel;
    };
    expect(await headOf(5)).toEqual(await headOf(5));
    expect(await headOf(6)).not.toEqual(await headOf(5));
  });

  it('freezes the base model\'s layers with index < freezeUpTo; the output layer always trains', async () => {
    const file = await inline(baseModel([4]));
    const t = await tuned(file, IRIS, 'auto', 1);
    expect(t.model.layers.map((l) => l.trainable)).toEqual([false, true]);
    t.dispose();
    const before = tf.memory().numTensors;
    await expect(tuned(file, IRIS, 'new', 2)).rejects.toThrow('base model "base.json": freezeUpTo 2 must be less than its layer count 2');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('takes the dataset\'s image shape, and names both shapes when the input does not fit', async () => {
    const image: ModelShape = { ...IRIS, imageShape: [2, 2, 1] };
    const file = await inline(baseModel([2, 2, 1]));
    const t = await tuned(file, image, 'new');
    expect(t.rowShape).toEqual([2, 2, 1]);
    t.dispose();
    // An output of rank 4 (a Dense on the image) gets a head over its flattened input.
    const t4 = await tuned(await inline(tf.sequential({ layers: [tf.layers.dense({ inputShape: [2, 2, 1], units: 3, activation: 'softmax' })] })), image);
    expect([t4.newHead, t4.model.outputs[0].shape]).toEqual([true, [null, 3]]);
    t4.dispose();
    const before = tf.memory().numTensors;
    await expect(tuned(file, IRIS)).rejects.toThrow('base model "base.json": its input shape [null, 2, 2, 1] does not fit the dataset\'s inputs [null, 4]');
    await expect(tuned(await inline(baseModel([5])), image)).rejects.toThrow("its input shape [null, 5] does not fit the dataset's inputs [null, 4] or the image [null, 2, 2, 1]");
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('a run of family "file"', () => {
  async function run(dataset: EncodedDataset, file: BaseModelFile, params: TrainRequest['params']) {
    const data = datasetTensors(dataset);
    const logs: number[] = [];
    try {
      const request: TrainRequest = {
        runId: 'r',
        family: 'file',
        model: { file, freezeUpTo: 0, head: 'auto' },
        params: { epochs: 3, batch_size: 16, learning_rate: 0.05, ...params },
        fixed: {},
        primaryMetricName: 'val_accuracy',
        goal: 'maximize',
        seed: 3,
        checkpoints: true,
      };
      const result = await trainRun(data, request, { started: () => {}, log: (e) => logs.push(e.epoch), checkpoint: () => {} }, { stopRequested: () => false });
      return { result, logs };
    } finally {
      disposeDataset(data);
    }
  }

  it('trains the base model (flat and image input, sampled freeze_up_to) and leaks no tensor', async () => {
    const flat = await run(iris, await inline(baseModel([4])), { freeze_up_to: 1 });
    expect(flat.logs).toEqual([1, 2, 3]);
    expect(flat.result.tensorsAfter).toBe(flat.result.tensorsBefore);
    const image = await run({ ...iris, imageShape: [2, 2, 1] }, await inline(baseModel([2, 2, 1], 2)), {});
    expect(image.logs).toEqual([1, 2, 3]);
    expect(image.result.tensorsAfter).toBe(image.result.tensorsBefore);
  });

  it('fails the run naming a sampled freeze_up_to past the layer count', async () => {
    await expect(run(iris, await inline(baseModel([4])), { freeze_up_to: 7 })).rejects.toThrow('freezeUpTo 7 must be less than its layer count 2');
  });
});
