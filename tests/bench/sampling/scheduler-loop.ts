/**
 * Drives tabtune's scheduler as a host does, with the sampler's commands answered in-process:
 * `suggest` and `fit` are answered in the order the step emits them, i.e. a fit is ready before
 * the next suggestion (in the page it runs in its own worker while the run trains). Runs finish
 * oldest first, `inFlight` at a time; each logs its objective value once. The suggest times are
 * the times of `suggest` answers (what a free worker waits for), fit times apart.
 */
import { createPolicy } from '../../../src/core/policies';
import { answer, createScheduler, type SamplerCommand, type SchedulerEvent } from '../../../src/core/scheduler';
import type { Sampler } from '../../../src/core/sampling';
import type { Space } from '../../../src/core/space';
import type { ParamValues } from '../../../src/core/types';

export interface SchedulerTrace {
  readonly params: ParamValues[];
  readonly values: number[];
  /** Milliseconds of each suggest answer, with the history length it saw. */
  readonly suggests: { readonly history: number; readonly ms: number }[];
  readonly fitsMs: number[];
}

/** `runs` runs of `sampler` on `observe` (the value told for the k-th finished run). */
export async function schedulerLoop(
  sampler: Sampler,
  space: Space,
  observe: (params: ParamValues, k: number) => number | Promise<number>,
  runs: number,
  inFlight: number,
  seed: number,
): Promise<SchedulerTrace> {
  const scheduler = createScheduler({ space, sampler, policy: createPolicy({ type: 'none' }, 'y') });
  let state = scheduler.init({ experimentId: 'b', primaryMetricName: 'y', goal: 'minimize', seed, maxTotalRuns: runs, maxConcurrentRuns: inFlight });
  const trace: SchedulerTrace = { params: [], values: [], suggests: [], fitsMs: [] };
  const queue: SchedulerEvent[] = [{ type: 'start', at: 0 }];
  for (let w = 0; w < inFlight; w++) queue.push({ type: 'workerFree', workerId: `w${w}`, at: 0 });
  const running: { runId: string; workerId: string; params: ParamValues }[] = [];
  while (state.endedAt === undefined) {
    const event = queue.shift() ?? (await finishOldest(running.shift(), trace, observe, queue));
    if (!event) throw new Error(`scheduler stalled at ${trace.values.length} runs`);
    const [next, commands] = scheduler.step(state, event);
    state = next;
    for (const command of commands) {
      if (command.type === 'startRun') {
        running.push({ runId: command.runId, workerId: command.workerId, params: command.params });
        queue.push({ type: 'runStarted', runId: command.runId, at: 0 });
      }
      if (command.type === 'suggest' || command.type === 'fit') queue.push(timed(sampler, space, command, trace));
    }
  }
  return trace;
}

function timed(sampler: Sampler, space: Space, command: SamplerCommand, trace: SchedulerTrace): SchedulerEvent {
  const start = performance.now();
  const event = answer(sampler, space, command, 0);
  const ms = performance.now() - start;
  if (command.type === 'suggest') trace.suggests.push({ history: command.batch.history.length, ms });
  else trace.fitsMs.push(ms);
  if ('error' in event && event.error) throw new Error(event.error);
  return event;
}

/** The oldest run's log, returned; its `runFinished` and `workerFree` go into `queue` after it. */
async function finishOldest(
  run: { runId: string; workerId: string; params: ParamValues } | undefined,
  trace: SchedulerTrace,
  observe: (params: ParamValues, k: number) => number | Promise<number>,
  queue: SchedulerEvent[],
): Promise<SchedulerEvent | undefined> {
  if (!run) return undefined;
  const value = await observe(run.params, trace.values.length);
  trace.params.push(run.params);
  trace.values.push(value);
  queue.push({ type: 'runFinished', runId: run.runId, at: 0 }, { type: 'workerFree', workerId: run.workerId, at: 0 });
  return { type: 'runLogged', runId: run.runId, name: 'y', value, at: 0 };
}
