/**
 * The bookkeeping every training loop shares (tabtune's epoch loop and the user's own `fit`):
 * sends each logged value to the host, counts intervals (logs of the primary metric), keeps the
 * run's best value, halts on a non-finite value (the scheduler fails the run with the reason), and
 * reports checkpoints: the best one whenever the primary metric improves, and the latest one for
 * runs that can continue after a reload.
 */
import * as tf from '@tensorflow/tfjs';
import * as Comlink from 'comlink';
import { isBetter } from '../../src/core/goal';
import type { ModelCheckpoint, TrainHooks, TrainRequest, WeightSpec } from '../../src/protocol';
import { captureCheckpoint, checkpointBuffers } from '../checkpoint-io';
import { HookQueue } from './hook-queue';

export type CheckpointKinds = NonNullable<ModelCheckpoint['kinds']>;

export class IntervalRecorder {
  readonly queue = new HookQueue();
  /** A non-finite value was logged or a stop was requested: training should end. */
  halted = false;
  interval: number;
  best: number | null;
  /** The latest primary value (the value of `interval`). */
  last: number | null = null;

  constructor(
    private readonly request: TrainRequest,
    private readonly hooks: TrainHooks,
    initialInterval: number,
  ) {
    this.interval = initialInterval;
    this.best = request.resume?.best ?? null;
  }

  started(backend: string): void {
    this.queue.call(() => this.hooks.started(backend));
  }

  /**
   * Sends `metrics` (one epoch's, or one `ctx.log`) to the host. Returns the primary value when it
   * is among them and every value is finite, with whether it improved the run's best.
   */
  log(epoch: number, metrics: [string, number][]): { value: number; improved: boolean } | null {
    this.queue.call(() => this.hooks.log({ epoch, metrics }));
    if (metrics.some(([, value]) => !Number.isFinite(value))) {
      this.halted = true;
      return null;
    }
    const primary = metrics.find(([name]) => name === this.request.primaryMetricName);
    if (!primary) return null;
    this.interval += 1;
    this.last = primary[1];
    const improved = this.best === null || isBetter(primary[1], this.best, this.request.goal);
    if (improved) this.best = primary[1];
    return { value: primary[1], improved };
  }

  /** Whether a checkpoint of this interval is wanted, and of which kind. */
  kindsFor(improved: boolean): CheckpointKinds | null {
    if (!this.request.checkpoints || (!improved && !this.request.lastCheckpoints)) return null;
    return improved ? ['best'] : ['last'];
  }

  /** Captures `model` (and `optimizer`'s state when the run can continue later) now; call between steps. */
  async capture(model: tf.LayersModel, optimizer: tf.Optimizer | null, kinds: CheckpointKinds): Promise<void> {
    if (this.last === null) return;
    const data = await captureCheckpoint(model, this.request.lastCheckpoints ? optimizer : null, this.interval, this.last);
    this.report({ ...data, kinds });
  }

  /**
   * Copies `model`'s weights now (synchronously, so training that goes on cannot change them) and
   * reports them as the checkpoint of the current interval once encoded. For the user's own `fit`,
   * where `ctx.log` cannot wait.
   */
  snapshot(model: tf.LayersModel, kinds: CheckpointKinds): void {
    if (this.last === null) return;
    const named = model.weights.map((w) => ({ name: w.originalName, tensor: w.read().clone() }));
    const modelTopology = model.toJSON(null, false);
    const { interval, last: value } = this;
    this.queue.call(async () => {
      try {
        const { data, specs } = await tf.io.encodeWeights(named);
        const weightData = Array.isArray(data) ? tf.io.CompositeArrayBuffer.join(data) : (data as ArrayBuffer);
        this.report({ interval, value, modelTopology, weightSpecs: specs as WeightSpec[], weightData, kinds });
      } finally {
        tf.dispose(named.map((n) => n.tensor));
      }
    });
  }

  private report(checkpoint: ModelCheckpoint): void {
    this.queue.call(() => this.hooks.checkpoint(Comlink.transfer(checkpoint, checkpointBuffers(checkpoint))));
  }
}
