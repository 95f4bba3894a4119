/**
 * Moving an experiment between browsers (and into `tabtune run --resume`): one JSON file with the
 * experiment (its file as run, status, progress), every run, every metric series, the best run's
 * `best` checkpoint and, with `checkpoints: 'resumable'`, the checkpoints that continuing runs
 * need. Buffers are base64; NaN and +-Infinity, which JSON lacks, are written as
 * `{"nonFinite": "NaN" | "Infinity" | "-Infinity"}`. The encoded dataset is not included: the
 * importing side loads it again from `config.dataset`.
 */
import { InvalidConfigError } from '../core/errors';
import { getBestRunByPrimaryMetric, runId as runIdOf, type PriorRun, type RunRecord } from '../core/scheduler';
import type { StoredCheckpoint, StoredExperiment, StoredMetric, StoredRun, TabtuneDatabase } from './db';
import { commit, readTx, writeTx } from './db';
import { checkpointsOfRunIn, putCheckpointsIn } from './checkpoints-store';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExperimentExport } from './export-format';
import { newExperimentId, putExperimentIn } from './experiments-store';
import { metricRecords, putMetricsIn, seriesOfRunIn } from './metrics-store';
import { continuesByDefault, continuingRecord, restartsCutShortRuns } from './resume';
import { IN_FLIGHT_STATUSES, putStoredRunsIn, runRecordOf, runsOfIn } from './runs-store';
import { loadWarmStart } from './warm-start';

export * from './export-format';
/** Which checkpoints an export carries: the best run's model only, or also what continuing runs need. */
export type ExportCheckpoints = 'best' | 'resumable';

/** Experiment `id` with runs, series and checkpoints, ready to serialize. */
export async function exportExperiment(db: TabtuneDatabase, id: string, checkpoints: ExportCheckpoints = 'best'): Promise<ExperimentExport> {
  const tx = readTx(db, ['experiments', 'runs', 'metrics', 'checkpoints']);
  const reading = (async () => {
    const experiment = await tx.objectStore('experiments').get(id);
    const runs = experiment ? await runsOfIn(tx, id) : [];
    const series = await Promise.all(runs.map((run) => seriesOfRunIn(tx, run.id)));
    const records = runs.map((run, i) => runRecordOf(run, series[i]));
    const wanted = experiment ? exportedCheckpointRuns(experiment, records, checkpoints) : [];
    const found = await Promise.all(wanted.map(([runId]) => checkpointsOfRunIn(tx, runId)));
    return { experiment, runs, series, wanted, found };
  })();
  await commit(tx, reading);
  const { experiment, runs, series, wanted, found } = await reading;
  if (!experiment) throw new InvalidConfigError(`export: experiment "${id}" is not stored in this browser`);
  const chosen = found.flatMap((pair, i) => pair.filter((c): c is StoredCheckpoint => c !== undefined && wanted[i][1].includes(c.kind)));
  const priors = await exportedPriors(db, experiment);
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date().toISOString(),
    experiment,
    runs,
    metrics: Object.fromEntries(runs.map((run, i) => [run.id, series[i]])),
    checkpoints: chosen,
    ...(priors ? { priors } : {}),
  };
}

/** The warm-start priors of `experiment`, or undefined without parents (or when one was deleted). */
async function exportedPriors(db: TabtuneDatabase, experiment: StoredExperiment): Promise<readonly PriorRun[] | undefined> {
  if (experiment.config.resumeFrom.length === 0) return undefined;
  try {
    return (await loadWarmStart(db, experiment.config)).priors;
  } catch {
    // A parent is gone: the file is still complete without priors; the resume then has none.
    return undefined;
  }
}

/** [runId, kinds] of the checkpoints an export takes. */
function exportedCheckpointRuns(experiment: StoredExperiment, runs: readonly RunRecord[], mode: ExportCheckpoints): [string, string[]][] {
  const { primaryMetricGoal, primaryMetricName } = experiment.config;
  const best = getBestRunByPrimaryMetric(runs, primaryMetricGoal, primaryMetricName);
  const out = new Map<string, string[]>();
  if (best?.kind === 'run') out.set(best.run.id, ['best']);
  if (mode === 'resumable') {
    for (const run of runs) {
      if (run.status === 'stopped' || run.status === 'canceled' || run.status === 'interrupted' || IN_FLIGHT_STATUSES.includes(run.status)) {
        out.set(run.id, ['best', 'last']);
      }
    }
  }
  return [...out.entries()];
}

