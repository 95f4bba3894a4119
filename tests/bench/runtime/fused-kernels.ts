/**
 * `npx tsx tests/bench/runtime/fused-kernels.ts`: the measurements behind the fused path's design
 * (README, Fused dense training). (1) One dense layer's product on the issue's shapes: a plain-JS
 * Float32Array loop vs the kernel's f32x4 `matmul`, in GFLOP/s. (2) A digits epoch's validation:
 * tfjs `model.evaluate` (after writing the weights into the model) vs the kernel's own forward.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { demoEncodeOptions, findDemo, loadCsvText } from '../../../src/core/data';
import { resolveHyperparameters } from '../../../src/core/experiment';
import { setNodeBackend } from '../../../workers/node-backends';
import { datasetTensors, disposeDataset } from '../../../workers/training/data';
import { fusedTrainerFor } from '../../../workers/training/fused';
import { instantiateKernel, KernelHeap } from '../../../workers/training/fused/kernel';
import { buildModel } from '../../../workers/training/model';

/** Calls `fn` until 200 ms have passed; returns ms per call. */
function time(fn: () => void): number {
  for (let i = 0; i < 20; i++) fn();
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < 200) {
    fn();
    calls++;
  }
  return (performance.now() - start) / calls;
}

function jsMatmul(x: Float32Array, w: Float32Array, out: Float32Array, rows: number, k: number, n: number): void {
  out.fill(0);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < k; i++) {
      const a = x[r * k + i];
      const wRow = i * n;
      const oRow = r * n;
      for (let j = 0; j < n; j++) out[oRow + j] += a * w[wRow + j];
    }
  }
}

async function gemms(): Promise<void> {
  const kernel = await instantiateKernel();
  const heap = new KernelHeap(kernel);
  console.log('rows x k x n        plain JS GFLOP/s   wasm f32x4 GFLOP/s');
  for (const [rows, k, n] of [[16, 64, 128], [16, 128, 128], [128, 64, 128], [128, 128, 10]]) {
    const [x, w, b, out] = [heap.alloc(rows * k), heap.alloc(k * n), heap.alloc(n), heap.alloc(rows * n)];
    const js = { x: Float32Array.from({ length: rows * k }, Math.random), w: Float32Array.from({ length: k * n }, Math.random), out: new Float32Array(rows * n) };
    heap.f32(x, rows * k).set(js.x);
    heap.f32(w, k * n).set(js.w);
    const flops = 2 * rows * k * n;
    const plain = flops / time(() => jsMatmul(js.x, js.w, js.out, rows, k, n)) / 1e6;
    const simd = flops / time(() => kernel.matmul(x, w, b, out, rows, k, n)) / 1e6;
    console.log(`${`${rows} x ${k} x ${n}`.padEnd(20)}${plain.toFixed(2).padStart(16)}${simd.toFixed(2).padStart(21)}`);
  }
}

async function validation(): Promise<void> {
  const demo = findDemo('digits')!;
  const dataset = await loadCsvText(readFileSync('public/datasets/digits.csv', 'utf8'), { ...demoEncodeOptions(demo), target: demo.target });
  const data = datasetTensors(dataset);
  const hp = resolveHyperparameters({ units: 128, number_of_hidden_layers: 1, batch_size: 32 }, {});
  const { model, optimizer } = buildModel('mlp', data.shape, hp, 1);
  const setup = { model, optimizer, hp, x: data.x, y: data.y, validation: { x: data.validX!, y: data.validY! }, dispose: () => {} };
  const trainer = (await fusedTrainerFor('mlp', setup, data, 1))!;
  const weights = trainer.net.weights();
  const shapes = model.weights.map((w) => w.read().shape);
  const viaTfjs = async () => {
    tf.tidy(() => model.setWeights(weights.map((v, i) => tf.tensor(v, shapes[i]))));
    const outs = model.evaluate(data.validX!, data.validY!, { batchSize: 32 }) as tf.Scalar[];
    await Promise.all(outs.map((o) => o.data()));
    tf.dispose(outs);
  };
  for (let i = 0; i < 5; i++) await viaTfjs();
  const start = performance.now();
  for (let i = 0; i < 20; i++) await viaTfjs();
  const tfjsMs = (performance.now() - start) / 20;
  const kernelMs = time(() => trainer.evaluate());
  console.log(`\ndigits validation (${data.validX!.shape[0]} rows, 64-128-10): tfjs evaluate ${tfjsMs.toFixed(2)} ms, kernel ${kernelMs.toFixed(3)} ms`);
  model.dispose();
  optimizer.dispose();
  disposeDataset(data);
}

await setNodeBackend('wasm');
await gemms();
await validation();
