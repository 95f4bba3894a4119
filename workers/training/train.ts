/**
 * One run's training: set up the model, train it (tabtune's epoch loop, or the user's own `fit`),
 * log every value, keep the best checkpoint, dispose. Stops at the next batch boundary when asked
 * (`model.stopTraining`), or by itself on a non-finite metric (the scheduler then fails the run
 * with the reason).
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainHooks, TrainRequest, TrainResult } from '../../src/protocol';
import { restoreCheckpoint } from '../checkpoint-io';
import { augmentImages, augmentationOf } from './augment';
import type { DatasetTensors } from './data';
import { epochMetrics } from './epoch-metrics';
import { YIELD_EVERY_MS, yieldToEventLoop } from './event-loop';
import { fusedEpochs, fusedTrainerFor } from './fused';
import { IntervalRecorder } from './interval-recorder';
import { setupRun, type RunSetup } from './run-setup';
import { seedEpochShuffle, unseedShuffle } from './seeded-shuffle';
import { userCodeError } from './user-error';

/** Control of a run from outside: `stopRequested` is polled at every batch boundary. */
export interface RunControl {
  stopRequested(): boolean;
}

/** How a run trains: `fused` (backend `wasm-fused`) trains an `mlp` in the fused kernel, anything else on tfjs. */
export interface TrainOptions {
  readonly fused?: boolean;
}

/**
 * tabtune's loop: `model.fit`, one epoch = one interval, seeded shuffles. Image data with
 * `augment_*` hyperparameters trains one epoch per fit on a freshly augmented copy (seeded by the
 * run's seed and the epoch). Returns the epochs done.
 */
async function epochLoop(setup: RunSetup, request: TrainRequest, data: DatasetTensors, recorder: IntervalRecorder, control: RunControl): Promise<number> {
  const initialEpoch = request.resume?.checkpoint.interval ?? 0;
  const augmentation = augmentationOf(setup.hp);
  const imageShape = data.shape.imageShape;
  if (!augmentation || !imageShape) return fitEpochs(setup, request, data, recorder, control, setup.x, initialEpoch, setup.hp.epochs);
  let epochs = initialEpoch;
  for (let epoch = initialEpoch; epoch < setup.hp.epochs && !recorder.halted && !control.stopRequested(); epoch++) {
    const x = augmentImages(setup.x, imageShape, augmentation, (request.seed * 7919 + epoch) % 2147483647);
    try {
      epochs = await fitEpochs(setup, request, data, recorder, control, x, epoch, epoch + 1);
    } finally {
      x.dispose();
    }
    if (epochs <= epoch) break;
  }
  return epochs;
}

/** `model.fit` on `x` from epoch `from` to `to` (exclusive); returns the epochs done. */
async function fitEpochs(setup: RunSetup, request: TrainRequest, data: DatasetTensors, recorder: IntervalRecorder, control: RunControl, x: tf.Tensor, from: number, to: number): Promise<number> {
  const { model, optimizer, hp } = setup;
  let epochs = from;
  let lastYield = performance.now();
  await model.fit(x, setup.y, {
    epochs: to,
    initialEpoch: from,
    batchSize: hp.batch_size,
    shuffle: true,
    verbose: 0,
    yieldEvery: 'never',
    ...(setup.validation ? { validationData: [setup.validation.x, setup.validation.y] } : {}),
    callbacks: {
      onEpochBegin: async (epoch) => seedEpochShuffle(request.seed, epoch),
      onBatchBegin: async () => {
        unseedShuffle();
        if (recorder.halted || control.stopRequested()) {
          recorder.halted = true;
          model.stopTraining = true;
          return;
        }
        if (performance.now() - lastYield < YIELD_EVERY_MS) return;
        await yieldToEventLoop();
        lastYield = performance.now();
      },
      onEpochEnd: async (epoch, logs) => {
        // A partial epoch after a stop has no validation metrics: not an interval.
        if (recorder.halted || !logs) return;
        epochs = epoch + 1;
        const primary = recorder.log(epochs, epochMetrics(logs, data.shape.task, data.targetStd));
        if (recorder.halted) {
          model.stopTraining = true;
          return;
        }
        const kinds = primary ? recorder.kindsFor(primary.improved) : null;
        if (kinds) await recorder.capture(model, optimizer, kinds);
      },
    },
  });
  return epochs;
}

