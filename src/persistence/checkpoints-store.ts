/**
 * The `checkpoints` store's only writer. Per run at most two records, keyed by [runId, kind]:
 * `best` (the model at the interval of the run's score, used by "best model" export) and `last`
 * (the latest interval, weights and optimizer state, used to continue the run). The buffers come
 * from the training worker's IOHandler (workers/checkpoint-io.ts); this module never sees tfjs.
 */
import type { CheckpointKind, StoredCheckpoint, StoredWeights, TabtuneDatabase, TabtuneReadTx, TabtuneWriteTx } from './db';
import { commit, readTx } from './db';

/** What a worker hands over for one checkpoint (structurally `ModelCheckpoint` of the worker protocol). */
export interface CheckpointInput extends StoredWeights {
  readonly interval: number;
  readonly value: number;
  readonly modelTopology: unknown;
  readonly optimizer?: StoredWeights;
}

/** Key of a checkpoint record. */
export type CheckpointKey = [runId: string, kind: CheckpointKind];

/** The record of `input` as checkpoint `kind` of run `runId`. */
export function checkpointRecord(
  experimentId: string,
  runId: string,
  kind: CheckpointKind,
  input: CheckpointInput,
  now = Date.now(),
): StoredCheckpoint {
  const optimizerBytes = input.optimizer?.weightData.byteLength ?? 0;
  return {
    runId,
    kind,
    experimentId,
    interval: input.interval,
    value: input.value,
    modelTopology: input.modelTopology,
    weightSpecs: input.weightSpecs,
    weightData: input.weightData,
    ...(input.optimizer ? { optimizer: input.optimizer } : {}),
    byteLength: input.weightData.byteLength + optimizerBytes,
    savedAt: now,
  };
}

/** Writes `records` inside `tx` (each replaces the run's previous checkpoint of its kind). */
export async function putCheckpointsIn(tx: TabtuneWriteTx, records: readonly StoredCheckpoint[]): Promise<void> {
  const store = tx.objectStore('checkpoints');
  await Promise.all(records.map((record) => store.put(record)));
}

/** Checkpoint `kind` of run `runId`, or undefined. */
export async function getCheckpoint(db: TabtuneDatabase, runId: string, kind: CheckpointKind): Promise<StoredCheckpoint | undefined> {
  return db.get('checkpoints', [runId, kind]);
}

/**
 * The checkpoint run `runId` continues from: the later of `last` and `best` (a best that is also
 * the latest is stored once, as `best`), taken at or before interval `upTo` when given.
 */
export async function getResumeCheckpoint(db: TabtuneDatabase, runId: string, upTo = Number.POSITIVE_INFINITY): Promise<StoredCheckpoint | undefined> {
  const tx = readTx(db, ['checkpoints']);
  const found = checkpointsOfRunIn(tx, runId);
  await commit(tx, found);
  return latestCheckpoint(await found, upTo);
}

/** The checkpoint with the highest interval at or before `upTo` among `candidates`. */
export function latestCheckpoint(candidates: readonly (StoredCheckpoint | undefined)[], upTo = Number.POSITIVE_INFINITY): StoredCheckpoint | undefined {
  let latest: StoredCheckpoint | undefined;
  for (const candidate of candidates) {
    if (candidate && candidate.interval <= upTo && (!latest || candidate.interval > latest.interval)) latest = candidate;
  }
  return latest;
}

/** Both checkpoints of run `runId` inside `tx` (either may be missing). */
export async function checkpointsOfRunIn(tx: TabtuneReadTx, runId: string): Promise<(StoredCheckpoint | undefined)[]> {
  const store = tx.objectStore('checkpoints');
  return Promise.all([store.get([runId, 'last']), store.get([runId, 'best'])]);
}

/** Keys of every stored checkpoint (reads no buffers). */
export async function checkpointKeys(db: TabtuneDatabase): Promise<CheckpointKey[]> {
  return (await db.getAllKeys('checkpoints')) as CheckpointKey[];
}

/** Deletes the checkpoints `keys` inside `tx`. */
export async function deleteCheckpointsIn(tx: TabtuneWriteTx, keys: readonly CheckpointKey[]): Promise<void> {
  const store = tx.objectStore('checkpoints');
  await Promise.all(keys.map((key) => store.delete(key)));
}

/** Deletes every checkpoint of the given runs inside `tx`. */
export async function deleteRunCheckpointsIn(tx: TabtuneWriteTx, runIds: readonly string[]): Promise<void> {
  const store = tx.objectStore('checkpoints');
  await Promise.all(runIds.map((runId) => store.delete(IDBKeyRange.bound([runId], [runId, []]))));
}

/** Deletes run `runId`'s checkpoints taken after interval `keep` inside `tx` (a continued run). */
export async function dropCheckpointsAfterIn(tx: TabtuneWriteTx, runId: string, keep: number): Promise<void> {
  const store = tx.objectStore('checkpoints');
  for (const kind of ['best', 'last'] as const) {
    const record = await store.get([runId, kind]);
    if (record && record.interval > keep) await store.delete([runId, kind]);
  }
}
