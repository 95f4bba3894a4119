/** The dataset as tensors: made once per worker and backend, reused by every run. */
import * as tf from '@tensorflow/tfjs';
import type { EncodedDataset } from '../../src/core/data/types';
import type { ModelShape } from './model';
import type { Split } from './run-context';

/** Training and validation tensors of one dataset on the active backend. */
export interface DatasetTensors {
  readonly x: tf.Tensor2D;
  readonly y: tf.Tensor;
  readonly validX: tf.Tensor2D | null;
  readonly validY: tf.Tensor | null;
  readonly trainRows: number;
  readonly shape: ModelShape;
  /** Regression: metrics are scaled back to the target's units with this std (1 otherwise). */
  readonly targetStd: number;
  /** Classification: the label of each output index (`ctx.classLabels`); empty for regression. */
  readonly classLabels: readonly string[];
}

function labels(values: Float32Array, task: ModelShape['task']): tf.Tensor {
  return task === 'classification' ? tf.tensor1d(values, 'float32') : tf.tensor2d(values, [values.length, 1]);
}

/** The model-facing shape of `dataset`. */
export function shapeOf(dataset: EncodedDataset): ModelShape {
  return {
    featureCount: dataset.featureCount,
    outputCount: dataset.outputCount,
    task: dataset.encoding.task,
    ...(dataset.imageShape ? { imageShape: dataset.imageShape } : {}),
  };
}

/** Uploads `dataset` to the active backend (dispose with `disposeDataset`). */
export function datasetTensors(dataset: EncodedDataset): DatasetTensors {
  const shape = shapeOf(dataset);
  const trainRows = dataset.trainY.length;
  const validRows = dataset.validY.length;
  return {
    x: tf.tensor2d(dataset.trainX, [trainRows, dataset.featureCount]),
    y: labels(dataset.trainY, shape.task),
    validX: validRows > 0 ? tf.tensor2d(dataset.validX, [validRows, dataset.featureCount]) : null,
    validY: validRows > 0 ? labels(dataset.validY, shape.task) : null,
    trainRows,
    shape,
    targetStd: shape.task === 'regression' ? (dataset.encoding.targetStd ?? 1) : 1,
    classLabels: dataset.encoding.classLabels ?? [],
  };
}

/** `ctx.inputShape`: the image shape of image-like data, else `[featureCount]`. */
export function inputShapeOf(shape: ModelShape): number[] {
  return shape.imageShape ? [...shape.imageShape] : [shape.featureCount];
}

/** The splits as the user's code sees them (ctx.train / ctx.validation), and what disposes the tensors made for them. */
export function contextSplits(data: DatasetTensors): { train: Split; validation: Split; dispose(): void } {
  const inputShape = inputShapeOf(data.shape);
  const made: tf.Tensor[] = [];
  const keep = <T extends tf.Tensor>(t: T): T => {
    made.push(t);
    return t;
  };
  const features = (x: tf.Tensor2D | null): tf.Tensor => {
    if (!x) return keep(tf.zeros([0, ...inputShape]));
    return data.shape.imageShape ? keep(x.reshape([x.shape[0], ...inputShape])) : x;
  };
  const labels = (y: tf.Tensor | null): tf.Tensor => {
    if (!y) return keep(data.shape.task === 'classification' ? tf.zeros([0], 'int32') : tf.zeros([0, 1]));
    return data.shape.task === 'classification' ? keep(tf.cast(y, 'int32')) : y;
  };
  return {
    train: { x: features(data.x), y: labels(data.y) },
    validation: { x: features(data.validX), y: labels(data.validY) },
    dispose: () => tf.dispose(made),
  };
}

export function disposeDataset(data: DatasetTensors): void {
  tf.dispose([data.x, data.y, data.validX, data.validY].filter((t): t is tf.Tensor => t !== null));
}
