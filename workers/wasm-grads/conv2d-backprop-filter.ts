/**
 * Conv2DBackpropFilter for the wasm backend: dW[fh, fw, c, o] = sum over (n, oh, ow) of
 * patch(x)[fh, fw, c; n, oh, ow] * dy[n, oh, ow, o]. The patches are gathered once in JS
 * (transposedPatches, memory-bound, about K x M float copies) and the contraction, which is all the
 * arithmetic, runs in the backend's BatchMatMul (XNNPACK SIMD GEMM; [K, M] x [M, O]).
 */
import { backend_util, type Conv2DBackpropFilterAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import { floatView, geometryOf, reshapeInfo, runWasmKernel, type HeapBackend } from './backend';
import { transposedPatches } from './im2col';

const NAME = 'Conv2DBackpropFilter';

function conv2DBackpropFilter(args: { inputs: { x: TensorInfo; dy: TensorInfo }; backend: HeapBackend; attrs: Conv2DBackpropFilterAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, dy } = inputs;
  const format = backend_util.convertConv2DDataFormat(attrs.dataFormat);
  const info = backend_util.computeConv2DInfo(x.shape as [number, number, number, number], attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, format);
  const g = geometryOf(info, NAME);
  const rows = g.filterHeight * g.filterWidth * g.inChannels;
  const columns = g.batch * g.outHeight * g.outWidth;
  const patches = backend.makeOutput([1, rows, columns], 'float32');
  transposedPatches(floatView(backend, x, NAME), g, floatView(backend, patches, NAME));
  const dy3 = reshapeInfo(backend, dy, [1, columns, info.outChannels]);
  try {
    const product = runWasmKernel(backend, 'BatchMatMul', { a: patches, b: dy3 }, { transposeA: false, transposeB: false });
    product.shape = [...attrs.filterShape];
    return product;
  } finally {
    backend.disposeData(patches.dataId);
    backend.disposeData(dy3.dataId);
  }
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: NAME,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter as unknown as KernelFunc,
};
