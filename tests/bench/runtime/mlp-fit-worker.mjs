// The tfjs column of the PyTorch comparison in `npm run bench:runtime`: plain tfjs `model.fit` on
// the wasm backend in a fresh worker thread (no tabtune code), the same MLP as torch-mlp.py
// (`layers` x `units` ReLU, softmax head, Adam 1e-3), no validation pass. Trains one warm-up run,
// then `runs` timed runs (build + fit + dispose), and posts their samples/s.
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

const { trainX, trainY, featureCount, outputCount, config, epochs, runs } = workerData;
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
tf.enableProdMode();
await tf.setBackend('wasm');

async function run() {
  const rows = trainY.length;
  const started = performance.now();
  const x = tf.tensor2d(trainX, [rows, featureCount]);
  const y = tf.tensor1d(trainY);
  const optimizer = tf.train.adam(0.001);
  const layers = [];
  for (let i = 0; i < config.layers; i++) {
    layers.push(tf.layers.dense({ ...(i === 0 ? { inputShape: [featureCount] } : {}), units: config.units, activation: 'relu' }));
  }
  layers.push(tf.layers.dense({ units: outputCount, activation: 'softmax' }));
  const model = tf.sequential({ layers });
  model.compile({ optimizer, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  try {
    await model.fit(x, y, { epochs, batchSize: config.batch, shuffle: true, verbose: 0 });
  } finally {
    model.dispose();
    optimizer.dispose();
    tf.dispose([x, y]);
  }
  return (epochs * rows) / ((performance.now() - started) / 1000);
}

await run();
const rates = [];
for (let i = 0; i < runs; i++) rates.push(await run());
parentPort.postMessage(rates);
