/**
 * The whole-experiment comparison of `npm run bench -- experiment` (issue 13): one definition of
 * the experiment, given to tabtune as an experiment file and to Optuna as the same parsed space.
 */
import { parseExperimentConfig, type ExperimentConfig } from '../../../src/core/experiment';
import { parseSpace, type Space } from '../../../src/core/space';

/**
 * The space. Natural-log exponents for loguniform (1e-4..0.1); hidden layers as a choice,
 * which both tabtune and Optuna (categorical) sample uniformly over {1, 2, 3}.
 */
export const SPACE_TEXT =
  `{"learning_rate": loguniform(${Math.log(1e-4)}, ${Math.log(0.1)}), "batch_size": choice(16, 32, 64, 128), ` +
  `"number_of_hidden_layers": choice(1, 2, 3), "units": choice(32, 64, 128), "keep_probability": uniform(0.5, 1)}`;

/** Median stopping from interval 5 on, every interval; Optuna's MedianPruner gets n_warmup_steps = DELAY. */
export const DELAY = 5;

/** Size of one repetition: runs, epochs per run, seed of both samplers. */
export interface ExperimentSize {
  readonly runs: number;
  readonly epochs: number;
  readonly seed: number;
}

/** tabtune's experiment file for one repetition: digits, Bayesian sampling, median stopping, 2 runs at once, backend auto. */
export function tabtuneConfig(size: ExperimentSize): ExperimentConfig {
  return parseExperimentConfig(
    {
      name: `bench-experiment-${size.seed}`,
      dataset: { source: 'demo:digits' },
      model: { family: 'mlp', hyperparameters: { epochs: size.epochs } },
      space: SPACE_TEXT,
      sampling: { type: 'bayesian', seed: size.seed },
      policy: { type: 'medianStopping', evaluationInterval: 1, delayEvaluation: DELAY },
      maxTotalRuns: size.runs,
      maxConcurrentRuns: 2,
      backend: 'auto',
    },
    { task: 'classification' },
  );
}

/** The parsed space, as the Python side maps it to Optuna distributions. */
export function parsedSpace(): Space {
  return parseSpace(SPACE_TEXT);
}
