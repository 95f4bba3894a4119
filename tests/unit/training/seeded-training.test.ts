import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { demoEncodeOptions, findDemo, loadCsvText, type EncodedDataset } from '../../../src/core/data';
import type { EpochLog, ModelCheckpoint, TrainRequest } from '../../../src/protocol';
import { datasetTensors, disposeDataset } from '../../../workers/training/data';
import { trainRun } from '../../../workers/training/train';

let iris: EncodedDataset;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const demo = findDemo('iris')!;
  iris = await loadCsvText(readFileSync('public/datasets/iris.csv', 'utf8'), { ...demoEncodeOptions(demo), target: demo.target });
});

/** Trains one run on iris and returns its epoch logs and checkpoints. */
async function train(seed: number, extra: Partial<TrainRequest> = {}): Promise<{ logs: EpochLog[]; checkpoints: ModelCheckpoint[] }> {
  const data = datasetTensors(iris);
  const logs: EpochLog[] = [];
  const checkpoints: ModelCheckpoint[] = [];
  const request: TrainRequest = {
    runId: `r${seed}`,
    family: 'mlp',
    fixed: {},
    primaryMetricName: 'val_accuracy',
    goal: 'maximize',
    seed,
    checkpoints: true,
    lastCheckpoints: true,
    ...extra,
    params: { learning_rate: 0.01, batch_size: 16, units: 16, number_of_hidden_layers: 1, epochs: 6, ...extra.params },
  };
  try {
    await trainRun(data, request, { started: () => {}, log: (e) => logs.push(e), checkpoint: (c) => checkpoints.push(c) }, { stopRequested: () => false });
  } finally {
    disposeDataset(data);
  }
  return { logs, checkpoints };
}

describe('training is reproducible from the run seed', () => {
  it('the same seed gives the same metrics, epoch by epoch; another seed does not', async () => {
    const a = await train(11);
    const b = await train(11);
    const c = await train(12);
    expect(a.logs).toHaveLength(6);
    expect(b.logs).toEqual(a.logs);
    expect(c.logs).not.toEqual(a.logs);
  });

  it('a run continued from a checkpoint is reproducible too', async () => {
    const whole = await train(5);
    const third = whole.checkpoints.find((c) => c.interval === 3)!;
    const best = Math.max(...whole.logs.slice(0, 3).map(valAccuracy));
    const first = await train(5, { resume: { checkpoint: third, best } });
    const second = await train(5, { resume: { checkpoint: third, best } });
    expect(first.logs.map((l) => l.epoch)).toEqual([4, 5, 6]);
    expect(second.logs).toEqual(first.logs);
  });

  it('leaves Math.random unseeded outside the shuffle', async () => {
    const before = Math.random;
    await train(3);
    expect(Math.random).toBe(before);
  });
});

function valAccuracy(log: EpochLog): number {
  return log.metrics.find(([name]) => name === 'val_accuracy')![1];
}
