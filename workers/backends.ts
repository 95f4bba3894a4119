/**
 * tfjs backend setup inside a browser worker (or page). Handles the traps measured in
 * shared/BROWSER.md: wasm binaries located through Vite `?url` imports, threaded wasm disabled
 * (it hangs in minified cross-origin-isolated builds), the WebGPU backend imported only where
 * `navigator.gpu` exists (it registers itself at import time), and a timeout on every
 * `setBackend`, which can otherwise never resolve. The wasm backend gets tabtune's convolution
 * gradient kernels (wasm-grads/), so a cnn trains there.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { activateBackend, DEFAULT_BACKEND_TIMEOUT_MS, tfjsBackendOf } from './backend-activation';
import { registerWasmGradients } from './wasm-grads';

/** The backends tabtune can train on, fastest-on-a-real-GPU first. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'wasm-fused' | 'cpu';

/** All backends in preference order (STYLE: webgpu, then webgl, then wasm, then cpu; the fused mlp path rides on wasm). */
export const BACKEND_NAMES: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'wasm-fused', 'cpu'];

let wasmConfigured = false;
let webgpuImported: Promise<boolean> | null = null;

function configureWasm(): void {
  if (wasmConfigured) return;
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  registerWasmGradients();
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlainUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
  });
  wasmConfigured = true;
}

/** Imports the WebGPU backend once, only when this context has `navigator.gpu`. */
function ensureWebgpu(): Promise<boolean> {
  webgpuImported ??= (async () => {
    if (!('gpu' in navigator) || !navigator.gpu) return false;
    await import('@tensorflow/tfjs-backend-webgpu');
    return tf.findBackendFactory('webgpu') !== null;
  })();
  return webgpuImported;
}

/**
 * Makes `name` the active tfjs backend and waits until it is ready. Rejects with a message that
 * names the backend when it is unavailable here, fails to initialise, or exceeds `timeoutMs`.
 */
export async function setBackend(name: BackendName, timeoutMs = DEFAULT_BACKEND_TIMEOUT_MS): Promise<void> {
  const tfName = tfjsBackendOf(name);
  if (tfName === 'wasm') configureWasm();
  if (tfName === 'webgpu' && !(await ensureWebgpu())) {
    throw new Error('backend "webgpu" is not available here (no navigator.gpu)');
  }
  await activateBackend(tfName, timeoutMs);
}
