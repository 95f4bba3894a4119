/**
 * Storage quota (SPEC section 6: nothing lost on reload). Asks the browser to keep our data
 * (`navigator.storage.persist()`), reports usage, recognises a full disk, and makes room by
 * deleting checkpoints in a fixed order. Metrics and runs are never deleted to make room.
 *
 * Order: (1) every checkpoint of finished runs (completed, stopped, failed, canceled) that are not
 * their experiment's best run; (2) then, if that freed nothing, the `last` checkpoints of runs not
 * in flight, so only `best` models remain. The best run's `best` checkpoint (the exported model)
 * is never deleted.
 */
import { formatBytes } from '../core/data';
import { isBetter } from '../core/goal';
import type { Goal } from '../core/types';
import type { StoredRun, TabtuneDatabase } from './db';
import { commit, readTx, writeTx } from './db';
import { checkpointKeys, deleteCheckpointsIn, type CheckpointKey } from './checkpoints-store';
import { IN_FLIGHT_STATUSES } from './runs-store';

/** Usage of the origin's storage, in bytes (null where the browser does not say). */
export interface StorageUsage {
  readonly usage: number | null;
  readonly quota: number | null;
  /** True when the browser promised not to evict our data. */
  readonly persisted: boolean | null;
}

/** What `freeCheckpointSpace` deleted. */
export interface FreedSpace {
  readonly checkpoints: number;
  readonly stage: 0 | 1 | 2;
}

type StorageManagerLike = Partial<Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>>;

function storageManager(): StorageManagerLike | undefined {
  return typeof navigator === 'undefined' ? undefined : (navigator.storage as StorageManagerLike | undefined);
}

/**
 * Asks the browser to keep our data under storage pressure. Resolves true when granted, false
 * when refused, null where the API is missing (Node, old browsers).
 */
export async function requestPersistentStorage(): Promise<boolean | null> {
  const storage = storageManager();
  if (!storage?.persist) return null;
  try {
    return (await storage.persisted?.()) || (await storage.persist());
  } catch {
    // Some embedders throw instead of refusing: the answer is simply "not granted".
    return false;
  }
}

/** Current usage and quota of this origin. */
export async function storageUsage(): Promise<StorageUsage> {
  const storage = storageManager();
  const estimate = storage?.estimate ? await storage.estimate().catch(() => undefined) : undefined;
  const persisted = storage?.persisted ? await storage.persisted().catch(() => null) : null;
  return { usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, persisted };
}

/** Usage as words: "12.3 MB of 1.2 GB (1%)". */
export function describeUsage(usage: StorageUsage): string {
  if (usage.usage === null) return 'storage use unknown';
  if (usage.quota === null || usage.quota === 0) return `${formatBytes(usage.usage)} used`;
  const percent = Math.round((usage.usage / usage.quota) * 100);
  return `${formatBytes(usage.usage)} of ${formatBytes(usage.quota)} (${percent}%)`;
}

/** True when `error` (or the transaction error it wraps) says the storage quota is exhausted. */
export function isQuotaExceeded(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, message, code } = error as { name?: unknown; message?: unknown; code?: unknown };
  if (name === 'QuotaExceededError' || code === 22) return true;
  return typeof message === 'string' && /quota/i.test(message);
}

/** The plain message the UI shows when storage ran full. */
export async function storageFullMessage(freed: FreedSpace): Promise<string> {
  const usage = describeUsage(await storageUsage());
  const what =
    freed.checkpoints === 0
      ? 'there were no spare checkpoints to delete'
      : `deleted ${freed.checkpoints} checkpoint${freed.checkpoints === 1 ? '' : 's'} of ${freed.stage === 1 ? 'runs that are not their experiment\u2019s best' : 'earlier intervals'}`;
  return `Browser storage is full (${usage}): ${what}; every logged metric is kept. Delete old experiments to make room.`;
}

/** Id of the best run of each experiment (by stored score), for the given runs. */
function bestRunIds(runs: readonly StoredRun[], goals: ReadonlyMap<string, Goal>): Set<string> {
  const best = new Map<string, StoredRun>();
  for (const run of runs) {
    const goal = goals.get(run.experimentId);
    if (!run.best || !goal) continue;
    const current = best.get(run.experimentId);
    if (!current?.best || isBetter(run.best.value, current.best.value, goal)) best.set(run.experimentId, run);
  }
  return new Set([...best.values()].map((run) => run.id));
}

/** Checkpoints to delete at `stage`, never those of `keep`. */
function victims(keys: readonly CheckpointKey[], runs: ReadonlyMap<string, StoredRun>, best: Set<string>, keep: Set<string>, stage: 1 | 2): CheckpointKey[] {
  return keys.filter(([runId, kind]) => {
    const run = runs.get(runId);
    if (keep.has(runId)) return false;
    if (!run) return true; // an orphan: its run is gone
    if (IN_FLIGHT_STATUSES.includes(run.status)) return false;
    if (stage === 1) return run.status !== 'interrupted' && !best.has(runId);
    return kind === 'last';
  });
}

/**
 * Deletes checkpoints to make room, in the order of the module comment, never those of
 * `keepRuns` (the runs being written). Returns how many it deleted and at which stage.
 */
export async function freeCheckpointSpace(db: TabtuneDatabase, options: { keepRuns?: readonly string[] } = {}): Promise<FreedSpace> {
  const keys = await checkpointKeys(db);
  if (keys.length === 0) return { checkpoints: 0, stage: 0 };
  const read = readTx(db, ['experiments', 'runs']);
  const reading = Promise.all([read.objectStore('experiments').getAll(), read.objectStore('runs').getAll()]);
  await commit(read, reading);
  const [experiments, runList] = await reading;
  const goals = new Map(experiments.map((e) => [e.id, e.config.primaryMetricGoal]));
  const runs = new Map(runList.map((run) => [run.id, run]));
  const best = bestRunIds(runList, goals);
  const keep = new Set(options.keepRuns ?? []);
  for (const stage of [1, 2] as const) {
    const doomed = victims(keys, runs, best, keep, stage);
    if (doomed.length === 0) continue;
    const tx = writeTx(db, ['checkpoints']);
    await commit(tx, deleteCheckpointsIn(tx, doomed));
    return { checkpoints: doomed.length, stage };
  }
  return { checkpoints: 0, stage: 0 };
}
