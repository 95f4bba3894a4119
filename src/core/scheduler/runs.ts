/**
 * Pure helpers over run records: what is in flight, what a sampler and a policy get to see, and
 * how one log changes a run.
 */
import { bestOf, isBetter } from '../goal';
import type { Observation } from '../sampling';
import type { RunCurve } from '../policies';
import type { Goal, ParamValues, RunStatus } from '../types';
import type { PriorRun, RunRecord, SchedulerState } from './types';

/**
 * What the rules below read of an experiment: its configuration and runs. The scheduler passes its
 * whole state; the ask/tell engine, which drives runs from outside, passes just these.
 */
export type RunsView = Pick<SchedulerState, 'config' | 'runs'>;

/** Statuses of a run that has not ended yet. */
export function isInFlight(status: RunStatus): boolean {
  return status === 'queued' || status === 'running';
}

/** Runs still queued or running. */
export function inFlight(state: RunsView): RunRecord[] {
  return state.runs.filter((run) => isInFlight(run.status));
}

/** Failed runs of this experiment. */
export function failedCount(state: SchedulerState): number {
  return state.runs.filter((run) => run.status === 'failed').length;
}

/** The run's primary-metric series (one value per interval). */
export function primaryValues(run: RunRecord, metric: string): readonly number[] {
  return run.metrics[metric] ?? [];
}

/** Records one log; the primary metric also counts an interval and may improve the score. */
export function withLog(run: RunRecord, name: string, value: number, primary: string, goal: Goal): RunRecord {
  const series = [...(run.metrics[name] ?? []), value];
  const metrics = { ...run.metrics, [name]: series };
  if (name !== primary) return { ...run, metrics };
  const intervals = run.intervals + 1;
  const improves = Number.isFinite(value) && (!run.best || isBetter(value, run.best.value, goal));
  return { ...run, metrics, intervals, best: improves ? { value, interval: intervals } : run.best };
}

/** A run as a policy sees it. */
function curve(run: RunRecord, metric: string): RunCurve {
  return { id: run.id, values: primaryValues(run, metric), finished: !isInFlight(run.status) };
}

function priorCurve(prior: PriorRun): RunCurve {
  return { id: prior.id, values: prior.values, finished: true, prior: true };
}

/**
 * The policy's view of `run` and of every other run: this experiment's runs except failed ones
 * (their values may be NaN; SPEC section 4 names running, finished and stopped runs) plus priors.
 */
export function policyInputs(state: RunsView, run: RunRecord): { run: RunCurve; cohort: RunCurve[] } {
  const metric = state.config.primaryMetricName;
  const others = state.runs
    .filter((other) => other.id !== run.id && other.status !== 'failed' && other.ending?.status !== 'failed')
    .map((other) => curve(other, metric));
  const priors = (state.config.priors ?? []).filter((p) => p.status !== 'failed').map(priorCurve);
  return { run: curve(run, metric), cohort: [...priors, ...others] };
}

/**
 * Sampler history: priors that fit the space, then this experiment's ended runs in start order,
 * each with its score.
 */
export function samplerHistory(state: RunsView): Observation[] {
  const { goal, primaryMetricName } = state.config;
  const priors: Observation[] = (state.config.priors ?? []).filter((prior) => prior.inSpace !== false).map((prior) => ({
    params: prior.params,
    status: prior.status,
    value: prior.status === 'failed' ? null : bestOf(prior.values, goal),
    prior: true,
  }));
  const ended = state.runs
    .filter((run) => !isInFlight(run.status))
    .map((run): Observation => ({
      params: run.params,
      status: run.status,
      value: run.status === 'failed' ? null : bestOf(primaryValues(run, primaryMetricName), goal),
    }));
  return [...priors, ...ended];
}

/** Configurations of runs in flight, which a suggestion must not duplicate. */
export function pendingParams(state: RunsView): ParamValues[] {
  return inFlight(state).map((run) => run.params);
}

/** `state` with one run replaced (matched by id). */
export function replaceRun(state: SchedulerState, run: RunRecord): SchedulerState {
  return { ...state, runs: state.runs.map((r) => (r.id === run.id ? run : r)) };
}

/** Formats a metric value for reasons: up to 4 significant digits, NaN and Infinity as words. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  return String(Number(value.toPrecision(4)));
}
