/**
 * The model families (SPEC section 10): `mlp`, dense layers for any tabular data, and `cnn`, a
 * convolutional network for image data of any size (8x8 digits to uploaded images). No browser-only imports: the same
 * code trains in a browser worker and in Node worker_threads.
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidConfigError } from '../../src/core/errors';
import type { Hyperparameters, ModelFamily } from '../../src/core/experiment';

/** The shapes a model needs from its dataset. */
export interface ModelShape {
  readonly featureCount: number;
  readonly outputCount: number;
  readonly task: 'classification' | 'regression';
  readonly imageShape?: readonly [number, number, number];
}

/** A compiled model and the optimizer it owns (the caller disposes both). */
export interface BuiltModel {
  readonly model: tf.LayersModel;
  readonly optimizer: tf.Optimizer;
}

type Regularizer = ReturnType<typeof tf.regularizers.l2>;
type Initializer = ReturnType<typeof tf.initializers.glorotUniform>;

function regularizer(hp: Hyperparameters): Regularizer | undefined {
  return hp.l2 > 0 ? tf.regularizers.l2({ l2: hp.l2 }) : undefined;
}

/** A fresh optimizer for `hp`: adam, sgd with momentum (momentum 0 = plain SGD), or rmsprop. */
export function createOptimizer(hp: Hyperparameters): tf.Optimizer {
  switch (hp.optimizer) {
    case 'adam':
      return tf.train.adam(hp.learning_rate);
    case 'sgd':
      return hp.momentum > 0 ? tf.train.momentum(hp.learning_rate, hp.momentum) : tf.train.sgd(hp.learning_rate);
    case 'rmsprop':
      return tf.train.rmsprop(hp.learning_rate);
  }
}

/** Seeds layer `i`'s initializer so that a run's starting weights follow its seed. */
export function seededInit(seed: number, i: number): Initializer {
  return tf.initializers.glorotUniform({ seed: (seed * 1009 + i * 7919) % 2147483647 });
}

function addDropout(layers: tf.layers.Layer[], hp: Hyperparameters, seed: number): void {
  if (hp.keep_probability < 1) layers.push(tf.layers.dropout({ rate: 1 - hp.keep_probability, seed }));
}

function mlpLayers(shape: ModelShape, hp: Hyperparameters, seed: number): tf.layers.Layer[] {
  const layers: tf.layers.Layer[] = [];
  for (let i = 0; i < hp.number_of_hidden_layers; i++) {
    layers.push(
      tf.layers.dense({
        ...(i === 0 ? { inputShape: [shape.featureCount] } : {}),
        units: hp.units,
        activation: hp.activation,
        kernelInitializer: seededInit(seed, i),
        kernelRegularizer: regularizer(hp),
      }),
    );
    addDropout(layers, hp, seed + i);
  }
  return layers;
}

/** Feature maps at most this wide go to the dense head (larger ones get more conv + pool blocks). */
export const CNN_HEAD_SIZE = 4;

function convBlock(hp: Hyperparameters, seed: number, i: number): tf.layers.Layer {
  return tf.layers.conv2d({
    filters: hp.units,
    kernelSize: 3,
    padding: 'same',
    activation: hp.activation,
    kernelInitializer: seededInit(seed, i),
    kernelRegularizer: regularizer(hp),
  });
}

/**
 * `number_of_hidden_layers` convolution blocks (3x3, `units` filters, same padding), each followed
 * by 2x2 max pooling while the map is at least 4 wide (8x8 -> 4x4 -> 2x2); then, for larger images,
 * more conv + pool blocks until the map is at most {@link CNN_HEAD_SIZE} wide; then flatten.
 */
function cnnLayers(shape: ModelShape, hp: Hyperparameters, seed: number): tf.layers.Layer[] {
  if (!shape.imageShape) {
    throw new InvalidConfigError('model family "cnn" needs image-like data (the dataset has no imageShape); use "mlp"');
  }
  const [height, width, channels] = shape.imageShape;
  const layers: tf.layers.Layer[] = [tf.layers.reshape({ inputShape: [shape.featureCount], targetShape: [height, width, channels] })];
  let size = Math.min(height, width);
  let i = 0;
  for (; i < hp.number_of_hidden_layers || size > CNN_HEAD_SIZE; i++) {
    layers.push(convBlock(hp, seed, i));
    if (size >= 4) {
      layers.push(tf.layers.maxPooling2d({ poolSize: 2 }));
      size = Math.floor(size / 2);
    }
    addDropout(layers, hp, seed + i);
  }
  layers.push(tf.layers.flatten());
  return layers;
}

/** Builds and compiles the model of `family` for `shape` with hyperparameters `hp`. */
export function buildModel(family: ModelFamily, shape: ModelShape, hp: Hyperparameters, seed: number): BuiltModel {
  const hidden = family === 'cnn' ? cnnLayers(shape, hp, seed) : mlpLayers(shape, hp, seed);
  const classification = shape.task === 'classification';
  const output = tf.layers.dense({
    ...(hidden.length === 0 ? { inputShape: [shape.featureCount] } : {}),
    units: classification ? shape.outputCount : 1,
    activation: classification ? 'softmax' : 'linear',
    kernelInitializer: seededInit(seed, 1000),
    kernelRegularizer: regularizer(hp),
  });
  const model = tf.sequential({ layers: [...hidden, output] });
  const optimizer = createOptimizer(hp);
  model.compile({
    optimizer,
    loss: classification ? 'sparseCategoricalCrossentropy' : 'meanSquaredError',
    metrics: classification ? ['accuracy'] : ['mae'],
  });
  return { model, optimizer };
}

/** Disposes `optimizer` completely (tfjs 4.22's MomentumOptimizer.dispose() leaves SGD's learning-rate scalar). */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  const c = (optimizer as unknown as { c?: tf.Tensor }).c;
  if (c && !c.isDisposed) c.dispose();
}
