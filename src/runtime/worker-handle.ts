/** A training worker as the pool sees it, whichever environment made it. */
import * as Comlink from 'comlink';
import type { Remote } from 'comlink';
import type { RunWorkerApi } from '../protocol';

export interface WorkerHandle {
  readonly id: string;
  readonly api: Remote<RunWorkerApi>;
  /** Calls `listener` once if the worker dies on its own (uncaught error, exit, out of memory). */
  onCrash(listener: (reason: string) => void): void;
  /** Ends the worker now; pending calls never settle. */
  terminate(): void;
}

/** Starts a worker named `id`. */
export type SpawnWorker = (id: string) => WorkerHandle;

/**
 * The crash half of a `WorkerHandle`, shared by both environments: `crash` tells every listener
 * once; after `end` (our own terminate) nothing is reported.
 */
export function crashSignal(): { crash(reason: string): void; onCrash(listener: (reason: string) => void): void; end(): void } {
  const listeners: ((reason: string) => void)[] = [];
  let ended = false;
  return {
    crash: (reason) => {
      if (ended) return;
      ended = true;
      for (const listener of listeners) listener(reason);
    },
    onCrash: (listener) => void listeners.push(listener),
    end: () => {
      ended = true;
    },
  };
}

/**
 * A `WorkerHandle` over a Comlink-wrapped `api`; `terminateWorker` ends the underlying worker.
 * The environment reports its worker's own death through the returned `crash`.
 */
export function comlinkHandle(id: string, api: Remote<RunWorkerApi>, terminateWorker: () => void): { handle: WorkerHandle; crash(reason: string): void } {
  const { crash, onCrash, end } = crashSignal();
  const terminate = (): void => {
    end();
    api[Comlink.releaseProxy]();
    terminateWorker();
  };
  return { crash, handle: { id, api, onCrash, terminate } };
}
