/**
 * tfjs backend setup for Node worker_threads (`tabtune run`). Only wasm and cpu exist in Node here
 * (tfjs-node cannot be installed); the wasm backend finds its binaries on disk, so no
 * `setWasmPaths`. Threaded wasm stays off, as in the browser.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { BackendEnv } from './run-api';
import type { TrainingBackend } from '../src/protocol';

// Production mode silences tfjs's console hints ("install our node backend"), which would
// interleave with the CLI's progress output.
tf.enableProdMode();

/** Default time allowed for one backend to initialise, in milliseconds. */
const DEFAULT_TIMEOUT_MS = 20_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Makes `name` the active backend in this Node thread; webgpu and webgl are unavailable here. */
export async function setNodeBackend(name: TrainingBackend, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
  if (name !== 'wasm' && name !== 'cpu') throw new Error(`backend "${name}" is not available in Node (use wasm or cpu)`);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  const ok = await withTimeout(tf.setBackend(name), timeoutMs, `backend "${name}" initialisation`);
  if (!ok) throw new Error(`backend "${name}" failed to initialise`);
  await tf.ready();
  if (tf.getBackend() !== name) throw new Error(`backend "${name}" requested but tfjs runs "${tf.getBackend()}"`);
}

export const nodeBackendEnv: BackendEnv = { setBackend: setNodeBackend, candidates: ['wasm', 'cpu'] };
