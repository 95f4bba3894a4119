/**
 * Warm start (SPEC section 7, `resumeFrom`): the runs of up to 5 completed or canceled parent
 * experiments become the scheduler's `PriorRun`s. Every parent run that logged the same primary
 * metric with the same goal, on the same dataset and model family, counts in every policy's
 * cohort; of those, the runs whose configuration fits the new parameter space (`inSpace`) are also
 * the Bayesian sampler's prior observations. A configuration fits when each parameter of the new
 * space has a value the expression can produce, and every hyperparameter the new space does not
 * tune had the value the new experiment fixes for it.
 */
import { InvalidConfigError } from '../core/errors';
import { experimentSpace, modelDifference, runValues, type ExperimentConfig, type ModelSpec } from '../core/experiment';
import type { PriorRun, RunRecord } from '../core/scheduler';
import { roundToMultiple, type Expression, type Space } from '../core/space';
import type { ParamValue, ParamValues } from '../core/types';
import type { StoredExperiment, TabtuneDatabase, WarmStartSummary } from './db';
import { commit, readTx } from './db';
import { PARENT_EXPERIMENT_STATUSES } from './experiments-store';
import { seriesOfRunIn } from './metrics-store';
import { IN_FLIGHT_STATUSES, runRecordOf, runsOfIn } from './runs-store';

/** A parent experiment with its runs (series included). */
export interface ParentExperiment {
  readonly experiment: Pick<StoredExperiment, 'id' | 'name' | 'config'>;
  readonly runs: readonly RunRecord[];
}

/** Priors for the scheduler and what the UI says about them. */
export interface WarmStart {
  readonly priors: readonly PriorRun[];
  readonly summary: WarmStartSummary;
}

function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function multipleOf(value: number, q: number): boolean {
  return nearlyEqual(roundToMultiple(value, q), value);
}

function within(value: number, low: number, high: number): boolean {
  return (value >= low || nearlyEqual(value, low)) && (value <= high || nearlyEqual(value, high));
}

/** True when `expression` can produce `value` (SPEC section 1 supports, q-forms unclipped). */
export function expressionAllows(expression: Expression, value: ParamValue): boolean {
  const e = expression;
  if (e.type === 'choice') return e.values.some((v) => v === value);
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  switch (e.type) {
    case 'randint':
      return Number.isInteger(value) && value >= 0 && value < e.upper;
    case 'uniform':
      return within(value, e.low, e.high);
    case 'loguniform':
      return within(value, Math.exp(e.low), Math.exp(e.high));
    case 'quniform':
      return multipleOf(value, e.q) && within(value, roundToMultiple(e.low, e.q), roundToMultiple(e.high, e.q));
    case 'qloguniform':
      return multipleOf(value, e.q) && within(value, roundToMultiple(Math.exp(e.low), e.q), roundToMultiple(Math.exp(e.high), e.q));
    case 'normal':
      return true;
    case 'lognormal':
      return value > 0;
    case 'qnormal':
      return multipleOf(value, e.q);
    case 'qlognormal':
      return value >= 0 && multipleOf(value, e.q);
  }
}

/** The model fields a run's values depend on (a parent's are the same: modelDifference checks it). */
type RunModel = Pick<ModelSpec, 'family'> & Partial<Pick<ModelSpec, 'freezeUpTo'>>;

function resolvedOrNull(params: ParamValues, fixed: Readonly<Record<string, ParamValue>>, model: RunModel): Record<string, ParamValue> | null {
  try {
    return runValues({ ...model, hyperparameters: fixed }, params);
  } catch {
    // A parent run with a value the models no longer accept simply does not fit.
    return null;
  }
}

/**
 * The new space's view of a parent run: its configuration projected onto `space` (values it did
 * not tune come from its fixed hyperparameters), or null when it does not fit (module comment).
 */
export function fitToSpace(
  space: Space,
  newFixed: Readonly<Record<string, ParamValue>>,
  parentParams: ParamValues,
  parentFixed: Readonly<Record<string, ParamValue>>,
  model: RunModel = { family: 'mlp' },
): ParamValues | null {
  const parent = resolvedOrNull(parentParams, parentFixed, model);
  const fixed = resolvedOrNull({}, newFixed, model);
  if (!parent || !fixed) return null;
  const tuned = new Set(space.parameters.map((p) => p.name));
  const projected: ParamValues = {};
  for (const { name, expression } of space.parameters) {
    const value = parentParams[name] ?? parent[name];
    if (value === undefined || !expressionAllows(expression, value)) return null;
    projected[name] = value;
  }
  for (const name of Object.keys(fixed)) {
    if (!tuned.has(name) && parent[name] !== fixed[name]) return null;
  }
  return projected;
}

