/**
 * Types of tabtune's model-module contract, to copy next to your module (JSDoc `@param` or
 * TypeScript). tabtune imports nothing from your module but `build` and `fit`; TensorFlow.js
 * comes as `ctx.tf` (do not import your own copy: one backend, one tensor count).
 */
import type * as tfjs from '@tensorflow/tfjs';

/** The run's values: every parameter of the space and every `model.hyperparameters` entry. Reading another name throws. */
export type HyperparameterValues = Readonly<Record<string, number | string | boolean>>;

/** Training or validation rows. */
export interface Split {
  /** float32 `[rows, ...inputShape]` (standardized / one-hot encoded features, or images). */
  readonly x: tfjs.Tensor;
  /**
   * Classification: int32 class indices `[rows]` (tfjs's sparse cross-entropy wants float32: use
   * `y.toFloat()`). Regression: float32 `[rows, 1]`, the target standardized with the training
   * split's mean and std (tabtune's own loop reports metrics back in the target's units).
   */
  readonly y: tfjs.Tensor;
}

/** The second argument of `build` and the third of `fit`. */
export interface ModelContext {
  /** The worker's TensorFlow.js. */
  readonly tf: typeof tfjs;
  readonly train: Split;
  readonly validation: Split;
  /** One row's shape: `[features]` for tables, `[height, width, channels]` for images. */
  readonly inputShape: readonly number[];
  /** Classes (classification) or 1 (regression). */
  readonly outputCount: number;
  readonly task: 'classification' | 'regression';
  /** Class labels as strings, in output order (empty for regression). */
  readonly classLabels: readonly string[];
  /** The run's seed (use it for initializers and dropout to make runs reproducible). */
  readonly seed: number;
  /** Seeded uniform number in [0, 1), one stream per run. */
  random(): number;
  /** Logs one value of a metric (HyperDrive's run.log); each log of the primary metric is one interval. In fit only. */
  log(name: string, value: number): void;
  /** True once the policy or the user stopped the run (or a logged value was NaN): end fit soon. */
  shouldStop(): boolean;
  /** Saves the model as it is now as the checkpoint of the latest interval when that interval is the run's best. In fit only. */
  checkpoint(): Promise<void>;
}

/** Returns the model (compiled or not: tabtune compiles an uncompiled one with the task's loss and the run's optimizer). */
export type Build = (hp: HyperparameterValues, ctx: ModelContext) => tfjs.LayersModel | Promise<tfjs.LayersModel>;

/** Optional: your own training loop. Without it tabtune trains with model.fit, one epoch per interval. */
export type Fit = (hp: HyperparameterValues, model: tfjs.LayersModel, ctx: ModelContext) => Promise<void>;
