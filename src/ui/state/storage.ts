/**
 * The page's use of persistence: one database connection, recovery of experiments a closed tab
 * left running, creating an experiment with its warm start, the recorder that stores a running
 * one, reading a stored one as a dashboard view, its best checkpoint, and deletion. State classes
 * call these; components never do.
 */
import type { DatasetEncoding, EncodedDataset } from '../../core/data';
import type { ExperimentConfig } from '../../core/experiment';
import type { PriorRun } from '../../core/scheduler';
import {
  createExperiment,
  deleteExperimentIn,
  deleteRunCheckpointsIn,
  deleteRunMetricsIn,
  deleteRunsIn,
  getCheckpoint,
  getDataset,
  getExperiment,
  getResumeCheckpoint,
  getRuns,
  listExperiments,
  loadWarmStart,
  openTabtuneDB,
  readExperimentSnapshot,
  recoverInterrupted,
  resumeExperiment,
  Recorder,
  tryLockExperiment,
  writeTx,
  type ExperimentLock,
  type PreparedExperiment,
  type ResumePlan,
  type StoredCheckpoint,
  type StoredExperiment,
  type TabtuneDatabase,
} from '../../persistence';
import type { ExperimentView } from './live';
import { announceDriving, postUpdate, viewOfSnapshot } from './tabs';
import { summaryOf, type ExperimentSummary } from './summary';

export type { ExperimentSummary } from './summary';

let opening: Promise<TabtuneDatabase> | null = null;

/** The page's database connection; the first call also interrupts experiments no tab drives any more. */
export function database(): Promise<TabtuneDatabase> {
  opening ??= openTabtuneDB().then(async (db) => {
    await recoverInterrupted(db);
    return db;
  });
  return opening;
}

/** Every stored experiment, newest first. */
export async function storedExperiments(): Promise<StoredExperiment[]> {
  return listExperiments(await database());
}

/** A new experiment, stored and locked to this tab, with its warm start and its recorder. */
export interface NewStoredExperiment {
  readonly prepared: PreparedExperiment;
  readonly recorder: Recorder;
  readonly lock: ExperimentLock;
}

/** Stores experiment `id` of `config` on dataset `datasetId` and makes the recorder that keeps it. */
export async function storeNewExperiment(id: string, config: ExperimentConfig, datasetId: string, onError: (message: string) => void): Promise<NewStoredExperiment> {
  const db = await database();
  const held = await tryLockExperiment(id);
  if (!held) throw new Error(`experiment ${id} is driven by another tab`);
  try {
    const prepared = await createExperiment(db, { config, id, datasetId });
    const recorder = new Recorder({ db, experimentId: id, primaryMetricName: config.primaryMetricName, onError, onCommit: postUpdate });
    // Told once stored, so other tabs that hear it find it in the list.
    return { prepared, recorder, lock: announceDriving(held) };
  } catch (error) {
    held.release();
    throw error;
  }
}

/** Experiment `id` as the dashboard shows it (not live), with its warm-start parents' runs. */
export async function storedView(record: StoredExperiment): Promise<ExperimentView> {
  const snapshot = await readExperimentSnapshot(await database(), record.id);
  return viewOfSnapshot(record, snapshot, await warmPriors((snapshot.experiment ?? record).config));
}

/** The warm-start parents' runs of `config` (none without `resumeFrom`, or when a parent was deleted). */
export async function warmPriors(config: ExperimentConfig): Promise<readonly PriorRun[]> {
  if (config.resumeFrom.length === 0) return [];
  try {
    return (await loadWarmStart(await database(), config)).priors;
  } catch {
    // A parent was deleted since: the best run is chosen among this experiment's runs only.
    return [];
  }
}

/** The stored `best` checkpoint of run `runId`, or undefined. */
export async function bestCheckpoint(runId: string): Promise<StoredCheckpoint | undefined> {
  return getCheckpoint(await database(), runId, 'best');
}

/** Deletes experiment `id` with its runs, metrics and checkpoints in one transaction (its dataset stays). */
export async function deleteStoredExperiment(id: string): Promise<void> {
  const db = await database();
  const lock = await tryLockExperiment(id);
  if (!lock) throw new Error('this experiment is running in another tab; cancel it there first');
  try {
    const runIds = (await getRuns(db, id)).map((run) => run.id);
    const tx = writeTx(db, ['experiments', 'runs', 'metrics', 'checkpoints']);
    await Promise.all([deleteExperimentIn(tx, id), deleteRunsIn(tx, runIds), deleteRunMetricsIn(tx, runIds), deleteRunCheckpointsIn(tx, runIds)]);
    await tx.done;
  } finally {
    lock.release();
  }
}

/** Every stored experiment with its best primary value (from the stored runs' scores), newest first. */
export async function experimentSummaries(): Promise<ExperimentSummary[]> {
  const db = await database();
  const records = await listExperiments(db);
  return Promise.all(records.map(async (record) => summaryOf(record, await getRuns(db, record.id))));
}

/** The encoding and image shape of stored dataset `id` (for an export's preprocessing), or null. */
export async function storedEncoding(id: string | undefined): Promise<{ encoding: DatasetEncoding; imageShape?: readonly number[] } | null> {
  if (id === undefined) return null;
  const dataset = await getDataset(await database(), id);
  return dataset ? { encoding: dataset.encoding, ...(dataset.imageShape ? { imageShape: dataset.imageShape } : {}) } : null;
}

/** What resuming a stored experiment needs (SPEC section 7): its runs, dataset, priors, recorder and lock. */
export interface ResumedExperiment {
  readonly record: StoredExperiment;
  readonly plan: ResumePlan;
  readonly dataset: EncodedDataset;
  readonly priors: readonly PriorRun[];
  readonly recorder: Recorder;
  readonly lock: ExperimentLock;
  /** The checkpoint a continuing run loads. */
  readonly resumeCheckpoint: (runId: string, continueFrom: number) => Promise<StoredCheckpoint | undefined>;
}

/**
 * Marks interrupted or canceled experiment `id` running again and prepares what its host needs.
 * `held`: the experiment's lock when this tab already has it (taking over from a closed tab).
 */
export async function resumeStored(id: string, onError: (message: string) => void, held?: ExperimentLock): Promise<ResumedExperiment> {
  const db = await database();
  const lock = held ?? (await tryLockExperiment(id));
  if (!lock) throw new Error('this experiment is running in another tab');
  try {
    const record = await getExperiment(db, id);
    if (!record) throw new Error(`experiment ${id} is not stored in this browser`);
    const dataset = record.datasetId === undefined ? undefined : await getDataset(db, record.datasetId);
    if (!dataset) throw new Error(`the dataset of ${record.name} is no longer stored; open the data again and start a new experiment`);
    const priors = record.config.resumeFrom.length > 0 ? (await loadWarmStart(db, record.config)).priors : [];
    const plan = await resumeExperiment(db, id);
    const recorder = new Recorder({ db, experimentId: id, primaryMetricName: record.config.primaryMetricName, known: plan.runs, onError, onCommit: postUpdate });
    const resumeCheckpoint = (runId: string, continueFrom: number) => getResumeCheckpoint(db, runId, continueFrom);
    return { record: plan.experiment, plan, dataset, priors, recorder, lock: announceDriving(lock), resumeCheckpoint };
  } catch (error) {
    lock.release();
    throw error;
  }
}
