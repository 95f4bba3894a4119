/** The experiment file (SPEC section 11) and the built-in models' hyperparameters. */
export {
  parseExperimentConfig,
  experimentSpace,
  impliedGoal,
  BACKEND_CHOICES,
  type BackendChoice,
  type DatasetSpec,
  type ExperimentConfig,
  type ModelSpec,
  type ParseContext,
} from './config';
export {
  ACTIVATIONS,
  DEFAULT_HYPERPARAMETERS,
  HYPERPARAMETER_NAMES,
  MODEL_FAMILIES,
  OPTIMIZERS,
  checkHyperparameter,
  isHyperparameterName,
  resolveHyperparameters,
  type Activation,
  type HyperparameterName,
  type Hyperparameters,
  type ModelFamily,
  type OptimizerName,
} from './hyperparameters';
