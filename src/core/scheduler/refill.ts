/**
 * Giving idle workers work: first runs that continue from a checkpoint, then new runs the sampler
 * suggests, within `maxConcurrentRuns` and `maxTotalRuns`. A freed worker is refilled at once by
 * a cheap sampler (random, grid: called inline) or as soon as the host answers the `suggest`
 * command of a sampler with a model (asking.ts).
 */
import { createRng } from '../rng';
import type { Sampler } from '../sampling';
import type { Space } from '../space';
import type { ParamValues } from '../types';
import { askForRuns } from './asking';
import { inFlight, pendingParams, samplerHistory } from './runs';
import { isWaiting, type Step } from './step';
import { stopStarting } from './stopping';
import type { SchedulerState } from './types';

/** What a new run needs: the space and the sampler that draws from it. */
export interface SamplingDeps {
  readonly space: Space;
  readonly sampler: Sampler;
}

/** Run id of the run at `index`: HyperDrive's `<experiment>_<index>`. */
export function runId(experimentId: string, index: number): string {
  return `${experimentId}_${index}`;
}

/** Why no further run may start now, or null when one may (given a free worker). */
export function startBlocker(state: SchedulerState): 'stopped' | 'concurrency' | 'total' | null {
  if (state.startedAt === undefined) return 'stopped';
  if (state.stopStarting) return 'stopped';
  if (state.runs.length >= state.config.maxTotalRuns) return 'total';
  const max = state.config.maxConcurrentRuns ?? Number.POSITIVE_INFINITY;
  if (inFlight(state).length >= max) return 'concurrency';
  return null;
}

/**
 * Whether a waiting run may get a worker now: after `start`, unless a hard stop came, within
 * `maxConcurrentRuns` counted over runs that have a worker. A soft stop (maxTotalRuns, an
 * exhausted grid) does not hold it back: it is not a new run.
 */
function mayContinue(state: SchedulerState): boolean {
  if (state.startedAt === undefined || state.stopStarting?.hard) return false;
  const max = state.config.maxConcurrentRuns ?? Number.POSITIVE_INFINITY;
  return inFlight(state).filter((run) => !isWaiting(run)).length < max;
}

/** Gives the first idle worker to the first waiting run (start order); false when there is none. */
function continueOne(s: Step): boolean {
  // Waiting runs are queued, so in flight: the first of those is the first in start order.
  const run = inFlight(s.state).find(isWaiting);
  if (!run) return false;
  const workerId = s.takeWorker();
  s.setRun({ ...run, workerId });
  const continueFrom = run.continueFrom ?? run.intervals;
  s.commands.push({ type: 'startRun', runId: run.id, index: run.index, params: run.params, workerId, continueFrom });
  return true;
}

/** Starts a run on every idle worker the limits allow (a freed worker is refilled at once); waiting runs first. */
export function fill(s: Step, deps: SamplingDeps, at: number): void {
  while (s.state.idleWorkers.length > 0 && mayContinue(s.state)) {
    if (!continueOne(s)) break;
  }
  if (deps.sampler.fitting) askForRuns(s, deps);
  while (!deps.sampler.fitting && s.state.idleWorkers.length > 0 && startBlocker(s.state) === null) {
    if (!startOne(s, deps, at)) break;
  }
  if (startBlocker(s.state) === 'total') {
    stopStarting(s, { status: 'completed', reason: `maxTotalRuns (${s.state.config.maxTotalRuns}) reached`, hard: false }, at);
  }
}

/**
 * The sampler's suggestion for run `index`, or null when no run can start: the sampler failed
 * (the experiment fails) or has no configuration left (it completes).
 */
function suggest(s: Step, deps: SamplingDeps, index: number, at: number): ParamValues | null {
  const { config } = s.state;
  let params: ParamValues | null;
  try {
    const request = { space: deps.space, goal: config.goal, history: samplerHistory(s.state), pending: pendingParams(s.state), index, maxTotalRuns: config.maxTotalRuns };
    params = deps.sampler.suggest(request, createRng(config.seed, index));
  } catch (error) {
    // The sampler cannot go on (a bad space for grid, a numeric failure): the experiment fails.
    const message = error instanceof Error ? error.message : String(error);
    stopStarting(s, { status: 'failed', reason: `sampling failed: ${message}`, hard: true }, at);
    return null;
  }
  if (params === null) {
    stopStarting(s, { status: 'completed', reason: `${deps.sampler.type} sampling has no configuration left`, hard: false }, at);
  }
  return params;
}

/** Suggests and queues one run on the first idle worker; false when nothing more can start. */
function startOne(s: Step, deps: SamplingDeps, at: number): boolean {
  const params = suggest(s, deps, s.state.runs.length, at);
  if (params === null) return false;
  queueRun(s, params, at);
  return true;
}

/** Queues the next run with `params` on the first idle worker (callers check there is one). */
export function queueRun(s: Step, params: ParamValues, at: number): void {
  const { experimentId } = s.state.config;
  const index = s.state.runs.length;
  const workerId = s.takeWorker();
  const id = runId(experimentId, index);
  s.addRun({ id, experimentId, index, params, status: 'queued', workerId, queuedAt: at, metrics: {}, intervals: 0 });
  s.commands.push({ type: 'startRun', runId: id, index, params, workerId });
}
