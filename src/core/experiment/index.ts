/** The experiment file (SPEC section 11) and the built-in models' hyperparameters. */
export {
  parseExperimentConfig,
  experimentSpace,
  impliedGoal,
  BACKEND_CHOICES,
  type BackendChoice,
  type DatasetSpec,
  type ExperimentConfig,
  type ParseContext,
} from './config';
export { freezeUpToOf, modelDifference, ownsParameters, parseModelSpec, runValues, tunableNames, FREEZE_UP_TO, TRAINING_HYPERPARAMETERS, type BaseModelFile, type HeadMode, type ModelFamily, type ModelReaders, type ModelSpec } from './model-spec';
export { baseModelWeights, decodeBase64 } from './base-model-weights';
export { readLayersModelJson, type LayersModelJson } from './layers-model-json';
export {
  ACTIVATIONS,
  DEFAULT_HYPERPARAMETERS,
  HYPERPARAMETER_NAMES,
  MODEL_FAMILIES,
  OPTIMIZERS,
  checkHyperparameter,
  isHyperparameterName,
  resolveHyperparameters,
  trainingHyperparameters,
  type BuiltinFamily,
  type Activation,
  type HyperparameterName,
  type Hyperparameters,
  type OptimizerName,
} from './hyperparameters';
