/**
 * Samplers with a model (`Sampler.fitting`, Bayesian) are not called inside `step`: a suggestion
 * costs milliseconds and a hyperparameter fit up to hundreds, which must not block the page. The
 * step asks instead, with the history snapshot the answer needs:
 * - `suggest`: a batch of configurations for the idle workers, answered by `suggested`;
 * - `fit`: the model's hyperparameters whenever the sampler's fit target moves, answered by `fitted`.
 * A suggestion uses the latest fit received and never waits for a newer one, so a free worker
 * waits only for a suggestion. Given the same events in the same order, the commands are the same;
 * what timing changes is only which fit a suggestion uses, i.e. whether `fitted` came first.
 */
import { fitModel, suggestBatch, type HistorySnapshot, type Sampler } from '../sampling';
import type { Space } from '../space';
import { queueRun, startBlocker, type SamplingDeps } from './refill';
import { inFlight, pendingParams, samplerHistory } from './runs';
import type { Step } from './step';
import { stopStarting } from './stopping';
import type { SamplerCommand, SchedulerEvent, SchedulerState } from './types';

function snapshotOf(state: SchedulerState): HistorySnapshot {
  return { goal: state.config.goal, history: samplerHistory(state), pending: pendingParams(state) };
}

/** Asks for suggestions for the idle workers the limits allow, unless a batch is outstanding. */
export function askForRuns(s: Step, deps: SamplingDeps): void {
  const { state } = s;
  if (state.suggesting || state.idleWorkers.length === 0 || startBlocker(state) !== null) return;
  const { maxTotalRuns, maxConcurrentRuns = Number.POSITIVE_INFINITY, seed } = state.config;
  const count = Math.min(state.idleWorkers.length, maxTotalRuns - state.runs.length, maxConcurrentRuns - inFlight(state).length);
  const index = state.runs.length;
  const snapshot = snapshotOf(state);
  s.state = { ...state, suggesting: { index, count } };
  s.commands.push({ type: 'suggest', batch: { ...snapshot, index, count, seed, maxTotalRuns, ...(state.fitted ? { fitted: state.fitted } : {}) } });
  askForFit(s, deps, snapshot);
}

/** Asks for a fit when the sampler's target moved past the latest fit, unless one is outstanding. */
function askForFit(s: Step, deps: SamplingDeps, snapshot: HistorySnapshot): void {
  if (s.state.fitting !== undefined || !deps.sampler.fitting) return;
  const target = deps.sampler.fitting.target({ space: deps.space, ...snapshot, index: 0 });
  if (target === null || target === s.state.fitted?.size) return;
  s.state = { ...s.state, fitting: target };
  s.commands.push({ type: 'fit', size: target, snapshot });
}

/** Queues the suggested runs on idle workers, in order, as far as workers and limits allow. */
export function onSuggested(s: Step, event: Extract<SchedulerEvent, { type: 'suggested' }>, deps: SamplingDeps): void {
  if (s.state.suggesting?.index !== event.index) return;
  s.state = { ...s.state, suggesting: undefined };
  if (event.error !== undefined) {
    stopStarting(s, { status: 'failed', reason: `sampling failed: ${event.error}`, hard: true }, event.at);
    return;
  }
  for (const params of event.params) {
    if (s.state.idleWorkers.length === 0 || startBlocker(s.state) !== null) return;
    if (params === null) {
      stopStarting(s, { status: 'completed', reason: `${deps.sampler.type} sampling has no configuration left`, hard: false }, event.at);
      return;
    }
    queueRun(s, params, event.at);
  }
}

/** Keeps the fit for later suggestions, and asks for the next one if the history moved on meanwhile. */
export function onFitted(s: Step, event: Extract<SchedulerEvent, { type: 'fitted' }>, deps: SamplingDeps): void {
  if (s.state.fitting !== event.size) return;
  s.state = { ...s.state, fitting: undefined };
  if (event.error !== undefined) {
    stopStarting(s, { status: 'failed', reason: `sampling failed: ${event.error}`, hard: true }, event.at);
    return;
  }
  if (!event.fitted) return;
  s.state = { ...s.state, fitted: event.fitted };
  if (startBlocker(s.state) === null) askForFit(s, deps, snapshotOf(s.state));
}

/**
 * The event that answers `command` (a `suggest` or a `fit`), computed in this thread: what a host
 * without a sampler worker does (Node, tests), and what the sampler worker computes.
 */
export function answer(sampler: Sampler, space: Space, command: SamplerCommand, at: number): SchedulerEvent {
  try {
    if (command.type === 'suggest') {
      return { type: 'suggested', index: command.batch.index, params: suggestBatch(sampler, space, command.batch), at };
    }
    return { type: 'fitted', size: command.size, fitted: fitModel(sampler, space, command.snapshot), at };
  } catch (error) {
    // The sampler cannot go on (a numeric failure): the answer says why, the step fails the experiment.
    const message = error instanceof Error ? error.message : String(error);
    return command.type === 'suggest'
      ? { type: 'suggested', index: command.batch.index, params: [], error: message, at }
      : { type: 'fitted', size: command.size, fitted: null, error: message, at };
  }
}
