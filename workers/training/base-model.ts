/**
 * A base model (`model.file`, a TensorFlow.js layers model) made ready to fine-tune on the dataset:
 * loaded from its inline form, its input checked against the dataset, a new output layer when the
 * dataset's outputs differ (or `head: "new"`), layers before `freezeUpTo` frozen, compiled with
 * the run's optimizer and the task's loss. Every problem is an InvalidConfigError naming the
 * model and the layer, weight or shape at fault. No browser-only imports (Node and browser workers).
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidConfigError } from '../../src/core/errors';
import { baseModelWeights, type BaseModelFile, type HeadMode, type Hyperparameters } from '../../src/core/experiment';
import type { WeightSpec } from '../../src/protocol';
import { CheckpointIO } from '../checkpoint-io';
import { createOptimizer, disposeOptimizer, seededInit, type ModelShape } from './model';
import { taskCompileArgs } from './user-model';

/** How a base model is fine-tuned in one run. */
export interface FineTuneOptions {
  readonly freezeUpTo: number;
  readonly head: HeadMode;
  /** Seeds the new output layer's initial weights. */
  readonly seed: number;
  readonly hp: Hyperparameters;
}

/** A compiled model to fine-tune; `dispose` frees it, its optimizer and a replaced output layer. */
export interface FineTuneModel {
  readonly model: tf.LayersModel;
  readonly optimizer: tf.Optimizer;
  /** One row as the model takes it: `[featureCount]`, or the dataset's image shape. */
  readonly rowShape: readonly number[];
  /** True when the output layer is new (the dataset's outputs differ from the base model's, or `head: "new"`). */
  readonly newHead: boolean;
  dispose(): void;
}

function shapeText(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null ? 'null' : d)).join(', ')}]`;
}

function bad(file: BaseModelFile, rule: string): InvalidConfigError {
  return new InvalidConfigError(`base model "${file.name}": ${rule}`);
}

/** The model of `file` (weights checked against the manifest first); tfjs's errors are reworded to name the model. */
export async function loadBaseModel(file: BaseModelFile): Promise<tf.LayersModel> {
  const weightData = baseModelWeights(file);
  const io = new CheckpointIO({ modelTopology: file.modelTopology, weightSpecs: file.weightSpecs as readonly WeightSpec[], weightData });
  try {
    return await tf.loadLayersModel(io);
  } catch (error) {
    const message = (error as Error).message;
    if (/weight|variable/i.test(message)) throw bad(file, `its weights do not match its topology: ${message}`);
    throw bad(file, `is not a TensorFlow.js layers model tabtune can load: ${message}`);
  }
}

/**
 * One row as `model` takes it: its input must be `[null, featureCount]` or `[null, ...imageShape]`
 * (the dataset's rows reshaped to the image). Throws naming both shapes.
 */
function rowShapeFor(model: tf.LayersModel, shape: ModelShape, file: BaseModelFile): number[] {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw bad(file, `has ${model.inputs.length} inputs and ${model.outputs.length} outputs; tabtune fine-tunes models with one input and one output`);
  }
  const input = model.inputs[0].shape.slice(1);
  const fits = (row: readonly number[]): boolean => row.length === input.length && row.every((d, i) => d === input[i]);
  if (fits([shape.featureCount])) return [shape.featureCount];
  if (shape.imageShape && fits(shape.imageShape)) return [...shape.imageShape];
  const dataset = shape.imageShape ? `${shapeText([null, shape.featureCount])} or the image ${shapeText([null, ...shape.imageShape])}` : shapeText([null, shape.featureCount]);
  throw bad(file, `its input shape ${shapeText(model.inputs[0].shape)} does not fit the dataset's inputs ${dataset}`);
}

/** The activation the output layer ends with (`softmax` for a Softmax layer, `linear` when it names none). */
function activationOf(layer: tf.layers.Layer): string {
  if (layer.getClassName() === 'Softmax') return 'softmax';
  const activation = layer.getConfig().activation;
  return typeof activation === 'string' ? activation : 'linear';
}

/** `auto`: a new head when the output is not `softmax` over the classes (classification) or one linear value (regression). */
function needsNewHead(model: tf.LayersModel, shape: ModelShape, head: HeadMode): boolean {
  if (head === 'new') return true;
  const output = model.outputs[0].shape;
  const last = model.layers[model.layers.length - 1];
  if (shape.task === 'classification') return output.length !== 2 || output[1] !== shape.outputCount || activationOf(last) !== 'softmax';
  return output.length !== 2 || output[1] !== 1 || activationOf(last) !== 'linear';
}

/** A layer name `base` does not use yet. */
function freshName(base: tf.LayersModel, name: string): string {
  const used = new Set(base.layers.map((l) => l.name));
  let candidate = name;
  for (let i = 1; used.has(candidate); i++) candidate = `${name}_${i}`;
  return candidate;
}

/** `base` up to its output layer's input, then a new seeded Dense output for the task (flattened first when needed). */
function withNewHead(base: tf.LayersModel, shape: ModelShape, seed: number, file: BaseModelFile): tf.LayersModel {
  const old = base.layers[base.layers.length - 1];
  const input = old.input;
  if (Array.isArray(input)) throw bad(file, `its output layer "${old.name}" has ${input.length} inputs; a new head needs one`);
  const features = input.shape.length > 2 ? (tf.layers.flatten({ name: freshName(base, 'tabtune_flatten') }).apply(input) as tf.SymbolicTensor) : input;
  const classification = shape.task === 'classification';
  const head = tf.layers.dense({
    name: freshName(base, 'tabtune_head'),
    units: classification ? shape.outputCount : 1,
    activation: classification ? 'softmax' : 'linear',
    kernelInitializer: seededInit(seed, 1000),
  });
  return tf.model({ inputs: base.inputs, outputs: head.apply(features) as tf.SymbolicTensor, name: base.name });
}

/** Freezes the base model's layers with index < `freezeUpTo`; the output layer always trains. */
function freeze(base: tf.LayersModel, freezeUpTo: number, file: BaseModelFile): void {
  const count = base.layers.length;
  if (freezeUpTo >= count) {
    const names = base.layers.map((l, i) => `${i} ${l.name}`).join(', ');
    throw bad(file, `freezeUpTo ${freezeUpTo} must be less than its layer count ${count}, so that the output layer trains (layers: ${names})`);
  }
  base.layers.forEach((layer, i) => {
    layer.trainable = i >= freezeUpTo;
  });
}

/**
 * `file` made ready to fine-tune on a dataset of `shape`: loaded, checked, given a new head when
 * needed, frozen and compiled. On any error everything made here is disposed before it throws.
 */
export async function fineTuneModel(file: BaseModelFile, shape: ModelShape, options: FineTuneOptions): Promise<FineTuneModel> {
  const base = await loadBaseModel(file);
  let model: tf.LayersModel = base;
  let optimizer: tf.Optimizer | null = null;
  const newHead = needsNewHead(base, shape, options.head);
  const replaced = newHead ? base.layers[base.layers.length - 1] : null;
  const dispose = (): void => {
    model.dispose();
    // The replaced output layer belongs to no model any more: its weights are freed here.
    if (model !== base) replaced?.dispose();
    if (optimizer) disposeOptimizer(optimizer);
  };
  try {
    const rowShape = rowShapeFor(base, shape, file);
    freeze(base, options.freezeUpTo, file);
    if (newHead) model = withNewHead(base, shape, options.seed, file);
    optimizer = createOptimizer(options.hp);
    model.compile(taskCompileArgs(shape.task, optimizer));
    return { model, optimizer, rowShape, newHead, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}