/** The user's `fit(hp, model, ctx)`; its errors fail the run with the user's file:line. Returns the intervals logged. */
async function userLoop(setup: RunSetup, recorder: IntervalRecorder): Promise<number> {
  const user = setup.userFit!;
  try {
    await user.fit(user.hp, setup.model, user.ctx);
  } catch (error) {
    recorder.dropSnapshot();
    throw userCodeError('fit', error, user.name, user.url);
  }
  recorder.flushSnapshot();
  return recorder.interval;
}

/** `ctx.log` / `shouldStop` / `checkpoint` of the user's `fit`, over the run's recorder. */
function userSink(request: TrainRequest, recorder: IntervalRecorder, control: RunControl, setup: () => RunSetup) {
  return {
    log(name: string, value: number): void {
      const primary = recorder.log(recorder.interval, [[name, value]]);
      if (primary?.improved && request.checkpoints) recorder.snapshot(setup().model, ['best']);
    },
    shouldStop(): boolean {
      if (!recorder.halted && control.stopRequested()) recorder.halted = true;
      return recorder.halted;
    },
    async checkpoint(): Promise<void> {
      if (!request.checkpoints || recorder.last === null) return;
      // The user's own checkpoint of the latest interval replaces the automatic one when it is the best.
      if (recorder.last !== recorder.best) return;
      recorder.dropSnapshot();
      await recorder.capture(setup().model, null, ['best']);
    },
  };
}

/** Trains one run on `data` (tensors of the active backend); disposes everything it built. */
export async function trainRun(data: DatasetTensors, request: TrainRequest, hooks: TrainHooks, control: RunControl, options: TrainOptions = {}): Promise<TrainResult> {
  const tensorsBefore = tf.memory().numTensors;
  const initialEpoch = request.resume?.checkpoint.interval ?? 0;
  const recorder = new IntervalRecorder(request, hooks, initialEpoch);
  let setup: RunSetup | null = null;
  const started = performance.now();
  let epochs = initialEpoch;
  let planned = 0;
  let backend = tf.getBackend();
  try {
    setup = await setupRun(data, request, userSink(request, recorder, control, () => setup!));
    planned = setup.hp.epochs;
    if (request.resume) await restoreCheckpoint(setup.model, setup.optimizer, request.resume.checkpoint);
    const fused = options.fused ? await fusedTrainerFor(request.family, setup, data, request.seed) : null;
    // The run reports what it really trained on: a model the kernel cannot train falls back to tfjs wasm.
    if (fused) backend = 'wasm-fused';
    recorder.started(backend);
    if (setup.userFit) epochs = await userLoop(setup, recorder);
    else if (fused) epochs = await fusedEpochs(fused, setup, request, data, recorder, control, initialEpoch);
    else epochs = await epochLoop(setup, request, data, recorder, control);
    await recorder.queue.flush();
  } finally {
    unseedShuffle();
    recorder.dropSnapshot();
    setup?.dispose();
  }
  const fitSeconds = (performance.now() - started) / 1000;
  return {
    runId: request.runId,
    backend,
    epochs,
    samplesPerSecond: fitSeconds > 0 && !setup?.userFit ? ((epochs - initialEpoch) * data.trainRows) / fitSeconds : 0,
    fitSeconds,
    stoppedEarly: recorder.halted || (!setup?.userFit && epochs < planned),
    tensorsBefore,
    tensorsAfter: tf.memory().numTensors,
  };
}
