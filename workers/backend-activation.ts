/**
 * Switching tfjs to a backend, shared by the browser worker (backends.ts) and Node threads
 * (node-backends.ts): `tf.setBackend` can hang forever on a broken adapter or wasm load, so every
 * switch runs under a timeout and is checked against the backend tfjs actually runs afterwards.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainingBackend } from '../src/protocol';

/** Default time allowed for one backend to initialise, in milliseconds. */
export const DEFAULT_BACKEND_TIMEOUT_MS = 20_000;

/**
 * The tfjs backend behind a training backend: `wasm-fused` builds, checkpoints and evaluates its
 * models on tfjs wasm (only the training step of an `mlp` leaves tfjs).
 */
export function tfjsBackendOf(name: TrainingBackend): Exclude<TrainingBackend, 'wasm-fused'> {
  return name === 'wasm-fused' ? 'wasm' : name;
}

/** `promise`, or a rejection naming `what` when it has not settled after `ms` milliseconds. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
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

/**
 * Makes `name` the active tfjs backend and waits until it is ready; rejects naming the backend
 * when it fails to initialise or exceeds `timeoutMs`. Callers do their platform setup first.
 */
export async function activateBackend(name: string, timeoutMs = DEFAULT_BACKEND_TIMEOUT_MS): Promise<void> {
  const ok = await withTimeout(tf.setBackend(name), timeoutMs, `backend "${name}" initialisation`);
  if (!ok) throw new Error(`backend "${name}" failed to initialise`);
  await tf.ready();
  if (tf.getBackend() !== name) throw new Error(`backend "${name}" requested but tfjs runs "${tf.getBackend()}"`);
}
