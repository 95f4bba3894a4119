/**
 * tfjs backend setup for Node worker_threads (`tabtune run`). Only wasm and cpu exist in Node here
 * (tfjs-node cannot be installed); the wasm backend finds its binaries on disk, so no
 * `setWasmPaths`. Threaded wasm stays off, as in the browser.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { activateBackend, DEFAULT_BACKEND_TIMEOUT_MS, tfjsBackendOf } from './backend-activation';
import type { BackendEnv } from './run-api';
import { registerWasmGradients } from './wasm-grads';
import type { TrainingBackend } from '../src/protocol';

// Production mode silences tfjs's console hints ("install our node backend"), which would
// interleave with the CLI's progress output.
tf.enableProdMode();

/** Makes `name` the active backend in this Node thread; webgpu and webgl are unavailable here. */
export async function setNodeBackend(name: TrainingBackend, timeoutMs = DEFAULT_BACKEND_TIMEOUT_MS): Promise<void> {
  const tfName = tfjsBackendOf(name);
  if (tfName !== 'wasm' && tfName !== 'cpu') throw new Error(`backend "${name}" is not available in Node (use wasm, wasm-fused or cpu)`);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (tfName === 'wasm') registerWasmGradients();
  await activateBackend(tfName, timeoutMs);
}

export const nodeBackendEnv: BackendEnv = { setBackend: setNodeBackend, candidates: ['wasm', 'wasm-fused', 'cpu'] };
