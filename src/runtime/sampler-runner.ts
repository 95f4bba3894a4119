/**
 * Where the scheduler's `suggest` and `fit` commands are computed. In the page: two Comlink
 * workers (sampler.worker.ts), one for suggestions and one for fits, so a suggestion never queues
 * behind a refit and neither blocks the main thread. In Node (the CLI, tests): inline, after the
 * current dispatch. Both compute the answer with the scheduler's own `answer`.
 */
import * as Comlink from 'comlink';
import { answer, HistorySender, type SamplerCommand, type SamplingDeps, type SchedulerEvent } from '../core/scheduler';
import type { Space } from '../core/space';
import type { SamplingType } from '../core/types';
import type { SamplerWorkerApi } from '../protocol';

/** Answers sampler commands; the answer's `at` is filled in by the host. */
export interface SamplerRunner {
  run(command: SamplerCommand): Promise<SchedulerEvent>;
  /** Ends its workers; answers still pending never arrive. */
  close(): void;
}

/** Computes answers in this thread, each in a task of its own after the current one. */
export function inlineSamplerRunner(deps: SamplingDeps): SamplerRunner {
  return {
    run: (command) => new Promise((resolve) => setTimeout(() => resolve(answer(deps.sampler, deps.space, command, 0)), 0)),
    close: () => undefined,
  };
}

interface SamplerWorker {
  readonly api: Comlink.Remote<SamplerWorkerApi>;
  readonly worker: Worker;
  /** What this worker has been sent of the history (each observation crosses once). */
  readonly sender: HistorySender;
}

function startSamplerWorker(name: string, type: SamplingType, space: Space): SamplerWorker {
  const worker = new Worker(new URL('../../workers/sampler.worker.ts', import.meta.url), { type: 'module', name });
  const api = Comlink.wrap<SamplerWorkerApi>(worker);
  void api.init(type, space);
  return { api, worker, sender: new HistorySender() };
}

function ask(target: SamplerWorker, command: SamplerCommand): Promise<SchedulerEvent> {
  return target.api.answer(target.sender.encode(command));
}

/** Two sampler workers in the page: suggestions in one, fits in the other. */
export function workerSamplerRunner(type: SamplingType, space: Space): SamplerRunner {
  const suggester = startSamplerWorker('tabtune-sampler', type, space);
  const fitter = startSamplerWorker('tabtune-fitter', type, space);
  return {
    run: (command) => ask(command.type === 'suggest' ? suggester : fitter, command),
    close: () => {
      for (const { api, worker } of [suggester, fitter]) {
        api[Comlink.releaseProxy]();
        worker.terminate();
      }
    },
  };
}
