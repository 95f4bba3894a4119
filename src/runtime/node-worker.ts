/**
 * Training workers in Node (`tabtune run`, benches): worker_threads running the same training
 * code, over Comlink's Node adapter. The entry registers tsx in the thread before loading the
 * TypeScript worker.
 */
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { RunWorkerApi } from '../protocol';
import { comlinkHandle, type SpawnWorker, type WorkerHandle } from './worker-handle';

const ENTRY = new URL('../../workers/node-worker-entry.mjs', import.meta.url);

/** Starts one worker thread; `maxOldGenerationSizeMb` bounds its heap (an overrun is a crash, not a hang). */
export function nodeWorkerSpawner(options: { maxOldGenerationSizeMb?: number } = {}): SpawnWorker {
  return (id: string): WorkerHandle => {
    const worker = new Worker(ENTRY, {
      name: `tabtune-${id}`,
      ...(options.maxOldGenerationSizeMb ? { resourceLimits: { maxOldGenerationSizeMb: options.maxOldGenerationSizeMb } } : {}),
    });
    const api = Comlink.wrap<RunWorkerApi>(nodeEndpoint(worker));
    const { handle, crash } = comlinkHandle(id, api, () => void worker.terminate());
    worker.on('error', (error: Error) => crash(`worker crashed: ${error.message}`));
    worker.on('exit', (code: number) => crash(`worker exited (code ${code})`));
    return handle;
  };
}
