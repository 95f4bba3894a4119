/**
 * The fused dense training kernel (./assembly, compiled to WebAssembly with f32x4 SIMD at npm
 * install): its exports as typed functions over byte addresses in its memory, and a bump
 * allocator for the buffers a network lays out there. Loaded once per thread.
 */
import { KERNEL_WASM_BASE64 } from './kernel-wasm.generated';

/** Activation codes of the kernel (assembly/activations.ts). */
export const ACTIVATION_CODES: Readonly<Record<string, number>> = { linear: 0, relu: 1, elu: 2, selu: 3, tanh: 4, sigmoid: 5, softplus: 6, swish: 7 };

/** The kernel's exports (addresses are byte offsets into `memory`; counts are f32 elements). */
export interface KernelExports {
  readonly memory: WebAssembly.Memory;
  heapBase(): number;
  matmul(x: number, w: number, bias: number, out: number, rows: number, k: number, n: number): void;
  transpose(src: number, dst: number, k: number, n: number): void;
  gradients(x: number, d: number, gW: number, gb: number, rows: number, k: number, n: number): void;
  activate(z: number, y: number, n: number, kind: number): void;
  activateBackward(d: number, z: number, y: number, n: number, kind: number): void;
  seedDropout(seed: number): void;
  dropout(y: number, out: number, mask: number, n: number, keep: number): void;
  multiply(a: number, b: number, n: number): void;
  softmaxCrossEntropy(z: number, y: number, d: number, rows: number, classes: number, scale: number, stats: number): void;
  squaredError(z: number, y: number, d: number, rows: number, scale: number, stats: number): void;
  sumSquares(w: number, n: number): number;
  sgd(w: number, g: number, n: number, negLr: number, l2x2: number): void;
  momentum(w: number, g: number, acc: number, n: number, negLr: number, m: number, l2x2: number): void;
  adam(w: number, g: number, m: number, v: number, n: number, negLr: number, b1: number, o1: number, b2: number, o2: number, c1: number, c2: number, eps: number, l2x2: number): void;
  rmsprop(w: number, g: number, ms: number, mom: number, n: number, lr: number, rho: number, o: number, momentum: number, eps: number, l2x2: number): void;
}

let compiled: Promise<WebAssembly.Module> | null = null;

function wasmBytes(): Uint8Array {
  const text = atob(KERNEL_WASM_BASE64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** A fresh instance (own memory) of the kernel; compiled once per thread. */
export async function instantiateKernel(): Promise<KernelExports> {
  compiled ??= WebAssembly.compile(wasmBytes() as Uint8Array<ArrayBuffer>);
  const instance = await WebAssembly.instantiate(await compiled, {
    env: {
      abort: () => {
        throw new Error('fused kernel: abort');
      },
    },
  });
  return instance.exports as unknown as KernelExports;
}

/** Lays f32 buffers out in a kernel's memory (16-byte aligned), growing it as needed. */
export class KernelHeap {
  private next: number;

  constructor(private readonly kernel: KernelExports) {
    this.next = align(kernel.heapBase());
  }

  /** Address of a new zeroed buffer of `count` f32 values. */
  alloc(count: number): number {
    const address = this.next;
    this.next = align(address + count * 4);
    const needed = this.next - this.kernel.memory.buffer.byteLength;
    if (needed > 0) this.kernel.memory.grow(Math.ceil(needed / 65536));
    return address;
  }

  /** A view of `count` f32 values at `address` (views go stale when memory grows: take them late). */
  f32(address: number, count: number): Float32Array {
    return new Float32Array(this.kernel.memory.buffer, address, count);
  }

  /** A view of `count` f64 values at `address` (8-aligned). */
  f64(address: number, count: number): Float64Array {
    return new Float64Array(this.kernel.memory.buffer, address, count);
  }
}

function align(address: number): number {
  return (address + 15) & ~15;
}
