/**
 * Which runs the fused path trains: the built-in `mlp` (dense layers, optional dropout, softmax
 * or linear output) without augmentation or a user `fit`. The network is read off the built tfjs
 * model itself, so the fused path trains exactly the layers the model has.
 */
import type * as tf from '@tensorflow/tfjs';
import type { ModelFamily } from '../../../src/core/experiment';
import { augmentationOf } from '../augment';
import type { RunSetup } from '../run-setup';
import { ACTIVATION_CODES } from './kernel';
import type { DenseSpec, NetSpec } from './fused-net';

interface LayerConfig {
  units?: number;
  activation?: string;
  rate?: number;
  useBias?: boolean;
}

/** The dense layers of `model` (dropout folded into the layer before), or null for any other layer. */
function denseLayers(model: tf.LayersModel, features: number): DenseSpec[] | null {
  const layers: DenseSpec[] = [];
  let inputs = features;
  for (const layer of model.layers) {
    const config = layer.getConfig() as LayerConfig;
    const name = layer.getClassName();
    if (name === 'Dropout' && layers.length > 0 && config.rate !== undefined) {
      const last = layers[layers.length - 1];
      layers[layers.length - 1] = { ...last, keep: last.keep * (1 - config.rate) };
      continue;
    }
    if (name !== 'Dense' || config.useBias === false || !config.units || !config.activation) return null;
    if (config.activation !== 'softmax' && !(config.activation in ACTIVATION_CODES)) return null;
    layers.push({ inputs, units: config.units, activation: config.activation, keep: 1 });
    inputs = config.units;
  }
  return layers;
}

/**
 * The fused network of `setup` for a run of `family`, or null when the run must train with tfjs
 * (another family, the user's own loop, image augmentation, or a layer the kernel lacks).
 */
export function fusedPlan(family: ModelFamily, setup: RunSetup, task: NetSpec['task'], features: number): NetSpec | null {
  if (family !== 'mlp' || setup.userFit || augmentationOf(setup.hp)) return null;
  const layers = denseLayers(setup.model, features);
  if (!layers || layers.length === 0) return null;
  const output = layers[layers.length - 1];
  if (output.keep < 1) return null;
  if (task === 'classification' ? output.activation !== 'softmax' : output.activation !== 'linear' || output.units !== 1) return null;
  if (layers.slice(0, -1).some((l) => l.activation === 'softmax')) return null;
  return { layers, task, l2: setup.hp.l2, batch: setup.hp.batch_size };
}
