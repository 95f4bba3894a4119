/** Training workers in the browser: Comlink-wrapped module workers. */
import * as Comlink from 'comlink';
import type { RunWorkerApi } from '../protocol';
import type { SpawnWorker, WorkerHandle } from './worker-handle';

/** Starts one module worker running `workers/run.worker.ts`. */
export const spawnBrowserWorker: SpawnWorker = (id: string): WorkerHandle => {
  const worker = new Worker(new URL('../../workers/run.worker.ts', import.meta.url), { type: 'module', name: `tabtune-${id}` });
  const api = Comlink.wrap<RunWorkerApi>(worker);
  const listeners: ((reason: string) => void)[] = [];
  let crashed = false;
  const crash = (reason: string): void => {
    if (crashed) return;
    crashed = true;
    for (const listener of listeners) listener(reason);
  };
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    crash(`worker crashed: ${event.message || 'uncaught error (out of memory?)'}`);
  });
  worker.addEventListener('messageerror', () => crash('worker crashed: a message could not be deserialized'));
  return {
    id,
    api,
    onCrash: (listener) => listeners.push(listener),
    terminate: () => {
      crashed = true;
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
};
