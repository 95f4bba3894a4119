/**
 * The training worker's surface, independent of where it runs: the browser module worker and the
 * Node worker_threads worker each pass their own backend setup and expose the result via Comlink.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import type { EncodedDataset } from '../src/core/data/types';
import type { RunWorkerApi, TrainHooks, TrainingBackend, TrainRequest, TrainResult } from '../src/protocol';
import { calibrate } from './training/calibrate';
import { datasetTensors, disposeDataset, type DatasetTensors } from './training/data';
import { trainRun } from './training/train';

/** How this environment makes a backend active and which ones it can try. */
export interface BackendEnv {
  setBackend(name: TrainingBackend, timeoutMs?: number): Promise<void>;
  /** Candidate backends here, in preference order (not yet initialised). */
  readonly candidates: readonly TrainingBackend[];
  /** Why the active backend can no longer be used (a lost GPU device), or null. */
  lostReason?(): string | null;
}

/** Creates the worker API over `env`. */
export function createRunWorkerApi(env: BackendEnv): RunWorkerApi {
  let dataset: EncodedDataset | null = null;
  let tensors: DatasetTensors | null = null;
  /** The training backend last made active by `useBackend` (tfjs reports only its own name). */
  let active: TrainingBackend | null = null;
  const stops = new Set<string>();

  const dropTensors = (): void => {
    if (tensors) disposeDataset(tensors);
    tensors = null;
  };
  const ensureTensors = (): DatasetTensors => {
    if (!dataset) throw new Error('worker: no dataset loaded (call loadDataset first)');
    tensors ??= datasetTensors(dataset);
    return tensors;
  };

  return {
    async useBackend(name) {
      if (active === name && tensors) return name;
      dropTensors();
      active = null;
      await env.setBackend(name);
      active = name;
      return name === 'wasm-fused' ? name : tf.getBackend();
    },
    async loadDataset(next) {
      dropTensors();
      dataset = next;
    },
    async calibrate(request) {
      if (!dataset) throw new Error('worker: no dataset loaded (call loadDataset first)');
      dropTensors();
      active = null;
      return calibrate(dataset, request, request.backends ?? env.candidates, (name, timeoutMs) => env.setBackend(name, timeoutMs));
    },
    async train(request: TrainRequest, hooks: TrainHooks): Promise<TrainResult> {
      try {
        const data = ensureTensors();
        const control = {
          stopRequested: () => {
            const lost = env.lostReason?.();
            if (lost) throw new Error(lost);
            return stops.has(request.runId);
          },
        };
        return await trainRun(data, request, hooks, control, { fused: active === 'wasm-fused' });
      } finally {
        stops.delete(request.runId);
        releaseHooks(hooks);
      }
    },
    stop(runId) {
      stops.add(runId);
    },
    memory() {
      const { numTensors, numBytes } = tf.memory();
      return { numTensors, numBytes, backend: tf.getBackend() };
    },
  };
}

/** Closes the port of a Comlink-proxied `hooks` (it would keep a Node process alive); no-op for a plain object. */
function releaseHooks(hooks: TrainHooks): void {
  const release = (hooks as unknown as Record<symbol, unknown>)[Comlink.releaseProxy];
  if (typeof release === 'function') release.call(hooks);
}
