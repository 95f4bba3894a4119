/**
 * DepthwiseConv2dNativeBackpropFilter and DepthwiseConv2dNativeBackpropInput for the wasm backend,
 * which has neither. A depthwise convolution does little arithmetic per byte (one multiply-add per
 * tap and channel), so both are one direct pass over the taps in JS on the heap's typed arrays,
 * strides, dilations and paddings included; no GEMM would pay for its packing here.
 */
import { backend_util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { DepthwiseConv2dNativeBackpropFilterAttrs, DepthwiseConv2dNativeBackpropInputAttrs } from '@tensorflow/tfjs-core';
import { floatView, geometryOf, type HeapBackend } from './backend';
import type { ConvGeometry } from './im2col';

type Target = 'filter' | 'input';

/**
 * For every tap (n, oh, ow, fh, fw) inside the input and every channel c and multiplier q:
 * target "filter": `w[fh, fw, c, q] += x[n, ih, iw, c] * dy[n, oh, ow, c*mult + q]`;
 * target "input": `x[n, ih, iw, c] += dy[...] * w[...]`. The target array must start zeroed.
 */
function accumulateTaps(g: ConvGeometry, mult: number, x: Float32Array, dy: Float32Array, w: Float32Array, target: Target): void {
  const channels = g.inChannels;
  const outDepth = channels * mult;
  for (let n = 0; n < g.batch; n++) {
    for (let oh = 0; oh < g.outHeight; oh++) {
      for (let ow = 0; ow < g.outWidth; ow++) {
        const yBase = ((n * g.outHeight + oh) * g.outWidth + ow) * outDepth;
        for (let fh = 0; fh < g.filterHeight; fh++) {
          const ih = oh * g.strideHeight + fh * g.dilationHeight - g.padTop;
          if (ih < 0 || ih >= g.inHeight) continue;
          for (let fw = 0; fw < g.filterWidth; fw++) {
            const iw = ow * g.strideWidth + fw * g.dilationWidth - g.padLeft;
            if (iw < 0 || iw >= g.inWidth) continue;
            const xBase = ((n * g.inHeight + ih) * g.inWidth + iw) * channels;
            const wBase = (fh * g.filterWidth + fw) * outDepth;
            for (let c = 0; c < channels; c++) {
              for (let q = 0, k = c * mult; q < mult; q++, k++) {
                if (target === 'filter') w[wBase + k] += x[xBase + c] * dy[yBase + k];
                else x[xBase + c] += dy[yBase + k] * w[wBase + k];
              }
            }
          }
        }
      }
    }
  }
}

type FilterArgs = { inputs: { x: TensorInfo; dy: TensorInfo }; backend: HeapBackend; attrs: DepthwiseConv2dNativeBackpropFilterAttrs };
type InputArgs = { inputs: { dy: TensorInfo; filter: TensorInfo }; backend: HeapBackend; attrs: DepthwiseConv2dNativeBackpropInputAttrs };

const FILTER = 'DepthwiseConv2dNativeBackpropFilter';
const INPUT = 'DepthwiseConv2dNativeBackpropInput';

function depthwiseInfo(xShape: number[], filterShape: number[], attrs: DepthwiseConv2dNativeBackpropInputAttrs | DepthwiseConv2dNativeBackpropFilterAttrs): backend_util.Conv2DInfo {
  const { strides, dilations, pad, dimRoundingMode } = attrs;
  return backend_util.computeConv2DInfo(xShape as [number, number, number, number], filterShape as [number, number, number, number], strides, dilations, pad, dimRoundingMode, true);
}

function backpropFilter({ inputs, backend, attrs }: FilterArgs): TensorInfo {
  const { x, dy } = inputs;
  const g = geometryOf(depthwiseInfo(x.shape, attrs.filterShape, attrs), FILTER);
  const out = backend.makeOutput([...attrs.filterShape], 'float32');
  const dw = floatView(backend, out, FILTER);
  dw.fill(0);
  accumulateTaps(g, attrs.filterShape[3], floatView(backend, x, FILTER), floatView(backend, dy, FILTER), dw, 'filter');
  return out;
}

function backpropInput({ inputs, backend, attrs }: InputArgs): TensorInfo {
  const { dy, filter } = inputs;
  const g = geometryOf(depthwiseInfo(attrs.inputShape, filter.shape, attrs), INPUT);
  const out = backend.makeOutput([...attrs.inputShape], 'float32');
  const dx = floatView(backend, out, INPUT);
  dx.fill(0);
  accumulateTaps(g, filter.shape[3], dx, floatView(backend, dy, INPUT), floatView(backend, filter, INPUT), 'input');
  return out;
}

export const depthwiseBackpropFilterConfig: KernelConfig = { kernelName: FILTER, backendName: 'wasm', kernelFunc: backpropFilter as unknown as KernelFunc };
export const depthwiseBackpropInputConfig: KernelConfig = { kernelName: INPUT, backendName: 'wasm', kernelFunc: backpropInput as unknown as KernelFunc };
