/**
 * The experiment state machine: `step(state, event) -> [state, commands]`. It decides, the host
 * acts: starting a worker, stopping a run and persisting are commands the runtime performs. Same
 * events in, same commands out (the sampler draws from `createRng(seed, runIndex)`), so a
 * scripted event list is a complete test and a reloaded tab can replay stored runs.
 *
 * Each step applies the event (run-events.ts, limits.ts), checks the deadline, refills idle
 * workers (refill.ts) and finishes the experiment when nothing is left to do.
 */
import type { Policy } from '../policies';
import { onFitted, onSuggested } from './asking';
import { checkDeadline, finishIfDone, onStart } from './limits';
import { fill, type SamplingDeps } from './refill';
import { restoreRuns } from './restore';
import { onCancelRun, onRunEnded, onRunLogged, onRunStarted, onWorkerLost } from './run-events';
import { Step } from './step';
import { stopStarting } from './stopping';
import type { RunRecord, SchedulerConfig, SchedulerEvent, SchedulerState, StepResult } from './types';

/** What the scheduler asks: the sampler for each new run, the policy on each primary log. */
export interface SchedulerDeps extends SamplingDeps {
  readonly policy: Policy;
}

/** A scheduler bound to its sampler and policy. */
export interface Scheduler {
  /**
   * The state before `start`: no workers, and the runs of an earlier session when resuming
   * (`restored`, see `restoreRuns`); without them, no runs.
   */
  init(config: SchedulerConfig, restored?: readonly RunRecord[]): SchedulerState;
  /** Applies one event; never throws for an unknown or stale run id (the event is ignored). */
  step(state: SchedulerState, event: SchedulerEvent): StepResult;
}

/** Creates the scheduler for one experiment's space, sampler and policy. */
export function createScheduler(deps: SchedulerDeps): Scheduler {
  const init = (config: SchedulerConfig, restored: readonly RunRecord[] = []): SchedulerState => ({
    config,
    status: 'running',
    runs: restoreRuns(restored),
    idleWorkers: [],
  });
  const step = (state: SchedulerState, event: SchedulerEvent): StepResult => {
    if (state.endedAt !== undefined) return [state, []];
    const s = new Step(state);
    apply(s, event, deps);
    checkDeadline(s, event.at);
    fill(s, deps, event.at);
    finishIfDone(s, event.at);
    return s.result();
  };
  return { init, step };
}

function apply(s: Step, event: SchedulerEvent, deps: SchedulerDeps): void {
  switch (event.type) {
    case 'start':
      return onStart(s, event.at);
    case 'workerFree':
      return s.freeWorker(event.workerId);
    case 'workerLost':
      return onWorkerLost(s, event.workerId, event.reason, event.at);
    case 'runStarted':
      return onRunStarted(s, event.runId, event.backend, event.at);
    case 'runLogged':
      return onRunLogged(s, event, deps.policy);
    case 'runFinished':
      return onRunEnded(s, event.runId, null, false, event.at, event.tensors);
    case 'runFailed':
      return onRunEnded(s, event.runId, event.reason, event.workerLost === true, event.at);
    case 'cancelRun':
      return onCancelRun(s, event.runId, event.at);
    case 'cancelExperiment':
      return stopStarting(s, { status: 'canceled', reason: 'canceled by user', hard: true }, event.at);
    case 'abort':
      return stopStarting(s, { status: 'failed', reason: event.reason, hard: true }, event.at);
    case 'tick':
      return;
    case 'suggested':
      return onSuggested(s, event, deps);
    case 'fitted':
      return onFitted(s, event, deps);
  }
}