/** Renames run ids `<old>_<k>` of an experiment to `<new>_<k>`. */
function renamer(from: string, to: string): (runId: string) => string {
  const prefix = `${from}_`;
  return (runId) => (from !== to && runId.startsWith(prefix) ? runIdOf(to, Number(runId.slice(prefix.length))) : runId);
}

/**
 * Stores an exported experiment under a fresh id (the file's id when free and `keepId`), in one
 * transaction. An experiment exported while running comes in as interrupted (its running runs
 * too), so it can be resumed here. Returns the stored experiment.
 */
export async function importExperiment(db: TabtuneDatabase, data: ExperimentExport, options: { keepId?: boolean; now?: number } = {}): Promise<StoredExperiment> {
  const now = options.now ?? Date.now();
  const taken = (await db.getKey('experiments', data.experiment.id)) !== undefined;
  const id = options.keepId && !taken ? data.experiment.id : newExperimentId(now);
  const rename = renamer(data.experiment.id, id);
  const wasRunning = data.experiment.status === 'running';
  const { reason, endedAt, ...rest } = data.experiment;
  const experiment: StoredExperiment = {
    ...rest,
    id,
    status: wasRunning ? 'interrupted' : data.experiment.status,
    ...(wasRunning ? { reason: 'interrupted: exported while it ran' } : reason !== undefined ? { reason } : {}),
    ...(endedAt !== undefined ? { endedAt } : wasRunning ? { endedAt: now } : {}),
    imported: { from: data.experiment.id, at: now },
    updatedAt: now,
  };
  const runs = data.runs.map((run): StoredRun => {
    const moved = { ...run, id: rename(run.id), experimentId: id, updatedAt: now };
    if (!IN_FLIGHT_STATUSES.includes(run.status)) return moved;
    return { ...moved, status: 'interrupted', reason: 'interrupted: exported while it ran', endedAt: run.endedAt ?? now };
  });
  const metrics: StoredMetric[] = Object.entries(data.metrics).flatMap(([runId, series]) =>
    Object.entries(series).flatMap(([name, values]) => metricRecords(rename(runId), name, values)),
  );
  const checkpoints = data.checkpoints.map((c) => ({ ...c, runId: rename(c.runId), experimentId: id }));
  const tx = writeTx(db, ['experiments', 'runs', 'metrics', 'checkpoints']);
  await commit(tx, putExperimentIn(tx, experiment), putStoredRunsIn(tx, runs), putMetricsIn(tx, metrics), putCheckpointsIn(tx, checkpoints));
  return experiment;
}

/**
 * The scheduler's view of an exported experiment, for `tabtune run --resume FILE` (no database):
 * every run as a `RunRecord` (series included), the runs a resume continues by default queued with
 * `continueFrom` at their latest checkpoint in the file (0 without one), and those checkpoints.
 */
export function resumeFromExport(data: ExperimentExport): { runs: RunRecord[]; checkpoints: Map<string, StoredCheckpoint> } {
  const { primaryMetricName, primaryMetricGoal } = data.experiment.config;
  const restart = restartsCutShortRuns(data.experiment.config.model);
  const checkpoints = new Map<string, StoredCheckpoint>();
  const runs = data.runs.map((stored) => {
    const record = runRecordOf(stored, data.metrics[stored.id] ?? {});
    if (!continuesByDefault(stored) && !IN_FLIGHT_STATUSES.includes(stored.status)) return record;
    const candidates = restart ? [] : data.checkpoints.filter((c) => c.runId === stored.id && c.interval <= record.intervals);
    const latest = candidates.sort((a, b) => b.interval - a.interval)[0];
    if (latest) checkpoints.set(stored.id, latest);
    return continuingRecord(record, latest?.interval ?? 0, primaryMetricName, primaryMetricGoal);
  });
  return { runs, checkpoints };
}
