/**
 * The small CNN, trained on the active tfjs backend: input size x size x 3, two 3x3 'same'
 * convolutions of `filters` filters with ReLU, each followed by 2x2 max pooling, a dense softmax
 * head, Adam 1e-3, batch 16, random data. Shared by the Node side of `npm run bench -- conv` and
 * its browser worker, so both measure the same thing (torch-cnn.py is the PyTorch twin).
 */
import * as tf from '@tensorflow/tfjs';

export interface CnnConfig {
  readonly size: number;
  readonly filters: number;
  /** Timed batches of 16 (one untimed epoch of the same batches warms up first). */
  readonly batches: number;
}

const BATCH = 16;

/** Samples per second of one timed epoch of `config` on the active backend; frees all it makes. */
export async function cnnRate(config: CnnConfig): Promise<number> {
  const { size, filters, batches } = config;
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [size, size, 3], filters, kernelSize: 3, padding: 'same', activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  const optimizer = tf.train.adam(1e-3);
  model.compile({ optimizer, loss: 'sparseCategoricalCrossentropy' });
  const x = tf.randomNormal([batches * BATCH, size, size, 3], 0, 1, 'float32', 1);
  const y = tf.tidy(() => tf.randomUniformInt([batches * BATCH, 1], 0, 10, 2).cast('float32'));
  try {
    const epoch = { batchSize: BATCH, epochs: 1, verbose: 0, shuffle: false, yieldEvery: 'never' } as const;
    await model.fit(x, y, epoch);
    const start = performance.now();
    await model.fit(x, y, epoch);
    return (batches * BATCH) / ((performance.now() - start) / 1000);
  } finally {
    tf.dispose([x, y]);
    model.dispose();
    optimizer.dispose();
  }
}
