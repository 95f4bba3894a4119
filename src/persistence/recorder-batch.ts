/**
 * The recorder's unit of work: what arrived since the last write (latest run records, new metric
 * values, checkpoints to put or delete, the latest progress), written in one transaction over
 * `experiments`, `runs`, `metrics` and `checkpoints`.
 */
import type { ExperimentProgress, RunRecord } from '../core/scheduler';
import type { StoredCheckpoint, StoredExperiment, StoredMetric, StoredRun, TabtuneDatabase } from './db';
import { commit, writeTx } from './db';
import { deleteCheckpointsIn, putCheckpointsIn, type CheckpointKey } from './checkpoints-store';
import { applyProgressIn } from './experiments-store';
import { putMetricsIn } from './metrics-store';
import { putRunsIn } from './runs-store';
import type { LiveUpdate } from './live-channel';

/** Pending writes; checkpoint maps are keyed `runId\u0000kind`. */
export interface Batch {
  runs: Map<string, RunRecord>;
  metrics: StoredMetric[];
  checkpoints: Map<string, StoredCheckpoint>;
  /** Checkpoints superseded by a newer one of the other kind (a best that is also the latest). */
  deletes: Map<string, CheckpointKey>;
  progress: ExperimentProgress | undefined;
}

/** A batch with nothing in it. */
export function emptyBatch(): Batch {
  return { runs: new Map(), metrics: [], checkpoints: new Map(), deletes: new Map(), progress: undefined };
}

/** True when writing `batch` would change nothing. */
export function isEmpty(batch: Batch): boolean {
  return batch.runs.size === 0 && batch.metrics.length === 0 && batch.checkpoints.size === 0 && batch.deletes.size === 0 && !batch.progress;
}

/** `older` followed by `newer` (a failed batch going back in front of what arrived since): newer wins per key. */
export function mergeBatches(older: Batch, newer: Batch): Batch {
  for (const [id, run] of newer.runs) older.runs.set(id, run);
  for (const [key, record] of newer.checkpoints) {
    older.deletes.delete(key);
    older.checkpoints.set(key, record);
  }
  for (const [key, del] of newer.deletes) {
    older.checkpoints.delete(key);
    older.deletes.set(key, del);
  }
  older.metrics.push(...newer.metrics);
  older.progress = newer.progress ?? older.progress;
  return older;
}

/** Writes `batch` in one transaction (its checkpoints only `withCheckpoints`); resolves once committed. */
export async function writeBatch(db: TabtuneDatabase, experimentId: string, primaryMetricName: string, batch: Batch, withCheckpoints: boolean): Promise<LiveUpdate> {
  const now = Date.now();
  const tx = writeTx(db, ['experiments', 'runs', 'metrics', 'checkpoints']);
  const checkpoints = withCheckpoints ? [...batch.checkpoints.values()] : [];
  const runs = putRunsIn(tx, [...batch.runs.values()], primaryMetricName, now);
  const experiment = batch.progress ? applyProgressIn(tx, batch.progress, now) : Promise.resolve(undefined);
  await commit(tx, runs, experiment, putMetricsIn(tx, batch.metrics), putCheckpointsIn(tx, checkpoints), deleteCheckpointsIn(tx, [...batch.deletes.values()]));
  return liveUpdate(experimentId, await runs, batch.metrics, checkpoints, await experiment);
}

function liveUpdate(
  experimentId: string,
  runs: readonly StoredRun[],
  metrics: readonly StoredMetric[],
  checkpoints: readonly StoredCheckpoint[],
  experiment: StoredExperiment | undefined,
): LiveUpdate {
  return {
    type: 'update',
    experimentId,
    runs,
    metrics,
    checkpoints: checkpoints.map(({ runId, kind, interval, value }) => ({ runId, kind, interval, value })),
    ...(experiment ? { experiment } : {}),
  };
}
