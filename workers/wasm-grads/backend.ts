/**
 * The small part of the wasm backend's surface the gradient kernels use: heap-backed outputs,
 * typed-array views of the heap, and the backend's own kernels (called directly, outside the
 * engine, so nothing is taped and every intermediate is freed here).
 */
import * as tf from '@tensorflow/tfjs';
import { backend_util, type NamedAttrMap, type NamedTensorInfoMap, type TensorInfo } from '@tensorflow/tfjs';
import type { ConvGeometry } from './im2col';

/** What the kernels need of tfjs-backend-wasm's BackendWasm (structural, so no deep import). */
export interface HeapBackend {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  /** A view of the tensor's bytes in the wasm heap; invalid after the next allocation. */
  typedArrayFromHeap(info: TensorInfo): backend_util.TypedArray;
  disposeData(dataId: object): boolean;
}

/** Runs the wasm backend's registered kernel `name` directly; the caller disposes the result. */
export function runWasmKernel(backend: HeapBackend, name: string, inputs: NamedTensorInfoMap, attrs: NamedAttrMap = {}): TensorInfo {
  const kernel = tf.getKernel(name, 'wasm');
  if (!kernel) throw new Error(`wasm gradients: the wasm backend has no "${name}" kernel`);
  const out = kernel.kernelFunc({ inputs, attrs, backend: backend as unknown as tf.KernelBackend });
  if (Array.isArray(out)) throw new Error(`wasm gradients: "${name}" returned several tensors`);
  return out;
}

/** `info` viewed as `shape` (same data, one more reference; dispose it like any output). */
export function reshapeInfo(backend: HeapBackend, info: TensorInfo, shape: number[]): TensorInfo {
  return runWasmKernel(backend, 'Reshape', { x: info }, { shape });
}

/** A float32 view of `info` in the heap; throws naming the kernel for any other dtype. */
export function floatView(backend: HeapBackend, info: TensorInfo, kernel: string): Float32Array {
  if (info.dtype !== 'float32') throw new Error(`wasm ${kernel}: needs float32 tensors (got ${info.dtype})`);
  return backend.typedArrayFromHeap(info) as Float32Array;
}

/** The patch geometry of a tfjs Conv2DInfo; only NHWC (channelsLast) is supported. */
export function geometryOf(info: backend_util.Conv2DInfo, kernel: string): ConvGeometry {
  if (info.dataFormat !== 'channelsLast') throw new Error(`wasm ${kernel}: only dataFormat NHWC is supported (got ${info.dataFormat})`);
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    dilationHeight: info.dilationHeight,
    dilationWidth: info.dilationWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}
