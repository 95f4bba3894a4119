/**
 * Backend calibration (`backend: "auto"`) keeps to its budget: the reference `cpu` backend is
 * measured only where no wasm backend trained the model, and a backend whose warm-up batch already
 * ends past the budget is judged by that batch instead of training more.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoEncodeOptions, findDemo, loadCsvText, type EncodedDataset } from '../../../src/core/data';
import type { TrainingBackend } from '../../../src/protocol';
import { setNodeBackend } from '../../../workers/node-backends';
import { calibrate } from '../../../workers/training/calibrate';

let digits: EncodedDataset;
const request = { family: 'mlp' as const, params: { batch_size: 32, units: 16 }, fixed: {}, batches: 6, budgetMs: 5000 };
const use = (name: TrainingBackend) => setNodeBackend(name);

beforeAll(async () => {
  const demo = findDemo('digits')!;
  digits = await loadCsvText(readFileSync('public/datasets/digits.csv', 'utf8'), { ...demoEncodeOptions(demo), target: demo.target });
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Counts the batches every `fit` trains from now on. */
function countBatches(): { readonly count: () => number } {
  let batches = 0;
  const fit = tf.LayersModel.prototype.fit;
  vi.spyOn(tf.LayersModel.prototype, 'fit').mockImplementation(function (this: tf.LayersModel, x, y, args = {}) {
    const callbacks = (args.callbacks ?? {}) as tf.CustomCallbackArgs;
    const onBatchEnd = async (batch: number, logs?: tf.Logs) => {
      batches++;
      await callbacks.onBatchEnd?.(batch, logs);
    };
    return fit.call(this, x, y, { ...args, callbacks: { ...callbacks, onBatchEnd } });
  });
  return { count: () => batches };
}

describe('calibration', () => {
  it('leaves cpu out once wasm has trained the model', async () => {
    const results = await calibrate(digits, request, ['wasm', 'cpu'], use);
    expect(results.map((r) => r.backend)).toEqual(['wasm']);
    expect(results[0].samplesPerSecond!).toBeGreaterThan(0);
  });

  it('measures cpu where no wasm backend could train the model, or where it is the only candidate', async () => {
    const broken = (name: TrainingBackend) => (name === 'wasm' ? Promise.reject(new Error('wasm failed to initialise')) : setNodeBackend(name));
    const [wasm, cpu] = await calibrate(digits, request, ['wasm', 'cpu'], broken);
    expect(wasm).toMatchObject({ backend: 'wasm', samplesPerSecond: null, error: 'wasm failed to initialise' });
    expect(cpu.backend).toBe('cpu');
    expect(cpu.samplesPerSecond!).toBeGreaterThan(0);
    const [alone] = await calibrate(digits, request, ['cpu'], use);
    expect(alone.samplesPerSecond!).toBeGreaterThan(0);
  });

  it('judges a backend already past the budget after its warm-up by its second warm-up batch, training no more', async () => {
    const batches = countBatches();
    const [slow] = await calibrate(digits, { ...request, budgetMs: 0 }, ['wasm'], use);
    expect(slow.samplesPerSecond!).toBeGreaterThan(0);
    expect(batches.count()).toBe(2);
    const [normal] = await calibrate(digits, request, ['wasm'], use);
    expect(normal.samplesPerSecond!).toBeGreaterThan(0);
    // Two warm-up batches, then the timed ones (repeated up to the 300 ms floor).
    expect(batches.count() - 2).toBeGreaterThanOrEqual(2 + request.batches);
  });
});
