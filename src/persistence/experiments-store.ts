/**
 * The `experiments` store's only writer: an experiment's file as run, its status and progress.
 * Functions that take a transaction let the recorder commit an experiment together with its runs
 * and metrics.
 */
import type { ExperimentConfig } from '../core/experiment';
import type { ExperimentProgress } from '../core/scheduler';
import type { ExperimentStatus } from '../core/types';
import type { StoredExperiment, TabtuneDatabase, TabtuneReadTx, TabtuneWriteTx, WarmStartSummary } from './db';

/** Statuses from which an experiment can be resumed (SPEC section 7). */
export const RESUMABLE_EXPERIMENT_STATUSES: readonly ExperimentStatus[] = ['interrupted', 'canceled'];

/** Statuses a `resumeFrom` parent must have (SPEC section 7). */
export const PARENT_EXPERIMENT_STATUSES: readonly ExperimentStatus[] = ['completed', 'canceled'];

/** What a new experiment record needs. */
export interface NewExperiment {
  readonly id: string;
  readonly config: ExperimentConfig;
  readonly datasetId?: string;
  readonly warmStart?: WarmStartSummary;
  readonly imported?: StoredExperiment['imported'];
  readonly createdAt?: number;
}

/** A fresh experiment id: time-ordered, unique across tabs (`exp-<ms base36>-<random>`). */
export function newExperimentId(now = Date.now()): string {
  const random = Math.floor(Math.random() * 36 ** 6).toString(36).padStart(6, '0');
  return `exp-${now.toString(36).padStart(9, '0')}-${random}`;
}

/** The record of a new experiment, running and without runs. */
export function experimentRecord(input: NewExperiment, now = Date.now()): StoredExperiment {
  return {
    id: input.id,
    createdAt: input.createdAt ?? now,
    ...(input.datasetId !== undefined ? { datasetId: input.datasetId } : {}),
    name: input.config.name,
    config: input.config,
    status: 'running',
    updatedAt: now,
    runCount: 0,
    failedCount: 0,
    resumedAt: [],
    ...(input.warmStart ? { warmStart: input.warmStart } : {}),
    ...(input.imported ? { imported: input.imported } : {}),
  };
}

/** Stores a new experiment (replacing one with the same id). */
export async function putExperiment(db: TabtuneDatabase, record: StoredExperiment): Promise<void> {
  await db.put('experiments', record);
}

/** Writes `record` inside `tx`. */
export async function putExperimentIn(tx: TabtuneWriteTx, record: StoredExperiment): Promise<void> {
  await tx.objectStore('experiments').put(record);
}

/**
 * Merges the scheduler's progress into the stored experiment inside `tx`. The first start time is
 * kept across resumes; a missing record is left missing (the experiment was deleted).
 */
export async function applyProgressIn(tx: TabtuneWriteTx, progress: ExperimentProgress, now = Date.now()): Promise<StoredExperiment | undefined> {
  const store = tx.objectStore('experiments');
  const current = await store.get(progress.experimentId);
  if (!current) return undefined;
  const { reason: _reason, endedAt: _endedAt, ...rest } = current;
  const startedAt = current.startedAt ?? progress.startedAt;
  const next: StoredExperiment = {
    ...rest,
    status: progress.status,
    ...(progress.reason !== undefined ? { reason: progress.reason } : {}),
    ...(startedAt !== undefined ? { startedAt } : {}),
    ...(progress.endedAt !== undefined ? { endedAt: progress.endedAt } : {}),
    runCount: progress.runCount,
    failedCount: progress.failedCount,
    updatedAt: now,
  };
  await store.put(next);
  return next;
}

/** Sets the status (and reason) of experiment `id` inside `tx`; returns the new record. */
export async function setExperimentStatusIn(
  tx: TabtuneWriteTx,
  id: string,
  status: ExperimentStatus,
  reason: string | undefined,
  now = Date.now(),
): Promise<StoredExperiment | undefined> {
  const store = tx.objectStore('experiments');
  const current = await store.get(id);
  if (!current) return undefined;
  const { reason: _reason, endedAt: _endedAt, ...rest } = current;
  const ended = status !== 'running';
  const next: StoredExperiment = {
    ...rest,
    status,
    ...(reason !== undefined ? { reason } : {}),
    ...(ended ? { endedAt: current.endedAt ?? now } : {}),
    ...(status === 'running' ? { resumedAt: [...current.resumedAt, now] } : {}),
    updatedAt: now,
  };
  await store.put(next);
  return next;
}

/** The experiment `id`, or undefined. */
export async function getExperiment(db: TabtuneDatabase, id: string): Promise<StoredExperiment | undefined> {
  return db.get('experiments', id);
}

/** The experiment `id` inside `tx`. */
export async function getExperimentIn(tx: TabtuneReadTx, id: string): Promise<StoredExperiment | undefined> {
  return tx.objectStore('experiments').get(id);
}

/** Every experiment, newest first. */
export async function listExperiments(db: TabtuneDatabase): Promise<StoredExperiment[]> {
  const records = await db.getAllFromIndex('experiments', 'by-created');
  return records.reverse();
}

/** Experiments whose stored status is `running` (on open: driven by another tab, or interrupted). */
export async function runningExperimentsIn(tx: TabtuneReadTx): Promise<StoredExperiment[]> {
  const all = await tx.objectStore('experiments').getAll();
  return all.filter((e) => e.status === 'running');
}

/** Removes experiment `id`'s record inside `tx` (its runs, metrics and checkpoints are their writers' job). */
export async function deleteExperimentIn(tx: TabtuneWriteTx, id: string): Promise<void> {
  await tx.objectStore('experiments').delete(id);
}
