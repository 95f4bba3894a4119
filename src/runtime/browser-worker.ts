/** Training workers in the browser: Comlink-wrapped module workers. */
import * as Comlink from 'comlink';
import type { RunWorkerApi } from '../protocol';
import { comlinkHandle, type SpawnWorker, type WorkerHandle } from './worker-handle';

/** Starts one module worker running `workers/run.worker.ts`. */
export const spawnBrowserWorker: SpawnWorker = (id: string): WorkerHandle => {
  const worker = new Worker(new URL('../../workers/run.worker.ts', import.meta.url), { type: 'module', name: `tabtune-${id}` });
  const api = Comlink.wrap<RunWorkerApi>(worker);
  const { handle, crash } = comlinkHandle(id, api, () => worker.terminate());
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    crash(`worker crashed: ${event.message || 'uncaught error (out of memory?)'}`);
  });
  worker.addEventListener('messageerror', () => crash('worker crashed: a message could not be deserialized'));
  return handle;
};
