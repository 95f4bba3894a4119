/**
 * Convolution training on tfjs's wasm backend: the gradient kernels tfjs 4.22's wasm backend lacks
 * (Conv2DBackpropFilter, the depthwise convolution's two) or runs slowly (Conv2DBackpropInput,
 * MaxPoolGrad), registered in tfjs's kernel registry for backendName "wasm". Call once per thread
 * (worker) before training; later calls do nothing. Works before or after the backend starts.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { conv2DBackpropFilterConfig } from './conv2d-backprop-filter';
import { conv2DBackpropInputName, conv2DBackpropInputVia } from './conv2d-backprop-input';
import { depthwiseBackpropFilterConfig, depthwiseBackpropInputConfig } from './depthwise-grads';
import { maxPoolGradConfig } from './max-pool-grad';

let registered = false;

function replaceKernel(config: tf.KernelConfig): void {
  if (tf.getKernel(config.kernelName, 'wasm')) tf.unregisterKernel(config.kernelName, 'wasm');
  tf.registerKernel(config);
}

/** Registers tabtune's convolution gradient kernels for the wasm backend (idempotent). */
export function registerWasmGradients(): void {
  if (registered) return;
  registered = true;
  const original = tf.getKernel(conv2DBackpropInputName, 'wasm');
  if (!original) throw new Error(`wasm gradients: tfjs's wasm backend has no ${conv2DBackpropInputName} kernel to fall back on`);
  // The original's setupFunc binds its wasm function when the backend initialises; keep it for the fallback.
  replaceKernel({ ...original, kernelFunc: conv2DBackpropInputVia(original.kernelFunc) });
  replaceKernel(conv2DBackpropFilterConfig);
  replaceKernel(maxPoolGradConfig);
  replaceKernel(depthwiseBackpropFilterConfig);
  replaceKernel(depthwiseBackpropInputConfig);
}
