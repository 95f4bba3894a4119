/**
 * A sampler worker: computes the scheduler's `suggest` and `fit` commands off the page's main
 * thread (src/runtime/sampler-runner.ts starts two, one for each kind). It keeps only the sampler,
 * the space, the observations it was sent (each crosses once: src/core/scheduler/history-delta.ts)
 * and the Bayesian sampler's memo of fits, which is a pure function of the history.
 */
import * as Comlink from 'comlink';
import { answer, HistoryReceiver, type SchedulerEvent, type WireSamplerCommand } from '../src/core/scheduler';
import { createSampler, type Sampler } from '../src/core/sampling';
import type { Space } from '../src/core/space';
import type { SamplingType } from '../src/core/types';
import type { SamplerWorkerApi } from '../src/protocol';

let bound: { sampler: Sampler; space: Space; receiver: HistoryReceiver } | null = null;

const api: SamplerWorkerApi = {
  init(type: SamplingType, space: Space): void {
    bound = { sampler: createSampler(type), space, receiver: new HistoryReceiver() };
  },
  answer(command: WireSamplerCommand): SchedulerEvent {
    if (!bound) throw new Error('sampler worker: answer before init');
    return answer(bound.sampler, bound.space, bound.receiver.decode(command), 0);
  },
};

Comlink.expose(api);
