/**
 * A dense network (tabtune's `mlp`) whose whole training step runs in the fused kernel: forward,
 * loss, backward and the optimizer update, a few kernel calls per layer and no tfjs kernel at
 * all. Buffers are sized for the run's batch once; the data lives in kernel memory too.
 */
import type { KernelExports, KernelHeap } from './kernel';
import { ACTIVATION_CODES } from './kernel';
import type { Param } from './fused-optimizer';

/** One dense layer as the model has it: kernel [inputs, units], activation, dropout after it. */
export interface DenseSpec {
  readonly inputs: number;
  readonly units: number;
  /** tfjs activation name ('softmax' only on a classification output). */
  readonly activation: string;
  /** keep_probability of the dropout after this layer (1: none). */
  readonly keep: number;
}

/** What the network computes: its layers, its loss, and the l2 factor of every kernel. */
export interface NetSpec {
  readonly layers: readonly DenseSpec[];
  readonly task: 'classification' | 'regression';
  readonly l2: number;
  /** Largest number of rows one call handles (the batch size). */
  readonly batch: number;
}

interface Layer extends DenseSpec {
  readonly code: number;
  readonly w: number;
  readonly b: number;
  readonly gw: number;
  readonly gb: number;
  /** Transposed kernel, for the gradient of the layer's input. */
  readonly wt: number;
  readonly z: number;
  readonly y: number;
  /** The output after dropout (= y without dropout) and its mask. */
  readonly out: number;
  readonly mask: number;
  /** d loss / d z for the batch. */
  readonly d: number;
}

/** Sums over rows: loss (squared error for regression) and correct count (absolute error). */
export interface BatchSums {
  readonly loss: number;
  readonly second: number;
}

export class FusedNet {
  readonly layers: Layer[];
  readonly params: Param[];
  private readonly stats: number;

  constructor(
    private readonly kernel: KernelExports,
    private readonly heap: KernelHeap,
    readonly spec: NetSpec,
  ) {
    const rows = spec.batch;
    this.layers = spec.layers.map((l) => {
      const z = heap.alloc(rows * l.units);
      const y = l.activation === 'softmax' ? z : heap.alloc(rows * l.units);
      const out = l.keep < 1 ? heap.alloc(rows * l.units) : y;
      return {
        ...l,
        code: l.activation === 'softmax' ? -1 : (ACTIVATION_CODES[l.activation] ?? unknownActivation(l.activation)),
        w: heap.alloc(l.inputs * l.units),
        b: heap.alloc(l.units),
        gw: heap.alloc(l.inputs * l.units),
        gb: heap.alloc(l.units),
        wt: heap.alloc(l.inputs * l.units),
        z,
        y,
        out,
        mask: l.keep < 1 ? heap.alloc(rows * l.units) : 0,
        d: heap.alloc(rows * l.units),
      };
    });
    this.params = this.layers.flatMap((l) => [
      { w: l.w, g: l.gw, n: l.inputs * l.units, l2x2: 2 * spec.l2 },
      { w: l.b, g: l.gb, n: l.units, l2x2: 0 },
    ]);
    this.stats = heap.alloc(4);
  }

  /** Sets kernel, bias, kernel, bias, ... (the model's `weights` order). */
  setWeights(values: readonly Float32Array[]): void {
    this.params.forEach((p, i) => this.heap.f32(p.w, p.n).set(values[i]));
  }

  /** Copies of kernel, bias, ... (the model's `weights` order). */
  weights(): Float32Array[] {
    return this.params.map((p) => this.heap.f32(p.w, p.n).slice());
  }

  /** Forward pass of `rows` rows at `x` (dropout when `training`) into each layer's z and y; the output's z is then the loss's input. */
  private forward(x: number, rows: number, training: boolean): void {
    const k = this.kernel;
    let input = x;
    for (const l of this.layers) {
      k.matmul(input, l.w, l.b, l.z, rows, l.inputs, l.units);
      if (l.code >= 0) k.activate(l.z, l.y, rows * l.units, l.code);
      if (training && l.keep < 1) k.dropout(l.y, l.out, l.mask, rows * l.units, l.keep);
      input = training ? l.out : l.y;
    }
  }

  /** Loss sums of the forward pass against `y`; with `gradient`, d loss / d z of the output (mean over `rows`). */
  private loss(y: number, rows: number, gradient: boolean): BatchSums {
    const out = this.layers[this.layers.length - 1];
    const stats = this.heap.f64(this.stats, 2);
    stats.fill(0);
    const d = gradient ? out.d : 0;
    if (this.spec.task === 'classification') this.kernel.softmaxCrossEntropy(out.z, y, d, rows, out.units, rows, this.stats);
    else this.kernel.squaredError(out.z, y, d, rows, rows, this.stats);
    const sums = this.heap.f64(this.stats, 2);
    return { loss: sums[0], second: sums[1] };
  }

  /** l2 * sum of squared kernel weights over the layers (tfjs adds it to the training loss). */
  penalty(): number {
    if (this.spec.l2 === 0) return 0;
    return this.layers.reduce((sum, l) => sum + Math.fround(this.spec.l2 * this.kernel.sumSquares(l.w, l.inputs * l.units)), 0);
  }

  /** Gradients of every param for the batch whose forward pass and loss just ran. */
  private backward(x: number, rows: number): void {
    const k = this.kernel;
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const l = this.layers[i];
      const input = i === 0 ? x : this.layers[i - 1].out;
      k.gradients(input, l.d, l.gw, l.gb, rows, l.inputs, l.units);
      if (i === 0) break;
      const below = this.layers[i - 1];
      k.transpose(l.w, l.wt, l.inputs, l.units);
      k.matmul(l.d, l.wt, 0, below.d, rows, l.units, l.inputs);
      if (below.keep < 1) k.multiply(below.d, below.mask, rows * below.units);
      k.activateBackward(below.d, below.z, below.y, rows * below.units, below.code);
    }
  }

  /** Forward, loss and gradients of one batch (rows at `x`, targets at `y`); the optimizer steps after. Returns its sums (penalty excluded). */
  trainBatch(x: number, y: number, rows: number): BatchSums {
    this.forward(x, rows, true);
    const sums = this.loss(y, rows, true);
    this.backward(x, rows);
    return sums;
  }

  /** Loss sums of `rows` rows without dropout, `spec.batch` rows per call (as tfjs evaluates). */
  evaluate(x: number, y: number, rows: number, features: number): BatchSums {
    let loss = 0;
    let second = 0;
    for (let start = 0; start < rows; start += this.spec.batch) {
      const count = Math.min(this.spec.batch, rows - start);
      this.forward(x + start * features * 4, count, false);
      const sums = this.loss(y + start * 4, count, false);
      loss += sums.loss;
      second += sums.second;
    }
    return { loss, second };
  }
}

function unknownActivation(name: string): never {
  throw new Error(`fused training: activation "${name}" is not supported`);
}
