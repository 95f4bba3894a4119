import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { demoEncodeOptions, findDemo, loadCsvText, type EncodedDataset } from '../../../src/core/data';
import type { EpochLog, TrainRequest, TrainResult } from '../../../src/protocol';
import { setNodeBackend } from '../../../workers/node-backends';
import { datasetTensors, disposeDataset } from '../../../workers/training/data';
import { trainRun } from '../../../workers/training/train';

/**
 * The fused path (backend wasm-fused) against tfjs wasm's model.fit on the same run: same initial
 * weights, same seeded batch order, tfjs's loss, gradient and optimizer formulas, so per-epoch
 * metrics agree up to float rounding (other summation orders). Measured: at most 1.8e-7
 * (relative for losses and mae, absolute for accuracy) over these cases after 5 epochs.
 */
const LOSS_TOLERANCE = 1e-4;
/** Accuracy may also differ by one row crossing a decision boundary (digits: 1/360 of validation). */
const ACCURACY_TOLERANCE = 3e-3;
const EPOCHS = 5;

const datasets: Record<string, EncodedDataset> = {};

async function load(name: 'digits' | 'wine', task?: 'regression', target?: string): Promise<EncodedDataset> {
  const demo = findDemo(name)!;
  return loadCsvText(readFileSync(`public/datasets/${name}.csv`, 'utf8'), { ...demoEncodeOptions(demo), target: target ?? demo.target, ...(task ? { task } : {}) });
}

beforeAll(async () => {
  await setNodeBackend('wasm');
  datasets.digits = await load('digits');
  datasets.wine = await load('wine', 'regression', 'alcohol');
});

async function train(dataset: EncodedDataset, params: TrainRequest['params'], fused: boolean, seed = 7): Promise<{ logs: EpochLog[]; result: TrainResult }> {
  const data = datasetTensors(dataset);
  const logs: EpochLog[] = [];
  const request: TrainRequest = {
    runId: 'r',
    family: 'mlp',
    fixed: {},
    primaryMetricName: 'val_loss',
    goal: 'minimize',
    seed,
    checkpoints: false,
    params: { batch_size: 32, units: 32, number_of_hidden_layers: 2, epochs: EPOCHS, keep_probability: 1, ...params },
  };
  try {
    const result = await trainRun(data, request, { started: () => {}, log: (e) => logs.push(e), checkpoint: () => {} }, { stopRequested: () => false }, { fused });
    return { logs, result };
  } finally {
    disposeDataset(data);
  }
}

function worstGaps(a: EpochLog[], b: EpochLog[]): Record<string, number> {
  const gaps: Record<string, number> = {};
  a.forEach((log, i) => {
    expect(log.metrics.map(([n]) => n)).toEqual(b[i].metrics.map(([n]) => n));
    log.metrics.forEach(([name, value], j) => {
      const other = b[i].metrics[j][1];
      const scale = name.includes('accuracy') ? 1 : Math.max(1, Math.abs(other));
      gaps[name] = Math.max(gaps[name] ?? 0, Math.abs(value - other) / scale);
    });
  });
  return gaps;
}

const cases: [string, 'digits' | 'wine', TrainRequest['params']][] = [
  ['adam, relu, l2', 'digits', { optimizer: 'adam', learning_rate: 0.003, l2: 0.001 }],
  ['sgd, tanh', 'digits', { optimizer: 'sgd', learning_rate: 0.05, momentum: 0, activation: 'tanh' }],
  ['momentum, elu, l2', 'digits', { optimizer: 'sgd', learning_rate: 0.02, momentum: 0.9, activation: 'elu', l2: 0.0005 }],
  ['rmsprop, sigmoid', 'digits', { optimizer: 'rmsprop', learning_rate: 0.002, activation: 'sigmoid' }],
  ['adam, softplus, batch 128 (a partial last batch)', 'digits', { optimizer: 'adam', learning_rate: 0.003, activation: 'softplus', batch_size: 128, units: 20 }],
  ['sgd, no hidden layer, linear', 'digits', { optimizer: 'sgd', learning_rate: 0.05, momentum: 0, number_of_hidden_layers: 0, activation: 'linear' }],
  ['regression adam, selu, l2', 'wine', { optimizer: 'adam', learning_rate: 0.003, activation: 'selu', l2: 0.001 }],
  ['regression rmsprop, swish', 'wine', { optimizer: 'rmsprop', learning_rate: 0.001, activation: 'swish', batch_size: 16 }],
];

describe('wasm-fused trains an mlp as tfjs wasm model.fit does', () => {
  it.each(cases)('%s: per-epoch metrics agree', async (_, dataset, params) => {
    const tfjs = await train(datasets[dataset], params, false);
    const tensors = tf.memory().numTensors;
    const fused = await train(datasets[dataset], params, true);
    expect(tfjs.result.backend).toBe('wasm');
    expect(fused.result.backend).toBe('wasm-fused');
    expect(fused.logs).toHaveLength(EPOCHS);
    const gaps = worstGaps(fused.logs, tfjs.logs);
    for (const [name, gap] of Object.entries(gaps)) expect(gap, name).toBeLessThanOrEqual(name.includes('accuracy') ? ACCURACY_TOLERANCE : LOSS_TOLERANCE);
    expect(fused.result.tensorsAfter).toBe(fused.result.tensorsBefore);
    expect(tf.memory().numTensors).toBe(tensors);
  });
});
