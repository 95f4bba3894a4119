/** The dataset as tensors: made once per worker and backend, reused by every run. */
import * as tf from '@tensorflow/tfjs';
import type { EncodedDataset } from '../../src/core/data/types';
import type { ModelShape } from './model';

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
  };
}

export function disposeDataset(data: DatasetTensors): void {
  tf.dispose([data.x, data.y, data.validX, data.validY].filter((t): t is tf.Tensor => t !== null));
}
