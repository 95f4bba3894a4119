/**
 * The optimizer of a fused run: tfjs 4.22's adam, sgd, momentum and rmsprop updates (formulas in
 * assembly/optimizers.ts), with its state in kernel memory and convertible to and from the tfjs
 * optimizer's weights (`getWeights` order: iterations, then each slot kind over all variables),
 * so checkpoints and resume are the same as on the tfjs path.
 */
import type { Hyperparameters } from '../../../src/core/experiment';
import type { KernelExports, KernelHeap } from './kernel';

/** One trainable array: weights, gradient, length, and 2 * l2 (0 for biases). */
export interface Param {
  readonly w: number;
  readonly g: number;
  readonly n: number;
  readonly l2x2: number;
}

type Kind = 'adam' | 'sgd' | 'momentum' | 'rmsprop';

/** Slot names per kind, in tfjs's `getWeights` order. */
const SLOTS: Record<Kind, readonly string[]> = { adam: ['m', 'v'], sgd: [], momentum: ['momentum'], rmsprop: ['rms', 'momentum'] };

/** tfjs's defaults (tf.train.adam / rmsprop with epsilon null take the backend's float32 epsilon). */
const BETA1 = 0.9;
const BETA2 = 0.999;
const RHO = 0.9;
const EPSILON = 1e-7;

/** The optimizer kind `createOptimizer` (model.ts) builds for `hp`. */
export function optimizerKind(hp: Hyperparameters): Kind {
  if (hp.optimizer === 'sgd') return hp.momentum > 0 ? 'momentum' : 'sgd';
  return hp.optimizer;
}

export class FusedOptimizer {
  readonly kind: Kind;
  iterations = 0;
  /** slots[s][p]: address of slot kind `s` of param `p`. */
  private readonly slots: number[][];
  private accBeta1 = Math.fround(BETA1);
  private accBeta2 = Math.fround(BETA2);

  constructor(
    private readonly kernel: KernelExports,
    heap: KernelHeap,
    private readonly params: readonly Param[],
    private readonly hp: Hyperparameters,
  ) {
    this.kind = optimizerKind(hp);
    this.slots = SLOTS[this.kind].map(() => params.map((p) => heap.alloc(p.n)));
  }

  /** Applies one update to every param from its gradient. */
  step(): void {
    const k = this.kernel;
    const lr = this.hp.learning_rate;
    const c1 = Math.fround(1 - this.accBeta1);
    const c2 = Math.fround(1 - this.accBeta2);
    this.params.forEach((p, i) => {
      const [s0, s1] = [this.slots[0]?.[i], this.slots[1]?.[i]];
      if (this.kind === 'sgd') k.sgd(p.w, p.g, p.n, -lr, p.l2x2);
      else if (this.kind === 'momentum') k.momentum(p.w, p.g, s0, p.n, -lr, this.hp.momentum, p.l2x2);
      else if (this.kind === 'rmsprop') k.rmsprop(p.w, p.g, s0, s1, p.n, lr, RHO, 1 - RHO, 0, EPSILON, p.l2x2);
      else k.adam(p.w, p.g, s0, s1, p.n, -lr, BETA1, 1 - BETA1, BETA2, 1 - BETA2, c1, c2, EPSILON, p.l2x2);
    });
    if (this.kind === 'adam') {
      // tfjs keeps beta^t as a running f32 product, not a power.
      this.accBeta1 = Math.fround(this.accBeta1 * Math.fround(BETA1));
      this.accBeta2 = Math.fround(this.accBeta2 * Math.fround(BETA2));
    }
    this.iterations += 1;
  }

  /** Slot names in tfjs's order, for variables named `names` (the model's weight names). */
  slotNames(names: readonly string[]): string[] {
    return SLOTS[this.kind].flatMap((slot) => names.map((name) => `${name}/${slot}`));
  }

  /** The slot arrays (copies) in tfjs's `getWeights` order, after the iteration count. */
  state(heap: KernelHeap): Float32Array[] {
    return this.slots.flatMap((perParam) => perParam.map((address, i) => heap.f32(address, this.params[i].n).slice()));
  }

  /** Restores `iterations` and the slots (tfjs's order; empty: a fresh tfjs optimizer, zero slots). */
  restore(heap: KernelHeap, iterations: number, slots: readonly Float32Array[]): void {
    this.iterations = iterations;
    // As tfjs's AdamOptimizer.setWeights: beta^(iterations + 1) for the next step.
    this.accBeta1 = Math.fround(Math.pow(Math.fround(BETA1), iterations + 1));
    this.accBeta2 = Math.fround(Math.pow(Math.fround(BETA2), iterations + 1));
    if (slots.length === 0) return;
    const expected = this.slots.length * this.params.length;
    if (slots.length !== expected) throw new Error(`fused optimizer: ${slots.length} slot arrays for ${this.kind}, expected ${expected}`);
    this.slots.forEach((perParam, s) => perParam.forEach((address, i) => heap.f32(address, this.params[i].n).set(slots[s * this.params.length + i])));
  }
}
