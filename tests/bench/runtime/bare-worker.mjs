// The bench's bare side: plain tfjs `model.fit` in a fresh worker thread (no tabtune code), so
// that it starts from the same conditions as a tabtune worker: a new thread, a cold JIT, the wasm
// backend. Trains `warmup + runs` times and reports the samples/s of the timed runs.
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

const { data, hp, warmup, runs, module } = workerData;
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
tf.enableProdMode();
await tf.setBackend('wasm');

async function run() {
  const rows = data.trainY.length;
  const started = performance.now();
  const x = tf.tensor2d(data.trainX, [rows, data.featureCount]);
  const y = tf.tensor1d(data.trainY);
  const vx = tf.tensor2d(data.validX, [data.validY.length, data.featureCount]);
  const vy = tf.tensor1d(data.validY);
  const optimizer = tf.train.adam(hp.learning_rate);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [data.featureCount], units: hp.units, activation: 'relu' }),
      tf.layers.dense({ units: hp.units, activation: 'relu' }),
      tf.layers.dense({ units: data.outputCount, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(x, y, { epochs: hp.epochs, batchSize: hp.batch_size, shuffle: true, verbose: 0, validationData: [vx, vy] });
  model.dispose();
  optimizer.dispose();
  tf.dispose([x, y, vx, vy]);
  return (hp.epochs * rows) / ((performance.now() - started) / 1000);
}

/** The same training through the module's own build and fit, with a plain ctx (no tabtune code). */
async function runModule() {
  const { build, fit } = await import(module);
  const rows = data.trainY.length;
  const started = performance.now();
  // As tabtune hands image-like data (the 8x8 digits) to model code: [rows, height, width, channels].
  const inputShape = data.imageShape ?? [data.featureCount];
  const train = { x: tf.tensor(data.trainX, [rows, ...inputShape]), y: tf.tensor1d(data.trainY, 'int32') };
  const validation = { x: tf.tensor(data.validX, [data.validY.length, ...inputShape]), y: tf.tensor1d(data.validY, 'int32') };
  const ctx = {
    tf, train, validation, inputShape, outputCount: data.outputCount, task: 'classification', classLabels: [],
    seed: 1, random: Math.random, log: () => {}, shouldStop: () => false, checkpoint: async () => {}, bare: true,
  };
  const model = build(hp, ctx);
  await fit(hp, model, ctx);
  model.dispose();
  tf.dispose([train.x, train.y, validation.x, validation.y]);
  return (hp.epochs * rows) / ((performance.now() - started) / 1000);
}

const rates = [];
for (let i = 0; i < warmup + runs; i++) {
  const rate = module ? await runModule() : await run();
  if (i >= warmup) rates.push(rate);
}
parentPort.postMessage(rates);
