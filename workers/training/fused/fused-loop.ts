/**
 * tabtune's epoch loop on the fused path: the same contract as `fitEpochs` over `model.fit`
 * (train.ts): tfjs's seeded batch order, one interval per epoch with fit's log names and
 * averaging, validation each epoch, a stop at the next batch boundary, a halt on a non-finite
 * value, and checkpoints of the tfjs model (the fused weights and optimizer state written into it
 * first).
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainRequest } from '../../../src/protocol';
import type { DatasetTensors } from '../data';
import { epochMetrics } from '../epoch-metrics';
import { YIELD_EVERY_MS, yieldToEventLoop } from '../event-loop';
import type { IntervalRecorder } from '../interval-recorder';
import type { RunSetup } from '../run-setup';
import { seedEpochShuffle, unseedShuffle } from '../seeded-shuffle';
import type { EpochSums, FusedTrainer } from './fused-trainer';

/** Control of the run from outside: polled at every batch boundary (train.ts's RunControl). */
export interface LoopControl {
  stopRequested(): boolean;
}

/** fit's epoch logs from the sums: loss and acc | mae, then val_loss and val_acc | val_mae. */
function epochLogs(task: 'classification' | 'regression', train: EpochSums, valid: ReturnType<FusedTrainer['evaluate']>): tf.Logs {
  const second = task === 'classification' ? 'acc' : 'mae';
  const logs: tf.Logs = { loss: train.loss / train.rows, [second]: train.second / train.rows };
  if (valid) {
    logs.val_loss = valid.loss / valid.rows;
    logs[`val_${second}`] = valid.second / valid.rows;
  }
  return logs;
}

/** One epoch's batches in `order`; false when a stop or halt ended it early. */
async function trainEpoch(trainer: FusedTrainer, order: number[], batch: number, recorder: IntervalRecorder, control: LoopControl, sums: EpochSums, clock: { lastYield: number }): Promise<boolean> {
  for (let start = 0; start < order.length; start += batch) {
    if (recorder.halted || control.stopRequested()) {
      recorder.halted = true;
      return false;
    }
    trainer.trainBatch(order, start, Math.min(start + batch, order.length), sums);
    if (performance.now() - clock.lastYield < YIELD_EVERY_MS) continue;
    await yieldToEventLoop();
    clock.lastYield = performance.now();
  }
  return true;
}

/**
 * Trains epochs `from` to `setup.hp.epochs` (exclusive) with `trainer`; returns the epochs done.
 * Like fit, one index array is shuffled in place epoch after epoch with the (seed, epoch) stream.
 */
export async function fusedEpochs(trainer: FusedTrainer, setup: RunSetup, request: TrainRequest, data: DatasetTensors, recorder: IntervalRecorder, control: LoopControl, from: number): Promise<number> {
  const order = Array.from({ length: trainer.trainRows }, (_, i) => i);
  const clock = { lastYield: performance.now() };
  let epochs = from;
  for (let epoch = from; epoch < setup.hp.epochs; epoch++) {
    seedEpochShuffle(request.seed, epoch);
    try {
      tf.util.shuffle(order);
    } finally {
      unseedShuffle();
    }
    const sums: EpochSums = { rows: 0, loss: 0, second: 0 };
    // A partial epoch after a stop has no validation metrics: not an interval.
    if (!(await trainEpoch(trainer, order, setup.hp.batch_size, recorder, control, sums, clock))) break;
    epochs = epoch + 1;
    const primary = recorder.log(epochs, epochMetrics(epochLogs(data.shape.task, sums, trainer.evaluate()), data.shape.task, data.targetStd));
    if (recorder.halted) break;
    const kinds = primary ? recorder.kindsFor(primary.improved) : null;
    if (!kinds) continue;
    await trainer.writeTo(setup.model, setup.optimizer);
    await recorder.capture(setup.model, setup.optimizer, kinds);
  }
  return epochs;
}
