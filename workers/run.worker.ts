/**
 * The browser training worker (a module worker per pool slot): the shared training API over the
 * browser backend setup of backends.ts, exposed with Comlink. Watches the WebGPU device so that a
 * lost device fails the run in progress (and the host replaces this worker).
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { BACKEND_NAMES, setBackend, type BackendName } from './backends';
import { createRunWorkerApi } from './run-api';

let lost: string | null = null;

/** Listens for the loss of the WebGPU device tfjs uses (driver reset, GPU process crash). */
function watchDevice(): void {
  const backend = tf.backend() as unknown as { device?: { lost?: Promise<{ message?: string; reason?: string }> } };
  backend.device?.lost?.then((info) => {
    lost = `GPU device lost: ${info.message || info.reason || 'unknown reason'}`;
  });
}

async function use(name: BackendName, timeoutMs?: number): Promise<void> {
  if (lost) throw new Error(lost);
  await setBackend(name, timeoutMs);
  if (name === 'webgpu') watchDevice();
}

Comlink.expose(createRunWorkerApi({ setBackend: use, candidates: BACKEND_NAMES, lostReason: () => lost }));
