import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { demoEncodeOptions, findDemo, loadCsvText, type EncodedDataset } from '../../../src/core/data';
import type { EpochLog, ModelCheckpoint, TrainingBackend, TrainRequest, TrainResult } from '../../../src/protocol';
import { loadCheckpointModel } from '../../../workers/checkpoint-io';
import { setNodeBackend } from '../../../workers/node-backends';
import { calibrate } from '../../../workers/training/calibrate';
import { datasetTensors, disposeDataset } from '../../../workers/training/data';
import { trainRun } from '../../../workers/training/train';

let digits: EncodedDataset;

beforeAll(async () => {
  await setNodeBackend('wasm');
  const demo = findDemo('digits')!;
  digits = await loadCsvText(readFileSync('public/datasets/digits.csv', 'utf8'), { ...demoEncodeOptions(demo), target: demo.target });
});

interface Trained {
  logs: EpochLog[];
  checkpoints: ModelCheckpoint[];
  result: TrainResult;
}

/** One run on digits; `stopAfter` requests a stop after that many batch-boundary polls. */
async function train(fused: boolean, extra: Partial<TrainRequest> = {}, stopAfter = Infinity): Promise<Trained> {
  const data = datasetTensors(digits);
  const logs: EpochLog[] = [];
  const checkpoints: ModelCheckpoint[] = [];
  let polls = 0;
  const request: TrainRequest = {
    runId: 'r',
    family: 'mlp',
    fixed: {},
    primaryMetricName: 'val_accuracy',
    goal: 'maximize',
    seed: 3,
    checkpoints: true,
    lastCheckpoints: true,
    ...extra,
    params: { batch_size: 32, units: 32, number_of_hidden_layers: 2, epochs: 6, learning_rate: 0.003, keep_probability: 0.8, ...extra.params },
  };
  try {
    const hooks = { started: () => {}, log: (e: EpochLog) => logs.push(e), checkpoint: (c: ModelCheckpoint) => checkpoints.push(c) };
    const result = await trainRun(data, request, hooks, { stopRequested: () => ++polls > stopAfter }, { fused });
    return { logs, checkpoints, result };
  } finally {
    disposeDataset(data);
  }
}

const valAccuracy = (log: EpochLog) => log.metrics.find(([n]) => n === 'val_accuracy')![1];

describe('backend wasm-fused runs', () => {
  it('are reproducible from the run seed, dropout included; another seed differs', async () => {
    const a = await train(true);
    const b = await train(true);
    const c = await train(true, { seed: 4 });
    expect(a.result.backend).toBe('wasm-fused');
    expect(a.logs).toHaveLength(6);
    expect(b.logs).toEqual(a.logs);
    expect(c.logs).not.toEqual(a.logs);
    expect(a.result.tensorsAfter).toBe(a.result.tensorsBefore);
  });

  it('checkpoint the tfjs model with its optimizer state, and continue from it as the tfjs path does', async () => {
    const params = { keep_probability: 1, optimizer: 'adam' };
    const whole = await train(true, { params });
    const third = whole.checkpoints.find((c) => c.interval === 3)!;
    expect(third.optimizer?.weightSpecs.map((s) => s.name)).toHaveLength(1 + 2 * 6);
    const best = Math.max(...whole.logs.slice(0, 3).map(valAccuracy));
    const resume = { resume: { checkpoint: third, best }, params };
    const fused = await train(true, resume);
    const again = await train(true, resume);
    const tfjs = await train(false, resume);
    expect(fused.logs.map((l) => l.epoch)).toEqual([4, 5, 6]);
    expect(again.logs).toEqual(fused.logs);
    fused.logs.forEach((log, i) => log.metrics.forEach(([name, value], j) => expect(Math.abs(value - tfjs.logs[i].metrics[j][1]), name).toBeLessThan(1e-4)));
    // The best checkpoint is a plain tfjs model holding the fused weights.
    const model = await loadCheckpointModel(whole.checkpoints.at(-1)!);
    expect(model.predict(tf.zeros([1, 64])) instanceof tf.Tensor).toBe(true);
    tf.dispose(model.predict(tf.zeros([1, 64])) as tf.Tensor);
    model.dispose();
  });

  it('stop at a batch boundary when asked, with every tensor disposed', async () => {
    const stopped = await train(true, {}, 60);
    expect(stopped.result.stoppedEarly).toBe(true);
    expect(stopped.result.epochs).toBe(1);
    expect(stopped.logs).toHaveLength(1);
    expect(stopped.result.tensorsAfter).toBe(stopped.result.tensorsBefore);
  });

  it('halt on a non-finite metric', async () => {
    const diverged = await train(true, { params: { optimizer: 'sgd', learning_rate: 1e30, keep_probability: 1 } });
    const values = diverged.logs.flatMap((l) => l.metrics.map(([, v]) => v));
    expect(values.some((v) => !Number.isFinite(v))).toBe(true);
    expect(diverged.result.stoppedEarly).toBe(true);
    expect(diverged.result.epochs).toBeLessThan(6);
  });

  it('train a model the kernel lacks (cnn) on tfjs wasm and say so', async () => {
    const cnn = await train(true, { family: 'cnn', params: { epochs: 1, units: 4, number_of_hidden_layers: 1 } });
    expect(cnn.result.backend).toBe('wasm');
    expect(cnn.logs).toHaveLength(1);
  });

  it('are measured by calibration on the fused kernel (an mlp), or reported as an error (a cnn)', async () => {
    const use = (name: TrainingBackend) => setNodeBackend(name);
    const request = { family: 'mlp' as const, params: { batch_size: 32, units: 64 }, fixed: {}, batches: 10, budgetMs: 5000 };
    const [wasm, fused] = await calibrate(digits, request, ['wasm', 'wasm-fused'], use);
    expect(fused.backend).toBe('wasm-fused');
    expect(wasm.samplesPerSecond!).toBeGreaterThan(0);
    expect(fused.samplesPerSecond!).toBeGreaterThan(0);
    const [cnn] = await calibrate(digits, { ...request, family: 'cnn' }, ['wasm-fused'], use);
    expect(cnn.samplesPerSecond).toBeNull();
    expect(cnn.error).toMatch(/only the built-in mlp/);
  });
});
