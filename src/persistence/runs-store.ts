/**
 * The `runs` store's only writer. A stored run is the scheduler's `RunRecord` without its metric
 * series (each value is a record of `metrics`) and without what only a live tab knows (its worker,
 * an ending the worker has not confirmed yet).
 */
import type { RunRecord } from '../core/scheduler';
import type { RunStatus } from '../core/types';
import type { StoredRun, TabtuneDatabase, TabtuneReadTx, TabtuneWriteTx } from './db';

/** Run statuses that a closed tab leaves behind and that become `interrupted`. */
export const IN_FLIGHT_STATUSES: readonly RunStatus[] = ['queued', 'running'];

/** Statuses from which a run can continue from its last checkpoint (SPEC section 7). */
export const CONTINUABLE_RUN_STATUSES: readonly RunStatus[] = ['stopped', 'canceled', 'interrupted'];

/** The stored summary of `run` (its series lengths in `metricCounts`); keeps `previous.continued`. */
export function storedRunOf(run: RunRecord, primaryMetricName: string, previous?: StoredRun, now = Date.now()): StoredRun {
  const metricCounts: Record<string, number> = {};
  for (const [name, series] of Object.entries(run.metrics)) metricCounts[name] = series.length;
  const primary = run.metrics[primaryMetricName] ?? [];
  return {
    id: run.id,
    experimentId: run.experimentId,
    index: run.index,
    params: run.params,
    status: run.status,
    ...(run.reason !== undefined ? { reason: run.reason } : {}),
    ...(run.backend !== undefined ? { backend: run.backend } : {}),
    queuedAt: run.queuedAt,
    ...(run.startedAt !== undefined ? { startedAt: run.startedAt } : {}),
    ...(run.endedAt !== undefined ? { endedAt: run.endedAt } : {}),
    intervals: run.intervals,
    ...(run.best ? { best: run.best } : {}),
    ...(run.tensors ? { tensors: run.tensors } : {}),
    ...(run.ranOn !== undefined ? { ranOn: run.ranOn } : {}),
    ...(primary.length > 0 ? { last: primary[primary.length - 1] } : {}),
    metricCounts,
    ...(previous?.continued ? { continued: previous.continued } : {}),
    updatedAt: now,
  };
}

/** The scheduler's record of a stored run with its series (`metrics`: name -> values by interval). */
export function runRecordOf(stored: StoredRun, metrics: Readonly<Record<string, readonly number[]>>): RunRecord {
  return {
    id: stored.id,
    experimentId: stored.experimentId,
    index: stored.index,
    params: stored.params,
    status: stored.status,
    ...(stored.reason !== undefined ? { reason: stored.reason } : {}),
    ...(stored.backend !== undefined ? { backend: stored.backend } : {}),
    queuedAt: stored.queuedAt,
    ...(stored.startedAt !== undefined ? { startedAt: stored.startedAt } : {}),
    ...(stored.endedAt !== undefined ? { endedAt: stored.endedAt } : {}),
    metrics,
    intervals: stored.intervals,
    ...(stored.best ? { best: stored.best } : {}),
    ...(stored.tensors ? { tensors: stored.tensors } : {}),
    ...(stored.ranOn !== undefined ? { ranOn: stored.ranOn } : {}),
  };
}

/** Writes the latest version of each run inside `tx`; returns what was stored. */
export async function putRunsIn(tx: TabtuneWriteTx, runs: readonly RunRecord[], primaryMetricName: string, now = Date.now()): Promise<StoredRun[]> {
  const store = tx.objectStore('runs');
  const previous = await Promise.all(runs.map((run) => store.get(run.id)));
  const records = runs.map((run, i) => storedRunOf(run, primaryMetricName, previous[i], now));
  await Promise.all(records.map((record) => store.put(record)));
  return records;
}

/** Writes stored run records as they are (import, resume) inside `tx`. */
export async function putStoredRunsIn(tx: TabtuneWriteTx, records: readonly StoredRun[]): Promise<void> {
  const store = tx.objectStore('runs');
  await Promise.all(records.map((record) => store.put(record)));
}

/** Every run of experiment `experimentId` inside `tx`, in start order. */
export async function runsOfIn(tx: TabtuneReadTx, experimentId: string): Promise<StoredRun[]> {
  const runs = await tx.objectStore('runs').index('by-experiment').getAll(experimentId);
  return runs.sort((a, b) => a.index - b.index);
}

/** Every run of experiment `experimentId`, in start order. */
export async function getRuns(db: TabtuneDatabase, experimentId: string): Promise<StoredRun[]> {
  const runs = await db.getAllFromIndex('runs', 'by-experiment', experimentId);
  return runs.sort((a, b) => a.index - b.index);
}

/** The run `id`, or undefined. */
export async function getRun(db: TabtuneDatabase, id: string): Promise<StoredRun | undefined> {
  return db.get('runs', id);
}

/**
 * Marks the runs of `experimentId` that are still queued or running as `status` with `reason`
 * inside `tx` (a closed tab: `interrupted`). Returns the records it changed.
 */
export async function endInFlightRunsIn(
  tx: TabtuneWriteTx,
  experimentId: string,
  status: RunStatus,
  reason: string,
  now = Date.now(),
): Promise<StoredRun[]> {
  const runs = await runsOfIn(tx, experimentId);
  const changed = runs
    .filter((run) => IN_FLIGHT_STATUSES.includes(run.status))
    .map((run): StoredRun => ({ ...run, status, reason, endedAt: run.endedAt ?? now, updatedAt: now }));
  await putStoredRunsIn(tx, changed);
  return changed;
}

/**
 * Stores `run` (already queued again, its series cut to `fromInterval`) as continuing after
 * interval `fromInterval` inside `tx`, adding to its `continued` history.
 */
export async function continueRunIn(tx: TabtuneWriteTx, run: RunRecord, primaryMetricName: string, fromInterval: number, now = Date.now()): Promise<StoredRun> {
  const store = tx.objectStore('runs');
  const previous = await store.get(run.id);
  const record = storedRunOf(run, primaryMetricName, previous, now);
  const next: StoredRun = { ...record, continued: [...(previous?.continued ?? []), { at: now, fromInterval }] };
  await store.put(next);
  return next;
}

/** Removes the given runs inside `tx`. */
export async function deleteRunsIn(tx: TabtuneWriteTx, ids: readonly string[]): Promise<void> {
  const store = tx.objectStore('runs');
  await Promise.all(ids.map((id) => store.delete(id)));
}
