/**
 * Resume (SPEC section 7): an interrupted or canceled experiment runs again. Its ended runs stay
 * as they are; the runs chosen to continue (by default `continuesByDefault`) go back to the queue
 * with the same parameters and continue from their last checkpoint: weights, optimizer state and
 * the interval it was taken at. Their series are cut back to that interval (values logged after
 * the checkpoint belong to training that is lost), so the next value is interval k + 1. A run
 * without a usable checkpoint starts again from interval 1 with the same parameters.
 *
 * A run of a model module with its own `fit` is the exception: tabtune cannot tell the user's loop
 * at which epoch to start, so its cut-short runs always start again from interval 1.
 *
 * Assumes one value per metric per interval (what the built-in training logs each epoch) when
 * cutting the other metrics' series back with the primary one.
 */
import { InvalidConfigError } from '../core/errors';
import type { ModelSpec } from '../core/experiment';
import { bestIntervalOf } from '../core/goal';
import { inspectModelModule } from '../core/model-code';
import type { RunRecord } from '../core/scheduler';
import type { Goal } from '../core/types';
import type { CheckpointKind, StoredCheckpoint, StoredExperiment, StoredRun, TabtuneDatabase, TabtuneWriteTx } from './db';
import { commit, readTx, writeTx } from './db';
import { checkpointsOfRunIn, dropCheckpointsAfterIn, latestCheckpoint } from './checkpoints-store';
import { RESUMABLE_EXPERIMENT_STATUSES, setExperimentStatusIn } from './experiments-store';
import { seriesOfRunIn, truncateRunMetricsIn } from './metrics-store';
import { CONTINUABLE_RUN_STATUSES, continueRunIn, runRecordOf, runsOfIn } from './runs-store';

/** A run that continues, and from where. */
export interface ContinuingRun {
  readonly runId: string;
  /** The interval it continues after (0: from scratch). */
  readonly fromInterval: number;
  /** Which checkpoint it loads, or null when none was usable. */
  readonly checkpoint: CheckpointKind | null;
}

/** What the host needs to run a resumed experiment. */
export interface ResumePlan {
  /** The experiment record after the resume (status `running`). */
  readonly experiment: StoredExperiment;
  /** Every run, for `scheduler.init(config, runs)`: ended ones as they are, continuing ones queued with `continueFrom`. */
  readonly runs: readonly RunRecord[];
  readonly continuing: readonly ContinuingRun[];
}

/** `run` queued to continue after `fromInterval`: series cut back, score recomputed, no end. */
export function continuingRecord(run: RunRecord, fromInterval: number, primaryMetricName: string, goal: Goal): RunRecord {
  const metrics: Record<string, number[]> = {};
  for (const [name, series] of Object.entries(run.metrics)) metrics[name] = series.slice(0, fromInterval);
  const { reason: _r, endedAt: _e, best: _b, ending: _n, workerId: _w, ...rest } = run;
  const best = bestIntervalOf(metrics[primaryMetricName] ?? [], goal);
  return { ...rest, status: 'queued', metrics, intervals: Math.min(run.intervals, fromInterval), ...(best ? { best } : {}), continueFrom: fromInterval };
}

/**
 * True when cut-short runs of `model` cannot continue from a checkpoint: a module that exports its
 * own `fit` runs its loop from the start, whatever interval the weights come from.
 */
export function restartsCutShortRuns(model: Pick<ModelSpec, 'module'>): boolean {
  return model.module !== undefined && inspectModelModule(model.module).exports.fit;
}

/** Where run `run` can continue from, given its stored checkpoints (none used when `restart`). */
export function continuationOf(run: RunRecord, checkpoints: readonly (StoredCheckpoint | undefined)[], restart = false): ContinuingRun {
  const checkpoint = restart ? undefined : latestCheckpoint(checkpoints, run.intervals);
  return { runId: run.id, fromInterval: checkpoint?.interval ?? 0, checkpoint: checkpoint?.kind ?? null };
}

/**
 * Runs a resume continues unless told otherwise: interrupted runs, and runs the experiment's own
 * cancel ended (reason "canceled: ..."), so resuming undoes the cancel. A run canceled on its own
 * stays canceled.
 */
