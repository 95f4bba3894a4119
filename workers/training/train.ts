/**
 * One run's training: build, fit, log every epoch, keep the best checkpoint, dispose. Stops at the
 * next batch boundary when asked (`model.stopTraining`), or by itself on a non-finite metric (the
 * scheduler then fails the run with the reason).
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidConfigError } from '../../src/core/errors';
import { resolveHyperparameters } from '../../src/core/experiment';
import { isBetter } from '../../src/core/goal';
import * as Comlink from 'comlink';
import { captureCheckpoint, checkpointBuffers, restoreCheckpoint } from '../checkpoint-io';
import type { EpochLog, ModelCheckpoint, TrainHooks, TrainRequest, TrainResult } from '../../src/protocol';
import type { DatasetTensors } from './data';
import { buildModel, disposeOptimizer } from './model';
import { seedEpochShuffle, unseedShuffle } from './seeded-shuffle';

/** How often training yields to the event loop so that a stop message gets through, in ms. */
const YIELD_EVERY_MS = 50;

/** Resolves after pending messages had their turn (setImmediate in Node, a MessageChannel in browsers). */
export function yieldToEventLoop(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** tfjs log keys -> tabtune metric names, in logging order. */
function epochMetrics(logs: tf.Logs, task: DatasetTensors['shape']['task'], std: number): [string, number][] {
  const out: [string, number][] = [];
  const push = (name: string, key: string, scale: number): void => {
    if (logs[key] !== undefined) out.push([name, logs[key] * scale]);
  };
  if (task === 'classification') {
    push('loss', 'loss', 1);
    push('accuracy', 'acc', 1);
    push('val_loss', 'val_loss', 1);
    push('val_accuracy', 'val_acc', 1);
  } else {
    // Training ran on the standardized target; report mse and mae in the target's own units.
    push('loss', 'loss', std * std);
    push('mae', 'mae', std);
    push('val_loss', 'val_loss', std * std);
    push('val_mae', 'val_mae', std);
  }
  return out;
}

/** Calls hooks without waiting on each (a round trip per epoch would stall training); errors surface at the end. */
class HookQueue {
  private readonly pending: Promise<unknown>[] = [];
  private error: unknown = null;

  call(invoke: () => unknown): void {
    const promise = Promise.resolve()
      .then(invoke)
      .catch((error: unknown) => {
        // Recorded and rethrown by flush(): a lost log must fail the run, not vanish.
        this.error ??= error;
      });
    this.pending.push(promise);
  }

  async flush(): Promise<void> {
    await Promise.all(this.pending);
    if (this.error !== null) throw this.error;
  }
}

/** Control of a run from outside: `stopRequested` is polled at every batch boundary. */
export interface RunControl {
  stopRequested(): boolean;
}

/** Trains one run on `data` (tensors of the active backend); disposes the model and optimizer it built. */
export async function trainRun(data: DatasetTensors, request: TrainRequest, hooks: TrainHooks, control: RunControl): Promise<TrainResult> {
  const hp = resolveHyperparameters(request.params, request.fixed);
  if (request.family === 'cnn' && tf.getBackend() === 'wasm') {
    // tfjs 4.22's wasm backend has no Conv2DBackpropFilter kernel: a cnn cannot learn there.
    throw new InvalidConfigError('model family "cnn" cannot train on the wasm backend (tfjs lacks its convolution gradients); use backend auto, cpu, webgl or webgpu');
  }
  const tensorsBefore = tf.memory().numTensors;
  const { model, optimizer } = buildModel(request.family, data.shape, hp, request.seed);
  const queue = new HookQueue();
  // A continuing run (SPEC section 7) starts after its checkpoint's interval, one interval per epoch.
  const initialEpoch = request.resume?.checkpoint.interval ?? 0;
  let epochs = initialEpoch;
  let halted = false;
  let best: number | null = request.resume?.best ?? null;
  let interval = initialEpoch;
  let lastYield = performance.now();
  const started = performance.now();
  try {
    if (request.resume) await restoreCheckpoint(model, optimizer, request.resume.checkpoint);
    queue.call(() => hooks.started(tf.getBackend()));
    await model.fit(data.x, data.y, {
      epochs: hp.epochs,
      initialEpoch,
      batchSize: hp.batch_size,
      shuffle: true,
      verbose: 0,
      yieldEvery: 'never',
      ...(data.validX && data.validY ? { validationData: [data.validX, data.validY] } : {}),
      callbacks: {
        onEpochBegin: async (epoch) => seedEpochShuffle(request.seed, epoch),
        onBatchBegin: async () => {
          unseedShuffle();
          if (halted || control.stopRequested()) {
            halted = true;
            model.stopTraining = true;
            return;
          }
          if (performance.now() - lastYield < YIELD_EVERY_MS) return;
          await yieldToEventLoop();
          lastYield = performance.now();
        },
        onEpochEnd: async (epoch, logs) => {
          // A partial epoch after a stop has no validation metrics: not an interval.
          if (halted || !logs) return;
          epochs = epoch + 1;
          const metrics = epochMetrics(logs, data.shape.task, data.targetStd);
          const entry: EpochLog = { epoch: epochs, metrics };
          queue.call(() => hooks.log(entry));
          if (metrics.some(([, value]) => !Number.isFinite(value))) {
            halted = true;
            model.stopTraining = true;
            return;
          }
          const primary = metrics.find(([name]) => name === request.primaryMetricName);
          if (!primary) return;
          interval += 1;
          const improved = best === null || isBetter(primary[1], best, request.goal);
          if (improved) best = primary[1];
          if (!request.checkpoints || (!improved && !request.lastCheckpoints)) return;
          const kinds: ModelCheckpoint['kinds'] = improved ? ['best'] : ['last'];
          // Optimizer state only matters to a store that can continue the run (lastCheckpoints).
          const checkpoint: ModelCheckpoint = { ...(await captureCheckpoint(model, request.lastCheckpoints ? optimizer : null, interval, primary[1])), kinds };
          queue.call(() => hooks.checkpoint(Comlink.transfer(checkpoint, checkpointBuffers(checkpoint))));
        },
      },
    });
    await queue.flush();
  } finally {
    unseedShuffle();
    model.dispose();
    disposeOptimizer(optimizer);
  }
  const fitSeconds = (performance.now() - started) / 1000;
  return {
    runId: request.runId,
    backend: tf.getBackend(),
    epochs,
    samplesPerSecond: fitSeconds > 0 ? ((epochs - initialEpoch) * data.trainRows) / fitSeconds : 0,
    fitSeconds,
    stoppedEarly: halted || epochs < hp.epochs,
    tensorsBefore,
    tensorsAfter: tf.memory().numTensors,
  };
}
