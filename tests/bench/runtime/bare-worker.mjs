// The bench's bare side: plain tfjs `model.fit` in a fresh worker thread (no tabtune code), so
// that it starts from the same conditions as a tabtune worker: a new thread, a cold JIT, the wasm
// backend. Trains `warmup + runs` times and reports the samples/s of the timed runs.
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

const { data, hp, warmup, runs } = workerData;
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

const rates = [];
for (let i = 0; i < warmup + runs; i++) {
  const rate = await run();
  if (i >= warmup) rates.push(rate);
}
parentPort.postMessage(rates);
