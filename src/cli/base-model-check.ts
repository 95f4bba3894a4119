/**
 * `tabtune run`'s check of a base model (`model.file`) before any worker starts: the worker's own
 * fine-tuning setup, run once here on tfjs's cpu backend, so that a model whose weights, input
 * shape or `freezeUpTo` do not fit the dataset is a bad experiment file (exit 2) rather than one
 * failed run after another. A sampled `freeze_up_to` is checked per run (a failed run naming it).
 */
import type { EncodedDataset } from '../core/data';
import { InvalidConfigError } from '../core/errors';
import { freezeUpToOf, trainingHyperparameters, type ExperimentConfig } from '../core/experiment';

/** Throws InvalidConfigError naming the model and what does not fit; tfjs is loaded only here. */
export async function checkBaseModel(config: ExperimentConfig, dataset: EncodedDataset): Promise<void> {
  const { model } = config;
  if (model.family !== 'file' || !model.file) return;
  const tf = await import('@tensorflow/tfjs');
  const { fineTuneModel } = await import('../../workers/training/base-model');
  const { shapeOf } = await import('../../workers/training/data');
  tf.enableProdMode();
  await tf.setBackend('cpu');
  const hp = trainingHyperparameters({}, model.hyperparameters);
  try {
    const tuned = await fineTuneModel(model.file, shapeOf(dataset), { freezeUpTo: freezeUpToOf(model, {}), head: model.head ?? 'auto', seed: 0, hp });
    tuned.dispose();
  } catch (error) {
    if (error instanceof Error && error.name === 'InvalidConfigError') throw new InvalidConfigError(`experiment file: "model.file": ${error.message}`);
    throw error;
  }
}
