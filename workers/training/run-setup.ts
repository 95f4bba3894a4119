/**
 * What one run trains: the model (a built-in family's, the one the user's module builds, or a base
 * model to fine-tune), the optimizer, the tensors it trains on, and the user's `fit` when the
 * module has one. One place for every model source, so the training loop, the user's loop and
 * calibration agree.
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidConfigError } from '../../src/core/errors';
import { freezeUpToOf, resolveHyperparameters, trainingHyperparameters, type Hyperparameters } from '../../src/core/experiment';
import { hpView } from '../../src/core/model-code';
import type { TrainRequest } from '../../src/protocol';
import { fineTuneModel } from './base-model';
import { contextSplits, inputShapeOf, type DatasetTensors } from './data';
import { buildModel, disposeOptimizer } from './model';
import { createRunContext, type ContextSink, type RunContext } from './run-context';
import { buildUserModel } from './user-model';
import { loadUserModule, type UserModule } from './user-module';

/** The request fields that decide the model (a TrainRequest, or a calibration's). */
export type ModelRequest = Pick<TrainRequest, 'family' | 'params' | 'fixed' | 'model' | 'seed'>;

/** A run's model and data, ready to train; `dispose` frees everything made here. */
export interface RunSetup {
  readonly model: tf.LayersModel;
  readonly optimizer: tf.Optimizer;
  readonly hp: Hyperparameters;
  readonly x: tf.Tensor;
  readonly y: tf.Tensor;
  readonly validation: { readonly x: tf.Tensor; readonly y: tf.Tensor } | null;
  /** The user's own training loop and what it is called with. */
  readonly userFit?: { readonly fit: NonNullable<UserModule['fit']>; readonly hp: unknown; readonly ctx: RunContext; readonly name: string; readonly url: string };
  dispose(): void;
}

function builtinSetup(data: DatasetTensors, request: ModelRequest): RunSetup {
  if (request.family === 'module' || request.family === 'file') throw new InvalidConfigError(`model family "${request.family}" needs its model source`);
  const hp = resolveHyperparameters(request.params, request.fixed);
  const { model, optimizer } = buildModel(request.family, data.shape, hp, request.seed);
  return {
    model,
    optimizer,
    hp,
    x: data.x,
    y: data.y,
    validation: data.validX && data.validY ? { x: data.validX, y: data.validY } : null,
    dispose: () => {
      model.dispose();
      disposeOptimizer(optimizer);
    },
  };
}

/** Until a run's training begins, `ctx` can only describe the data. */
const IDLE_SINK: ContextSink = {
  log: () => {
    throw new Error('ctx.log: metrics are logged while training (in fit), not in build');
  },
  shouldStop: () => false,
  checkpoint: async () => {
    throw new Error('ctx.checkpoint: checkpoints are taken while training (in fit), not in build');
  },
};

async function moduleSetup(data: DatasetTensors, request: ModelRequest, sink: ContextSink): Promise<RunSetup> {
  const source = request.model?.module;
  if (!source) throw new InvalidConfigError('model family "module" needs model.module (the module source)');
  const hp = trainingHyperparameters(request.params, request.fixed);
  const code = await loadUserModule(source);
  const splits = contextSplits(data);
  const inputShape = inputShapeOf(data.shape);
  const { task, outputCount } = data.shape;
  let current: ContextSink = IDLE_SINK;
  const ctx = createRunContext(
    { train: splits.train, validation: splits.validation, inputShape, outputCount, task, classLabels: data.classLabels },
    request.seed,
    { log: (n, v) => current.log(n, v), shouldStop: () => current.shouldStop(), checkpoint: () => current.checkpoint() },
  );
  const userHp = hpView({ ...request.fixed, ...request.params });
  let built;
  try {
    built = await buildUserModel(source, code, userHp, ctx, hp, inputShape, data.shape);
  } catch (error) {
    splits.dispose();
    throw error;
  }
  const { model, optimizer, ownsOptimizer } = built;
  current = sink;
  // tabtune's own loop feeds tfjs float labels (its sparse cross-entropy floors them, which int32 cannot).
  return {
    model,
    optimizer,
    hp,
    x: splits.train.x,
    y: data.y,
    validation: data.validY ? { x: splits.validation.x, y: data.validY } : null,
    ...(code.fit ? { userFit: { fit: code.fit, hp: userHp, ctx, name: source.name, url: code.url } } : {}),
    dispose: () => {
      model.dispose();
      if (ownsOptimizer) disposeOptimizer(optimizer);
      splits.dispose();
    },
  };
}

/** A base model to fine-tune: the dataset's rows reshaped when the model takes images. */
async function fileSetup(data: DatasetTensors, request: ModelRequest): Promise<RunSetup> {
  const file = request.model?.file;
  if (!file) throw new InvalidConfigError('model family "file" needs model.file (the base model)');
  const hp = trainingHyperparameters(request.params, request.fixed);
  const freezeUpTo = freezeUpToOf(request.model ?? {}, request.params);
  const tuned = await fineTuneModel(file, data.shape, { freezeUpTo, head: request.model?.head ?? 'auto', seed: request.seed, hp });
  const made: tf.Tensor[] = [];
  const rows = (x: tf.Tensor2D): tf.Tensor => {
    if (tuned.rowShape.length === 1) return x;
    const reshaped = x.reshape([x.shape[0], ...tuned.rowShape]);
    made.push(reshaped);
    return reshaped;
  };
  return {
    model: tuned.model,
    optimizer: tuned.optimizer,
    hp,
    x: rows(data.x),
    y: data.y,
    validation: data.validX && data.validY ? { x: rows(data.validX), y: data.validY } : null,
    dispose: () => {
      tuned.dispose();
      tf.dispose(made);
    },
  };
}

/**
 * Builds what `request` trains on `data` (tensors of the active backend). `sink` receives the
 * user's `ctx.log` / `shouldStop` / `checkpoint` calls once training begins.
 */
export async function setupRun(data: DatasetTensors, request: ModelRequest, sink: ContextSink = IDLE_SINK): Promise<RunSetup> {
  if (request.family === 'module') return moduleSetup(data, request, sink);
  if (request.family === 'file') return fileSetup(data, request);
  return builtinSetup(data, request);
}
