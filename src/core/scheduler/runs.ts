/**
 * Pure helpers over run records: what is in flight, what a sampler and a policy get to see, and
 * how one log changes a run.
 */
import { bestOf, isBetter } from '../goal';
import type { Observation } from '../sampling';
import type { RunCurve } from '../policies';
import type { Goal, ParamValues } from '../types';
import { checkedPosition, derivedFromRuns, isInFlight, positionsById, runsInFlight, withRunReplaced } from './run-lookup';
import type { PriorRun, RunRecord, SchedulerState } from './types';

export { isInFlight };

/**
 * What the rules below read of an experiment: its configuration and runs. The scheduler passes its
 * whole state; the ask/tell engine, which drives runs from outside, passes just these.
 */
export type RunsView = Pick<SchedulerState, 'config' | 'runs'>;

/** Runs still queued or running, in run order (do not modify the array). */
export function inFlight(state: RunsView): readonly RunRecord[] {
  return runsInFlight(state.runs);
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

/**
 * Each record's curve, made once: records are immutable and a policy decision reads every run, so
 * making them afresh was most of a log's cost in a long experiment (`npm run bench -- scheduler`).
 */
const curves = new WeakMap<RunRecord, { readonly metric: string; readonly curve: RunCurve }>();

/** A run as a policy sees it. */
function curve(run: RunRecord, metric: string): RunCurve {
  const known = curves.get(run);
  if (known?.metric === metric) return known.curve;
  const made: RunCurve = { id: run.id, values: primaryValues(run, metric), finished: !isInFlight(run.status) };
  curves.set(run, { metric, curve: made });
  return made;
}

function priorCurve(prior: PriorRun): RunCurve {
  return { id: prior.id, values: prior.values, finished: true, prior: true };
}

/** The priors' curves, made once per list of priors. */
const priorCurves = new WeakMap<readonly PriorRun[], readonly RunCurve[]>();

function priorsOf(priors: readonly PriorRun[]): readonly RunCurve[] {
  let list = priorCurves.get(priors);
  if (!list) {
    list = priors.filter((p) => p.status !== 'failed').map(priorCurve);
    priorCurves.set(priors, list);
  }
  return list;
}

/** Failed runs, and runs asked to end as failed, are in no cohort: their values may be NaN. */
function inCohort(run: RunRecord): boolean {
  return run.status !== 'failed' && run.ending?.status !== 'failed';
}

/**
 * The curves of every run that may be in a cohort, in run order, and where each id sits among them
 * (shared with the lists made from this one, so every hit is checked).
 */
interface Cohort {
  readonly curves: readonly RunCurve[];
  readonly at: Map<string, number>;
}

/** One derived cohort per primary metric (an experiment has one). */
const cohorts = new Map<string, (runs: readonly RunRecord[]) => Cohort>();

function cohortOf(runs: readonly RunRecord[], metric: string): Cohort {
  let derive = cohorts.get(metric);
  if (!derive) {
    derive = derivedFromRuns<Cohort>(
      (all) => {
        const curves = all.filter(inCohort).map((run) => curve(run, metric));
        return { curves, at: positionsById(curves) };
      },
      (cohort, before, after) => {
        const { curves, at } = cohort;
        if (before === undefined) {
          if (!inCohort(after)) return cohort;
          if (!at.has(after.id)) at.set(after.id, curves.length);
          return { curves: [...curves, curve(after, metric)], at };
        }
        // A run leaving or joining the cohort moves the positions after it: worked out afresh.
        if (inCohort(before) !== inCohort(after)) return undefined;
        if (!inCohort(after)) return cohort;
        const k = checkedPosition(curves, at, after.id);
        if (k < 0) return undefined;
        const next = curves.slice();
        next[k] = curve(after, metric);
        return { curves: next, at };
      },
    );
    cohorts.set(metric, derive);
  }
  return derive(runs);
}

/**
 * The policy's view of `run` and of every other run: this experiment's runs except failed ones
 * (their values may be NaN; SPEC section 4 names running, finished and stopped runs) plus priors.
 */
export function policyInputs(state: RunsView, run: RunRecord): { run: RunCurve; cohort: RunCurve[] } {
  const metric = state.config.primaryMetricName;
  const cohort = cohortOf(state.runs, metric);
  const priors = priorsOf(state.config.priors ?? []);
  const k = checkedPosition(cohort.curves, cohort.at, run.id);
  const others = k < 0 ? cohort.curves : [...cohort.curves.slice(0, k), ...cohort.curves.slice(k + 1)];
  return { run: curve(run, metric), cohort: [...priors, ...others] };
}

/**
 * Sampler history: priors that fit the space, then this experiment's ended runs in start order,
 * each with its score.
 */
export function samplerHistory(state: RunsView): Observation[] {
  const { goal, primaryMetricName } = state.config;
  const priors = priorObservations(state.config.priors ?? [], goal);
  const ended: Observation[] = [];
  for (const run of state.runs) if (!isInFlight(run.status)) ended.push(observationOf(run, primaryMetricName, goal));
  return [...priors, ...ended];
}

/**
 * The priors that fit the space as observations, made once per list and goal: the same objects each
 * time, like the runs' (a sampler worker is sent each observation once, history-delta.ts).
 */
const priorLists = new WeakMap<readonly PriorRun[], { readonly goal: Goal; readonly list: readonly Observation[] }>();

function priorObservations(priors: readonly PriorRun[], goal: Goal): readonly Observation[] {
  const known = priorLists.get(priors);
  if (known?.goal === goal) return known.list;
  const list = priors
    .filter((prior) => prior.inSpace !== false)
    .map((prior): Observation => ({ params: prior.params, status: prior.status, value: prior.status === 'failed' ? null : bestOf(prior.values, goal), prior: true }));
  priorLists.set(priors, { goal, list });
  return list;
}

/** Each ended record's observation, made once (a suggestion reads every run; records are immutable). */
const observations = new WeakMap<RunRecord, { readonly metric: string; readonly goal: Goal; readonly observation: Observation }>();

function observationOf(run: RunRecord, metric: string, goal: Goal): Observation {
  const known = observations.get(run);
  if (known?.metric === metric && known.goal === goal) return known.observation;
  const observation: Observation = {
    params: run.params,
    status: run.status,
    value: run.status === 'failed' ? null : bestOf(primaryValues(run, metric), goal),
  };
  observations.set(run, { metric, goal, observation });
  return observation;
}

/** Configurations of runs in flight, which a suggestion must not duplicate. */
export function pendingParams(state: RunsView): ParamValues[] {
  return inFlight(state).map((run) => run.params);
}

/** `state` with one run replaced (matched by id). */
export function replaceRun(state: SchedulerState, run: RunRecord): SchedulerState {
  return { ...state, runs: withRunReplaced(state.runs, run) };
}

/** Formats a metric value for reasons: up to 4 significant digits, NaN and Infinity as words. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  return String(Number(value.toPrecision(4)));
}
