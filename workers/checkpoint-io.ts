/**
 * Checkpoints between tfjs and the tuner's own database. `CheckpointIO` is a tfjs IOHandler (not
 * `indexeddb://`, which would create a foreign database, nor `downloads://`, which needs a
 * document): `model.save(io)` turns the model into plain checkpoint data (topology, weight manifest,
 * one ArrayBuffer) that the worker hands to the host, whose recorder stores it in the `checkpoints`
 * store; `tf.loadLayersModel(new CheckpointIO(stored))` or `restoreCheckpoint` bring it back.
 * A checkpoint also carries the optimizer's state, so a continued run trains on exactly where it
 * left off. Works in browser workers and in Node worker threads (no DOM).
 */
import * as tf from '@tensorflow/tfjs';
import type { WeightSpec } from '../src/protocol';

/** Named tensors as one buffer and its manifest (tfjs's `WeightsManifestEntry` as plain data). */
export interface CheckpointWeights {
  readonly weightSpecs: readonly WeightSpec[];
  readonly weightData: ArrayBuffer;
}

/** One checkpoint as plain data: what crosses postMessage and lands in IndexedDB. */
export interface CheckpointData extends CheckpointWeights {
  /** Primary-metric intervals the model had trained through. */
  readonly interval: number;
  /** The primary value at that interval. */
  readonly value: number;
  readonly modelTopology: unknown;
  readonly optimizer?: CheckpointWeights;
}

/** Optimizer weight names are made unique with this prefix (`opt/<index>/<name>`) and restored without it. */
const OPTIMIZER_PREFIX = /^opt\/\d+\//;

/** tfjs's (mutable) manifest type for plain specs. */
function manifest(specs: readonly WeightSpec[]): tf.io.WeightsManifestEntry[] {
  return specs.map((spec) => ({ ...spec, shape: [...spec.shape] }));
}

function joinBuffers(data: tf.io.WeightData): ArrayBuffer {
  return Array.isArray(data) ? tf.io.CompositeArrayBuffer.join(data) : (data as ArrayBuffer);
}

/** A tfjs IOHandler over checkpoint data: `save` captures the artifacts, `load` serves `source`. */
export class CheckpointIO implements tf.io.IOHandler {
  /** The model's artifacts from the last `save`, as plain data. */
  saved: Pick<CheckpointData, 'modelTopology' | 'weightSpecs' | 'weightData'> | null = null;

  constructor(private readonly source?: Pick<CheckpointData, 'modelTopology' | 'weightSpecs' | 'weightData'>) {}

  async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
    if (!artifacts.weightData || !artifacts.weightSpecs) throw new Error('checkpoint: the model saved no weights');
    const weightData = joinBuffers(artifacts.weightData);
    this.saved = { modelTopology: artifacts.modelTopology, weightSpecs: artifacts.weightSpecs as WeightSpec[], weightData };
    return {
      modelArtifactsInfo: {
        dateSaved: new Date(),
        modelTopologyType: 'JSON',
        weightDataBytes: weightData.byteLength,
        weightSpecsBytes: JSON.stringify(artifacts.weightSpecs).length,
      },
    };
  }

  async load(): Promise<tf.io.ModelArtifacts> {
    if (!this.source) throw new Error('checkpoint: nothing to load (CheckpointIO was made without a checkpoint)');
    const { modelTopology, weightSpecs, weightData } = this.source;
    return { modelTopology: modelTopology as tf.io.ModelArtifacts['modelTopology'], weightSpecs: manifest(weightSpecs), weightData, format: 'layers-model' };
  }
}

/** The optimizer's state (iterations, then its slot variables in variable order) as one buffer. */
async function saveOptimizer(optimizer: tf.Optimizer): Promise<CheckpointWeights> {
  const named = await optimizer.getWeights();
  try {
    const unique = named.map(({ name, tensor }, i) => ({ name: `opt/${i}/${name}`, tensor }));
    const { data, specs } = await tf.io.encodeWeights(unique);
    return { weightSpecs: specs as WeightSpec[], weightData: joinBuffers(data) };
  } finally {
    // getWeights makes a fresh tensor only for the iteration count; the slots are the optimizer's own.
    named[0]?.tensor.dispose();
  }
}

/**
 * Captures `model` and `optimizer` after interval `interval` (primary value `value`). Call it
 * between epochs, never inside `tf.tidy`. The buffers are fresh: transfer them.
 */
export async function captureCheckpoint(model: tf.LayersModel, optimizer: tf.Optimizer | null, interval: number, value: number): Promise<CheckpointData> {
  const io = new CheckpointIO();
  await model.save(io);
  if (!io.saved) throw new Error('checkpoint: the model saved nothing');
  const state = optimizer ? await saveOptimizer(optimizer) : undefined;
  return { interval, value, ...io.saved, ...(state ? { optimizer: state } : {}) };
}

/** Decoded tensors of `weights`, in manifest order. */
function decodeOrdered(weights: CheckpointWeights): tf.Tensor[] {
  const map = tf.io.decodeWeights(weights.weightData, manifest(weights.weightSpecs));
  return weights.weightSpecs.map((spec) => map[spec.name]);
}

/**
 * Loads a checkpoint into a freshly built `model` (same architecture: weights are matched by
 * order, since layer names differ between builds) and its `optimizer` (same type). Disposes every
 * tensor it decoded; the model and optimizer keep their own copies.
 */
export async function restoreCheckpoint(model: tf.LayersModel, optimizer: tf.Optimizer | null, checkpoint: CheckpointData): Promise<void> {
  const artifacts = await new CheckpointIO(checkpoint).load();
  const weights = decodeOrdered({ weightSpecs: (artifacts.weightSpecs ?? []) as WeightSpec[], weightData: joinBuffers(artifacts.weightData!) });
  try {
    if (weights.length !== model.weights.length) {
      throw new Error(`checkpoint: it holds ${weights.length} weights, the model has ${model.weights.length} (a different architecture)`);
    }
    model.setWeights(weights);
  } finally {
    tf.dispose(weights);
  }
  if (!optimizer || !checkpoint.optimizer) return;
  const state = decodeOrdered(checkpoint.optimizer);
  try {
    const named = state.map((tensor, i) => ({ name: checkpoint.optimizer!.weightSpecs[i].name.replace(OPTIMIZER_PREFIX, ''), tensor }));
    await optimizer.setWeights(named);
  } finally {
    tf.dispose(state);
  }
}

/** A model (topology and weights) from checkpoint data, e.g. to export or evaluate the best run. */
export function loadCheckpointModel(checkpoint: Pick<CheckpointData, 'modelTopology' | 'weightSpecs' | 'weightData'>): Promise<tf.LayersModel> {
  return tf.loadLayersModel(new CheckpointIO(checkpoint));
}

/** Every buffer of a checkpoint, for `Comlink.transfer` / `postMessage` transfer lists. */
export function checkpointBuffers(checkpoint: CheckpointData): ArrayBuffer[] {
  return checkpoint.optimizer ? [checkpoint.weightData, checkpoint.optimizer.weightData] : [checkpoint.weightData];
}
