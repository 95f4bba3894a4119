/**
 * The prefilled demo experiment (SPEC section 10: opening the page offers a ready experiment on a
 * bundled dataset that runs with one click). Small enough to finish in about a minute on a laptop
 * without a GPU: 8 runs of 8 epochs on the 8x8 digits, two at a time, median stopping after 3.
 */
import type { ExperimentConfig } from '../../core/experiment';

/** The SPEC section 11 example's space, in the HyperDrive text syntax. */
export const DEMO_SPACE = `{
  "learning_rate": loguniform(-9, -2),
  "batch_size": choice(16, 32, 64, 128),
  "number_of_hidden_layers": choice(range(1, 4)),
  "units": choice(32, 64, 128),
  "keep_probability": uniform(0.5, 1)
}`;

/** The demo as an experiment file (parsed by `parseExperimentConfig` before it runs). */
export const DEMO_EXPERIMENT = {
  name: 'digits-mlp',
  dataset: { source: 'demo:digits' },
  model: { family: 'mlp', hyperparameters: { epochs: 8 } },
  space: DEMO_SPACE,
  sampling: { type: 'random', seed: 1 },
  policy: { type: 'medianStopping', evaluationInterval: 1, delayEvaluation: 3 },
  primaryMetricName: 'val_accuracy',
  primaryMetricGoal: 'maximize',
  maxTotalRuns: 8,
  maxConcurrentRuns: 2,
  maxDurationMinutes: 15,
  maxFailedRuns: 4,
  backend: 'auto',
} as const satisfies Record<string, unknown>;

/** Metrics the built-in models log per task (SPEC section 10), the usual primary metric first. */
export function metricsFor(task: 'classification' | 'regression'): readonly string[] {
  return task === 'regression' ? ['val_mae', 'val_loss', 'mae', 'loss'] : ['val_accuracy', 'val_loss', 'accuracy', 'loss'];
}

export type DemoExperiment = typeof DEMO_EXPERIMENT;
export type { ExperimentConfig };
