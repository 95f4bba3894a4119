/**
 * Conv2DBackpropInput for the wasm backend, replacing tfjs's own (a scalar C++ loop, ~10x slower
 * than its forward convolution): dx is the forward convolution of dy (stride > 1: spread onto a
 * zero grid first) with the filter rotated by 180 degrees and its channel axes swapped, padded
 * by filter - 1 - pad, run by the backend's XNNPACK Conv2D. Where that padding would be negative
 * (explicit pads wider than the filter), it is 0 and the surplus rows and columns are sliced off.
 * NCHW goes to the original kernel.
 */
import { backend_util, type Conv2DBackpropInputAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import { floatView, runWasmKernel, type HeapBackend } from './backend';
import { dilatedRows, flippedTransposedFilter } from './im2col';

const NAME = 'Conv2DBackpropInput';

type Args = { inputs: { dy: TensorInfo; filter: TensorInfo }; backend: HeapBackend; attrs: Conv2DBackpropInputAttrs };

/** dy spread by the strides (itself, with one more reference, at stride 1). */
function spreadDy(backend: HeapBackend, dy: TensorInfo, strideHeight: number, strideWidth: number): TensorInfo {
  if (strideHeight === 1 && strideWidth === 1) return runWasmKernel(backend, 'Identity', { x: dy });
  const [n, h, w, c] = dy.shape;
  const out = backend.makeOutput([n, (h - 1) * strideHeight + 1, (w - 1) * strideWidth + 1, c], 'float32');
  dilatedRows(floatView(backend, dy, NAME), dy.shape, strideHeight, strideWidth, floatView(backend, out, NAME));
  return out;
}

/** A KernelFunc that computes dx through the forward convolution; NCHW or non-float32 go to `fallback` (tfjs's own). */
export function conv2DBackpropInputVia(fallback: KernelFunc): KernelFunc {
  return ((args: Args) => {
    const { inputs, backend, attrs } = args;
    const { dy, filter } = inputs;
    const format = backend_util.convertConv2DDataFormat(attrs.dataFormat);
    const info = backend_util.computeConv2DInfo(attrs.inputShape, filter.shape as [number, number, number, number], attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, format);
    const spreadHeight = (info.outHeight - 1) * info.strideHeight + 1;
    const spreadWidth = (info.outWidth - 1) * info.strideWidth + 1;
    const top = info.filterHeight - 1 - info.padInfo.top;
    const left = info.filterWidth - 1 - info.padInfo.left;
    const bottom = info.inHeight - spreadHeight + info.padInfo.top;
    const right = info.inWidth - spreadWidth + info.padInfo.left;
    if (info.dataFormat !== 'channelsLast' || dy.dtype !== 'float32') return fallback(args as unknown as Parameters<KernelFunc>[0]);
    const flipped = backend.makeOutput([info.filterHeight, info.filterWidth, info.outChannels, info.inChannels], 'float32');
    flippedTransposedFilter(floatView(backend, filter, NAME), filter.shape, floatView(backend, flipped, NAME));
    const spread = spreadDy(backend, dy, info.strideHeight, info.strideWidth);
    const pad = [[0, 0], [Math.max(0, top), Math.max(0, bottom)], [Math.max(0, left), Math.max(0, right)], [0, 0]];
    const conv = runWasmKernel(backend, 'Conv2D', { x: spread, filter: flipped }, { strides: [1, 1], dilations: [1, 1], pad, dataFormat: 'NHWC' } as never);
    backend.disposeData(flipped.dataId);
    backend.disposeData(spread.dataId);
    if (top >= 0 && left >= 0 && bottom >= 0 && right >= 0) return conv;
    try {
      return runWasmKernel(backend, 'Slice', { x: conv }, { begin: [0, Math.max(0, -top), Math.max(0, -left), 0], size: [...attrs.inputShape] });
    } finally {
      backend.disposeData(conv.dataId);
    }
  }) as unknown as KernelFunc;
}

export const conv2DBackpropInputName = NAME;
