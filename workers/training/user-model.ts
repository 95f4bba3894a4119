/**
 * A run's model from the user's module: `build(hp, ctx)` must return a tf.LayersModel whose input
 * and output fit the dataset; a model `build` did not compile is compiled with the task's loss and
 * metrics and the run's optimizer / learning rate, so the built-in training hyperparameters keep
 * their meaning. A model the user compiled is used as it is.
 */
import * as tf from '@tensorflow/tfjs';
import type { Hyperparameters } from '../../src/core/experiment';
import type { ModelModule } from '../../src/core/model-code';
import { createOptimizer, disposeOptimizer, type ModelShape } from './model';
import { userCodeError, UserCodeError } from './user-error';
import type { UserModule } from './user-module';

/** A model from user code, and the optimizer tabtune made for it (null when the user compiled it). */
export interface UserBuiltModel {
  readonly model: tf.LayersModel;
  readonly optimizer: tf.Optimizer;
  /** True when the run must dispose the optimizer (the model does not own it: an instance passed to compile). */
  readonly ownsOptimizer: boolean;
}

function shapeText(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null ? 'null' : d)).join(', ')}]`;
}

/** The task's compile settings (the same as the built-in families'). */
export function taskCompileArgs(task: ModelShape['task'], optimizer: tf.Optimizer): tf.ModelCompileArgs {
  const classification = task === 'classification';
  return {
    optimizer,
    loss: classification ? 'sparseCategoricalCrossentropy' : 'meanSquaredError',
    metrics: classification ? ['accuracy'] : ['mae'],
  };
}

/** Throws naming both shapes when the model's input or output does not fit the dataset. */
function checkShapes(model: tf.LayersModel, inputShape: readonly number[], shape: ModelShape, name: string): void {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new UserCodeError(`build returned a model with ${model.inputs.length} inputs and ${model.outputs.length} outputs; tabtune trains models with one input and one output (${name})`);
  }
  const input = model.inputs[0].shape;
  const expectedIn = [null, ...inputShape];
  if (input.length !== expectedIn.length || input.slice(1).some((d, i) => d !== inputShape[i])) {
    throw new UserCodeError(`build returned a model whose input shape is ${shapeText(input)}; the dataset's inputs are ${shapeText(expectedIn)} (ctx.inputShape ${shapeText(inputShape)}) (${name})`);
  }
  const outputs = shape.task === 'classification' ? shape.outputCount : 1;
  const output = model.outputs[0].shape;
  if (output.length !== 2 || output[1] !== outputs) {
    const what = shape.task === 'classification' ? `${outputs} class probabilities (ctx.outputCount)` : 'one value (regression)';
    throw new UserCodeError(`build returned a model whose output shape is ${shapeText(output)}; the dataset needs ${shapeText([null, outputs])}: ${what} (${name})`);
  }
}

/** True when `model.dispose()` disposes its optimizer too (tfjs: compiled with an optimizer name, not an instance). */
function ownsItsOptimizer(model: tf.LayersModel): boolean {
  return (model as unknown as { isOptimizerOwned?: boolean }).isOptimizerOwned === true;
}

/** Calls the module's `build` and makes the result trainable; throws UserCodeError naming the user's file:line. */
export async function buildUserModel(
  module: ModelModule,
  code: UserModule,
  hp: unknown,
  ctx: unknown,
  training: Hyperparameters,
  inputShape: readonly number[],
  shape: ModelShape,
): Promise<UserBuiltModel> {
  let built: unknown;
  try {
    built = await code.build(hp, ctx);
  } catch (error) {
    throw userCodeError('build', error, module.name, code.url);
  }
  if (!(built instanceof tf.LayersModel)) {
    const got = built === null ? 'null' : typeof built === 'object' ? (built.constructor?.name ?? 'an object') : typeof built;
    if (built instanceof tf.GraphModel) throw new UserCodeError(`build returned a tf.GraphModel, which cannot be trained; return a tf.LayersModel (${module.name})`);
    throw new UserCodeError(`build must return a tf.LayersModel (ctx.tf.sequential() or ctx.tf.model()); it returned ${got} (${module.name})`);
  }
  try {
    checkShapes(built, inputShape, shape, module.name);
  } catch (error) {
    built.dispose();
    throw error;
  }
  if (built.optimizer) return { model: built, optimizer: built.optimizer, ownsOptimizer: !ownsItsOptimizer(built) };
  const optimizer = createOptimizer(training);
  try {
    built.compile(taskCompileArgs(shape.task, optimizer));
  } catch (error) {
    disposeOptimizer(optimizer);
    built.dispose();
    throw new UserCodeError(`the model build returned cannot be compiled for ${shape.task}: ${(error as Error).message} (${module.name})`);
  }
  return { model: built, optimizer, ownsOptimizer: true };
}
