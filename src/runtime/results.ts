/**
 * An experiment's results as files (SPEC section 11): the runs as JSON, and the best run's model
 * in tfjs layers format with its parameters, metrics and preprocessing. Plain objects only, so the
 * page's export and `tabtune run` write the same thing.
 */
import { runValues, type ExperimentConfig } from '../core/experiment';
import { getBestRunByPrimaryMetric, type RunRecord, type SchedulerState } from '../core/scheduler';
import type { ModelCheckpoint } from '../protocol';
import type { RunStats } from './host';

/** One run of runs.json. Non-finite metric values become null (JSON has no NaN). */
export interface RunJson {
  readonly id: string;
  readonly index: number;
  readonly parameters: RunRecord['params'];
  readonly status: RunRecord['status'];
  readonly reason: string | null;
  readonly backend: string | null;
  readonly durationSeconds: number | null;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly intervals: number;
  readonly best: { readonly value: number; readonly interval: number } | null;
  readonly metrics: Readonly<Record<string, readonly (number | null)[]>>;
  readonly samplesPerSecond: number | null;
  readonly startLatencyMs: number | null;
  /**
   * `tf.memory().numTensors` in the worker when the run began and after it was cleaned up;
   * `leaked` > 0 means the model code left tensors behind (null: the run ended without a result).
   */
  readonly tensors: { readonly before: number; readonly after: number; readonly leaked: number } | null;
}

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());

/** A run's tensor accounting (null until its worker reported it); `leaked` is never negative. */
export function tensorsOf(run: Pick<RunRecord, 'tensors'>): RunJson['tensors'] {
  if (!run.tensors) return null;
  const { before, after } = run.tensors;
  return { before, after, leaked: Math.max(0, after - before) };
}

/** runs.json: every run with its parameters, status, reason, backend, duration and metric series. */
export function runsJson(state: SchedulerState, stats: Readonly<Record<string, RunStats>> = {}): RunJson[] {
  return state.runs.map((run) => {
    const metrics: Record<string, (number | null)[]> = {};
    for (const [name, series] of Object.entries(run.metrics)) metrics[name] = series.map((v) => (Number.isFinite(v) ? v : null));
    const duration = run.startedAt !== undefined && run.endedAt !== undefined ? (run.endedAt - run.startedAt) / 1000 : null;
    return {
      id: run.id,
      index: run.index,
      parameters: run.params,
      status: run.status,
      reason: run.reason ?? null,
      backend: run.backend ?? null,
      durationSeconds: duration,
      startedAt: iso(run.startedAt),
      endedAt: iso(run.endedAt),
      intervals: run.intervals,
      best: run.best ?? null,
      metrics,
      samplesPerSecond: stats[run.id]?.result?.samplesPerSecond ?? null,
      startLatencyMs: stats[run.id]?.startLatencyMs ?? null,
      tensors: tensorsOf(run),
    };
  });
}

/** The best run of the experiment (SPEC section 9 defaults), or null. */
export function bestRunOf(state: SchedulerState): { run: RunRecord; value: number; interval: number } | null {
  const best = getBestRunByPrimaryMetric(state.runs, state.config.goal, state.config.primaryMetricName);
  return best && best.kind === 'run' ? { run: best.run, value: best.value, interval: best.interval } : null;
}

/** `model.json` of tfjs layers format for `checkpoint`, with its weights in `weightsFile`. */
export function modelJson(checkpoint: ModelCheckpoint, weightsFile = 'weights.bin'): Record<string, unknown> {
  return {
    format: 'layers-model',
    generatedBy: 'tabtune (TensorFlow.js layers)',
    convertedBy: null,
    modelTopology: checkpoint.modelTopology,
    weightsManifest: [{ paths: [weightsFile], weights: checkpoint.weightSpecs }],
  };
}

/** `best/run.json`: what the best run was and the interval its model comes from (inputs: preprocessing.json). */
export function bestRunJson(
  config: ExperimentConfig,
  best: { run: RunRecord; value: number; interval: number },
  checkpoint: ModelCheckpoint | undefined,
): Record<string, unknown> {
  const [run] = runsJson({ ...emptyState(), runs: [best.run] });
  return {
    ...run,
    primaryMetricName: config.primaryMetricName,
    primaryMetricGoal: config.primaryMetricGoal,
    score: best.value,
    scoreInterval: best.interval,
    checkpointInterval: checkpoint?.interval ?? null,
    modelFamily: config.model.family,
    hyperparameters: runValues(config.model, best.run.params),
  };
}

function emptyState(): SchedulerState {
  return {
    config: { experimentId: '', primaryMetricName: '', goal: 'maximize', seed: 0, maxTotalRuns: 1 },
    status: 'completed',
    runs: [],
    idleWorkers: [],
  };
}