export function continuesByDefault(run: Pick<StoredRun, 'status' | 'reason'>): boolean {
  return run.status === 'interrupted' || (run.status === 'canceled' && (run.reason ?? '').startsWith('canceled: '));
}

/** Checks the runs to continue; throws naming the run and its status when one cannot. */
function chooseRuns(runs: readonly StoredRun[], chosen: readonly string[] | undefined): StoredRun[] {
  if (!chosen) return runs.filter(continuesByDefault);
  const byId = new Map(runs.map((run) => [run.id, run]));
  return [...new Set(chosen)].map((id) => {
    const run = byId.get(id);
    if (!run) throw new InvalidConfigError(`resume: run "${id}" is not a run of this experiment`);
    if (!CONTINUABLE_RUN_STATUSES.includes(run.status)) {
      throw new InvalidConfigError(`resume: run "${id}" is ${run.status}; only ${CONTINUABLE_RUN_STATUSES.join(', ')} runs can continue`);
    }
    return run;
  });
}

/** Writes the continuation of `record` (cut after `fromInterval`) inside `tx`. */
export async function writeContinuationIn(tx: TabtuneWriteTx, record: RunRecord, primaryMetricName: string, fromInterval: number, now: number): Promise<void> {
  await Promise.all([
    continueRunIn(tx, record, primaryMetricName, fromInterval, now),
    truncateRunMetricsIn(tx, record.id, fromInterval),
    dropCheckpointsAfterIn(tx, record.id, fromInterval),
  ]);
}

/**
 * Resumes experiment `id` (interrupted or canceled): marks it running and queues the runs to
 * continue (`continueRuns`, default `continuesByDefault`) in one transaction; with a module's own
 * `fit` they start again from interval 1 (`restartsCutShortRuns`). Start the host with
 * `plan.runs` and a `resumeCheckpoint` that reads `getResumeCheckpoint(db, runId, continueFrom)`.
 * Take the experiment's Web Lock first.
 */
export async function resumeExperiment(
  db: TabtuneDatabase,
  id: string,
  options: { continueRuns?: readonly string[]; now?: number } = {},
): Promise<ResumePlan> {
  const now = options.now ?? Date.now();
  const read = readTx(db, ['experiments', 'runs', 'metrics', 'checkpoints']);
  const reading = (async () => {
    const experiment = await read.objectStore('experiments').get(id);
    const stored = experiment ? await runsOfIn(read, id) : [];
    const series = await Promise.all(stored.map((run) => seriesOfRunIn(read, run.id)));
    const chosen = experiment ? chooseRuns(stored, options.continueRuns) : [];
    const checkpoints = await Promise.all(chosen.map((run) => checkpointsOfRunIn(read, run.id)));
    return { experiment, stored, series, chosen, checkpoints };
  })();
  await commit(read, reading);
  const { experiment, stored, series, chosen, checkpoints } = await reading;
  if (!experiment) throw new InvalidConfigError(`resume: experiment "${id}" is not stored in this browser`);
  if (!RESUMABLE_EXPERIMENT_STATUSES.includes(experiment.status)) {
    throw new InvalidConfigError(`resume: experiment "${id}" is ${experiment.status}; only ${RESUMABLE_EXPERIMENT_STATUSES.join(' or ')} experiments resume`);
  }
  const { primaryMetricName, primaryMetricGoal } = experiment.config;
  const restart = restartsCutShortRuns(experiment.config.model);
  const records = new Map(stored.map((run, i) => [run.id, runRecordOf(run, series[i])]));
  const continuing = chosen.map((run, i) => continuationOf(records.get(run.id)!, checkpoints[i], restart));
  for (const c of continuing) records.set(c.runId, continuingRecord(records.get(c.runId)!, c.fromInterval, primaryMetricName, primaryMetricGoal));

  const tx = writeTx(db, ['experiments', 'runs', 'metrics', 'checkpoints']);
  const updated = setExperimentStatusIn(tx, id, 'running', undefined, now);
  await commit(tx, updated, ...continuing.map((c) => writeContinuationIn(tx, records.get(c.runId)!, primaryMetricName, c.fromInterval, now)));
  return { experiment: (await updated)!, runs: [...records.values()], continuing };
}
