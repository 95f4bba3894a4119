/**
 * A new experiment in the database, with what SPEC section 7 lets it take from earlier ones:
 * the runs of its `resumeFrom` parents as priors (warm-start.ts), and the runs its
 * `resumeChildRuns` names copied in as its first runs, each continuing from its last checkpoint
 * with the same parameters and its series up to that checkpoint.
 */
import { InvalidConfigError } from '../core/errors';
import type { ExperimentConfig } from '../core/experiment';
import type { PriorRun, RunRecord } from '../core/scheduler';
import { runId as runIdOf } from '../core/scheduler';
import type { StoredCheckpoint, StoredExperiment, StoredMetric, TabtuneDatabase } from './db';
import { commit, readTx, writeTx } from './db';
import { checkpointsOfRunIn, latestCheckpoint, putCheckpointsIn } from './checkpoints-store';
import { experimentRecord, newExperimentId, putExperimentIn } from './experiments-store';
import { metricRecords, putMetricsIn, seriesOfRunIn } from './metrics-store';
import { continuingRecord } from './resume';
import { CONTINUABLE_RUN_STATUSES, putStoredRunsIn, runRecordOf, storedRunOf } from './runs-store';
import { loadWarmStart, type WarmStart } from './warm-start';

/** What the host needs to start a new experiment. */
export interface PreparedExperiment {
  readonly experiment: StoredExperiment;
  /** For the host's `priors`. */
  readonly priors: readonly PriorRun[];
  /** Runs copied from `resumeChildRuns`, queued to continue; for `scheduler.init(config, runs)`. */
  readonly runs: readonly RunRecord[];
}

interface Adopted {
  readonly run: RunRecord;
  readonly from: string;
  readonly checkpoint: StoredCheckpoint | undefined;
}

/** Reads the runs `ids` (of any experiment) to copy; throws naming a missing or unfit one. */
async function readChildRuns(db: TabtuneDatabase, experimentId: string, config: ExperimentConfig): Promise<Adopted[]> {
  const tx = readTx(db, ['runs', 'metrics', 'checkpoints']);
  const reading = (async () => {
    const found = await Promise.all(config.resumeChildRuns.map((id) => tx.objectStore('runs').get(id)));
    const series = await Promise.all(found.map((run) => (run ? seriesOfRunIn(tx, run.id) : {})));
    const checkpoints = await Promise.all(found.map((run) => (run ? checkpointsOfRunIn(tx, run.id) : [])));
    return { found, series, checkpoints };
  })();
  await commit(tx, reading);
  const { found, series, checkpoints } = await reading;
  return found.map((stored, i) => {
    const id = config.resumeChildRuns[i];
    if (!stored) throw new InvalidConfigError(`experiment file: "resumeChildRuns" names run "${id}", which is not stored in this browser`);
    if (!CONTINUABLE_RUN_STATUSES.includes(stored.status)) {
      throw new InvalidConfigError(`experiment file: "resumeChildRuns" run "${id}" is ${stored.status}; only ${CONTINUABLE_RUN_STATUSES.join(', ')} runs continue`);
    }
    const source = runRecordOf(stored, series[i]);
    const checkpoint = latestCheckpoint(checkpoints[i], source.intervals);
    const from = checkpoint?.interval ?? 0;
    const copy = { ...source, id: runIdOf(experimentId, i), experimentId, index: i, queuedAt: Date.now() };
    return { run: continuingRecord(copy, from, config.primaryMetricName, config.primaryMetricGoal), from: id, checkpoint };
  });
}

/**
 * Creates experiment `id` (default: a fresh id) for `config` with its warm start and its copied
 * child runs, in one transaction. Take the experiment's Web Lock before calling this, so that
 * another tab's recovery never sees it running without a driver.
 */
export async function createExperiment(
  db: TabtuneDatabase,
  input: { config: ExperimentConfig; id?: string; datasetId?: string; now?: number },
): Promise<PreparedExperiment> {
  const now = input.now ?? Date.now();
  const id = input.id ?? newExperimentId(now);
  const { config } = input;
  const warm: WarmStart | null = config.resumeFrom.length > 0 ? await loadWarmStart(db, config) : null;
  const adopted = await readChildRuns(db, id, config);
  const experiment = experimentRecord({ id, config, ...(input.datasetId ? { datasetId: input.datasetId } : {}), ...(warm ? { warmStart: warm.summary } : {}) }, now);

  const metrics: StoredMetric[] = adopted.flatMap(({ run }) => Object.entries(run.metrics).flatMap(([name, series]) => metricRecords(run.id, name, series)));
  const checkpoints = adopted.flatMap(({ run, checkpoint }) => (checkpoint ? [{ ...checkpoint, runId: run.id, experimentId: id, kind: 'last' as const }] : []));
  const runs = adopted.map(({ run }) => ({ ...storedRunOf(run, config.primaryMetricName, undefined, now), continued: [{ at: now, fromInterval: run.continueFrom ?? 0 }] }));
  const stored = { ...experiment, runCount: runs.length };
  const tx = writeTx(db, ['experiments', 'runs', 'metrics', 'checkpoints']);
  await commit(tx, putExperimentIn(tx, stored), putStoredRunsIn(tx, runs), putMetricsIn(tx, metrics), putCheckpointsIn(tx, checkpoints));
  return { experiment: stored, priors: warm?.priors ?? [], runs: adopted.map(({ run }) => run) };
}
