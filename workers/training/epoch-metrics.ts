/** tfjs's epoch logs as tabtune's metric names, in the target's own units for regression. */
import type * as tf from '@tensorflow/tfjs';
import type { ModelShape } from './model';

/** tfjs log key -> tabtune name (the rest keep tfjs's name). */
const RENAMED: Record<string, string> = { acc: 'accuracy', val_acc: 'val_accuracy' };

/** Regression metrics whose unit is the target's (scaled by std) or its square (std^2). */
const UNIT_POWER: Record<string, number> = { loss: 2, mse: 2, meanSquaredError: 2, mae: 1, meanAbsoluteError: 1 };

/**
 * One epoch's logs in logging order (training metrics, then validation ones), renamed. Training
 * ran on the standardized target, so regression losses and errors are scaled back to the target's
 * units (mse and loss by std^2, mae by std); a model the user compiled with another loss keeps it as logged.
 */
export function epochMetrics(logs: tf.Logs, task: ModelShape['task'], std: number): [string, number][] {
  const keys = Object.keys(logs).sort((a, b) => Number(a.startsWith('val_')) - Number(b.startsWith('val_')));
  return keys.map((key) => {
    const base = key.replace(/^val_/, '');
    const power = task === 'regression' ? (UNIT_POWER[base] ?? 0) : 0;
    return [RENAMED[key] ?? key, logs[key] * std ** power];
  });
}
