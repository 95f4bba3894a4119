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

/** At most one best checkpoint of the user's own loop is encoded and sent per this many ms (the latest is always sent at the end). */
const SNAPSHOT_EVERY_MS = 2_000;

interface HeldSnapshot {
  readonly named: { name: string; tensor: tf.Tensor }[];
  readonly modelTopology: unknown;
  readonly interval: number;
  readonly value: number;
  readonly kinds: CheckpointKinds;
}

export class IntervalRecorder {
  readonly queue = new HookQueue();
  /** A non-finite value was logged or a stop was requested: training should end. */
  halted = false;
  interval: number;
  best: number | null;
  /** The latest primary value (the value of `interval`). */
  last: number | null = null;
  /** A best checkpoint copied but not yet sent (see `snapshot`). */
  private held: HeldSnapshot | null = null;
  private sentAt = Number.NEGATIVE_INFINITY;

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
   * Copies `model`'s weights now (synchronously, so training that goes on cannot change them) as
   * the checkpoint of the current interval. For the user's own `fit`, where `ctx.log` cannot wait.
   * A later improvement replaces a copy not yet sent, so a run whose metric improves at every log
   * encodes and sends about one best checkpoint per SNAPSHOT_EVERY_MS, and its last at the end
   * (`flushSnapshot`), instead of one per log.
   */
  snapshot(model: tf.LayersModel, kinds: CheckpointKinds): void {
    if (this.last === null) return;
    this.dropSnapshot();
    const named = model.weights.map((w) => ({ name: w.originalName, tensor: w.read().clone() }));
    this.held = { named, modelTopology: model.toJSON(null, false), interval: this.interval, value: this.last, kinds };
    if (performance.now() - this.sentAt >= SNAPSHOT_EVERY_MS) this.flushSnapshot();
  }

  /** Encodes and reports the held copy, if any (at the end of the run, and before an explicit checkpoint). */
  flushSnapshot(): void {
    const held = this.held;
    if (!held) return;
    this.held = null;
    this.sentAt = performance.now();
    this.queue.call(async () => {
      try {
        const { data, specs } = await tf.io.encodeWeights(held.named);
        const weightData = Array.isArray(data) ? tf.io.CompositeArrayBuffer.join(data) : (data as ArrayBuffer);
        const { modelTopology, interval, value, kinds } = held;
        this.report({ interval, value, modelTopology, weightSpecs: specs as WeightSpec[], weightData, kinds });
      } finally {
        tf.dispose(held.named.map((n) => n.tensor));
      }
    });
  }

  /** Frees a held copy without sending it (superseded, or the run failed). */
  dropSnapshot(): void {
    if (this.held) tf.dispose(this.held.named.map((n) => n.tensor));
    this.held = null;
  }

  private report(checkpoint: ModelCheckpoint): void {
    this.queue.call(() => this.hooks.checkpoint(Comlink.transfer(checkpoint, checkpointBuffers(checkpoint))));
  }
}
