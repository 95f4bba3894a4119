/**
 * A run's fused training state: the kernel instance, the network and optimizer in its memory, and
 * the run's rows copied there once. It starts from the tfjs model's weights and optimizer state
 * (so initialisation and resume are tfjs's) and writes both back into them whenever a checkpoint
 * is taken, so checkpoints, export and resume see a tfjs model as on the tfjs path.
 */
import * as tf from '@tensorflow/tfjs';
import { instantiateKernel, KernelHeap, type KernelExports } from './kernel';
import { FusedNet, type NetSpec } from './fused-net';
import { FusedOptimizer } from './fused-optimizer';
import type { Hyperparameters } from '../../../src/core/experiment';

/** Rows in kernel memory: features [rows, features] and targets [rows]. */
interface Rows {
  readonly x: number;
  readonly y: number;
  readonly count: number;
}

/** One epoch's training sums, as tfjs's fit logs them (batch values weighted by batch size). */
export interface EpochSums {
  rows: number;
  loss: number;
  second: number;
}

export class FusedTrainer {
  private readonly batchX: number;
  private readonly batchY: number;

  private constructor(
    private readonly kernel: KernelExports,
    private readonly heap: KernelHeap,
    readonly net: FusedNet,
    readonly optimizer: FusedOptimizer,
    private readonly features: number,
    private readonly train: Rows,
    private readonly validation: Rows | null,
  ) {
    this.batchX = heap.alloc(net.spec.batch * features);
    this.batchY = heap.alloc(net.spec.batch);
  }

  /** A trainer for `spec` over the rows of `x`/`y` (and validation rows), dropout seeded by `seed`. */
  static async create(spec: NetSpec, hp: Hyperparameters, seed: number, x: tf.Tensor, y: tf.Tensor, validation: { x: tf.Tensor; y: tf.Tensor } | null): Promise<FusedTrainer> {
    const kernel = await instantiateKernel();
    const heap = new KernelHeap(kernel);
    const net = new FusedNet(kernel, heap, spec);
    const optimizer = new FusedOptimizer(kernel, heap, net.params, hp);
    const features = spec.layers[0].inputs;
    const copy = async (xs: tf.Tensor, ys: tf.Tensor): Promise<Rows> => {
      const [xv, yv] = [(await xs.data()) as Float32Array, (await ys.data()) as Float32Array];
      const rows = { x: heap.alloc(xv.length), y: heap.alloc(yv.length), count: yv.length };
      heap.f32(rows.x, xv.length).set(xv);
      heap.f32(rows.y, yv.length).set(yv);
      return rows;
    };
    const train = await copy(x, y);
    const valid = validation && validation.y.shape[0] > 0 ? await copy(validation.x, validation.y) : null;
    // Masks cannot match tfjs's (its dropout draws from its own generator); they follow the run's seed.
    kernel.seedDropout((seed * 2654435761 + 0x0d40) >>> 0);
    return new FusedTrainer(kernel, heap, net, optimizer, features, train, valid);
  }

  get trainRows(): number {
    return this.train.count;
  }

  /** Trains one batch of the rows `order[start, end)`; adds its sums to `epoch`. */
  trainBatch(order: readonly number[], start: number, end: number, epoch: EpochSums): void {
    const rows = end - start;
    const f = this.features;
    const memory = this.heap.f32(0, this.kernel.memory.buffer.byteLength >> 2);
    const [xBase, yBase, bx, by] = [this.train.x >> 2, this.train.y >> 2, this.batchX >> 2, this.batchY >> 2];
    for (let r = 0; r < rows; r++) {
      const row = order[start + r];
      memory.copyWithin(bx + r * f, xBase + row * f, xBase + row * f + f);
      memory[by + r] = memory[yBase + row];
    }
    const sums = this.net.trainBatch(this.batchX, this.batchY, rows);
    const batchLoss = Math.fround(sums.loss / rows) + this.net.penalty();
    this.optimizer.step();
    epoch.rows += rows;
    epoch.loss += batchLoss * rows;
    epoch.second += sums.second;
  }

  /** Validation sums without dropout (null without validation rows). */
  evaluate(): { rows: number; loss: number; second: number } | null {
    const v = this.validation;
    if (!v) return null;
    return { rows: v.count, ...this.net.evaluate(v.x, v.y, v.count, this.features) };
  }

  /** Starts from `model`'s weights and `optimizer`'s state (a fresh one, or one restored from a checkpoint). */
  async readFrom(model: tf.LayersModel, optimizer: tf.Optimizer): Promise<void> {
    this.net.setWeights(await Promise.all(model.weights.map(async (w) => (await w.read().data()) as Float32Array)));
    const named = await optimizer.getWeights();
    const iterations = (await named[0].tensor.data())[0];
    // getWeights makes a fresh tensor only for the iteration count; the slots are the optimizer's own.
    named[0].tensor.dispose();
    const slots = await Promise.all(named.slice(1).map(async (n) => (await n.tensor.data()) as Float32Array));
    this.optimizer.restore(this.heap, iterations, slots);
  }

  /** Writes the weights into `model` and the optimizer's state into `optimizer` (between batches). */
  async writeTo(model: tf.LayersModel, optimizer: tf.Optimizer): Promise<void> {
    const values = this.net.weights();
    const shapes = model.weights.map((w) => w.read().shape);
    tf.tidy(() => model.setWeights(values.map((v, i) => tf.tensor(v, shapes[i]))));
    const old = await optimizer.getWeights();
    // setWeights replaces the slot variables without disposing them: dispose them here (and the fresh count).
    tf.dispose(old.map((n) => n.tensor));
    const names = this.optimizer.slotNames(model.weights.map((w) => w.name));
    const slots = this.optimizer.state(this.heap);
    const named = [{ name: 'iter', tensor: tf.scalar(this.optimizer.iterations, 'int32') }, ...slots.map((v, i) => ({ name: names[i], tensor: tf.tensor(v, shapes[i % shapes.length]) }))];
    try {
      await optimizer.setWeights(named);
    } finally {
      tf.dispose(named.map((n) => n.tensor));
    }
  }
}