/** Why a parent gives no runs at all, or null when its runs are comparable. */
function incomparable(config: ExperimentConfig, parent: ExperimentConfig): string | null {
  if (parent.primaryMetricName !== config.primaryMetricName || parent.primaryMetricGoal !== config.primaryMetricGoal) {
    return `it ${parent.primaryMetricGoal}s "${parent.primaryMetricName}", this experiment ${config.primaryMetricGoal}s "${config.primaryMetricName}"`;
  }
  if (parent.dataset.source !== config.dataset.source) return `it used dataset ${parent.dataset.source}, not ${config.dataset.source}`;
  return modelDifference(config.model, parent.model);
}

/** The priors and summary of a warm start from `parents` (pure: no storage). */
export function priorsFromParents(config: ExperimentConfig, parents: readonly ParentExperiment[], space: Space = experimentSpace(config)): WarmStart {
  const priors: PriorRun[] = [];
  const summaries: WarmStartSummary['parents'][number][] = [];
  for (const { experiment, runs } of parents) {
    const ended = runs.filter((run) => !IN_FLIGHT_STATUSES.includes(run.status));
    const note = incomparable(config, experiment.config);
    if (note) {
      summaries.push({ id: experiment.id, name: experiment.name, runs: ended.length, fit: 0, note: `not used: ${note}` });
      continue;
    }
    let fit = 0;
    for (const run of ended) {
      const projected = fitToSpace(space, config.model.hyperparameters, run.params, experiment.config.model.hyperparameters, config.model);
      if (projected) fit += 1;
      const values = run.metrics[config.primaryMetricName] ?? [];
      priors.push({ id: run.id, params: projected ?? run.params, status: run.status, values, inSpace: projected !== null });
    }
    summaries.push({ id: experiment.id, name: experiment.name, runs: ended.length, fit });
  }
  return {
    priors,
    summary: {
      parents: summaries,
      cohortRuns: priors.filter((p) => p.status !== 'failed').length,
      samplerRuns: priors.filter((p) => p.inSpace !== false).length,
    },
  };
}

/** Reads parent `id` with its runs and series; throws naming the parent when it cannot be one. */
async function readParent(db: TabtuneDatabase, id: string): Promise<ParentExperiment> {
  const tx = readTx(db, ['experiments', 'runs', 'metrics']);
  const reading = (async () => {
    const experiment = await tx.objectStore('experiments').get(id);
    const stored = experiment ? await runsOfIn(tx, id) : [];
    const series = await Promise.all(stored.map((run) => seriesOfRunIn(tx, run.id)));
    return { experiment, stored, series };
  })();
  await commit(tx, reading);
  const { experiment, stored, series } = await reading;
  if (!experiment) throw new InvalidConfigError(`experiment file: "resumeFrom" names experiment "${id}", which is not stored in this browser`);
  if (!PARENT_EXPERIMENT_STATUSES.includes(experiment.status)) {
    throw new InvalidConfigError(
      `experiment file: "resumeFrom" experiment "${id}" is ${experiment.status}; a parent must be ${PARENT_EXPERIMENT_STATUSES.join(' or ')}`,
    );
  }
  return { experiment, runs: stored.map((run, i) => runRecordOf(run, series[i])) };
}

/** The warm start of `config` from the parents its `resumeFrom` names (at most 5, SPEC section 7). */
export async function loadWarmStart(db: TabtuneDatabase, config: ExperimentConfig): Promise<WarmStart> {
  if (config.resumeFrom.length > 5) {
    throw new InvalidConfigError(`experiment file: "resumeFrom" lists ${config.resumeFrom.length} experiments; at most 5 are allowed`);
  }
  const parents: ParentExperiment[] = [];
  for (const id of new Set(config.resumeFrom)) parents.push(await readParent(db, id));
  return priorsFromParents(config, parents);
}
