/**
 * The `datasets` store's only writer. An encoded dataset is stored once under its content id and
 * shared by every run and worker of every experiment that uses it; the typed arrays are stored as
 * ArrayBuffers and come back as Float32Arrays over fresh buffers (ready to transfer).
 */
import { StorageError } from '../core/errors';
import { formatBytes, type EncodedDataset } from '../core/data';
import type { StoredDataset, TabtuneDatabase } from './db';

/** A stored dataset without its matrices, for lists. */
export type DatasetInfo = Omit<StoredDataset, 'trainX' | 'trainY' | 'validX' | 'validY'>;

/** The exact bytes of a typed array (its own buffer when it spans all of it, else a copy). */
function bufferOf(array: Float32Array): ArrayBuffer {
  if (array.byteOffset === 0 && array.byteLength === array.buffer.byteLength && array.buffer instanceof ArrayBuffer) {
    return array.buffer;
  }
  return array.slice().buffer;
}

/** The record for `dataset`. */
export function toStoredDataset(dataset: EncodedDataset, createdAt = Date.now()): StoredDataset {
  const { trainX, trainY, validX, validY, ...rest } = dataset;
  return {
    ...rest,
    createdAt,
    trainRows: trainY.length,
    validRows: validY.length,
    byteLength: trainX.byteLength + trainY.byteLength + validX.byteLength + validY.byteLength,
    trainX: bufferOf(trainX),
    trainY: bufferOf(trainY),
    validX: bufferOf(validX),
    validY: bufferOf(validY),
  };
}

/** The dataset of a record. */
export function fromStoredDataset(record: StoredDataset): EncodedDataset {
  const { trainX, trainY, validX, validY, createdAt: _c, trainRows: _t, validRows: _v, byteLength: _b, ...rest } = record;
  return {
    ...rest,
    trainX: new Float32Array(trainX),
    trainY: new Float32Array(trainY),
    validX: new Float32Array(validX),
    validY: new Float32Array(validY),
  };
}

/** Stores `dataset` unless a dataset with its id is already there; `stored` says which. */
export async function putDataset(db: TabtuneDatabase, dataset: EncodedDataset): Promise<{ id: string; stored: boolean }> {
  const record = toStoredDataset(dataset);
  try {
    const tx = db.transaction('datasets', 'readwrite');
    const existing = await tx.store.getKey(record.id);
    if (existing === undefined) await tx.store.put(record);
    await tx.done;
    return { id: record.id, stored: existing === undefined };
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new StorageError(`storing dataset "${record.name}" (${formatBytes(record.byteLength)}) failed: ${reason}`);
  }
}

/** The dataset stored under `id`, or undefined. */
export async function getDataset(db: TabtuneDatabase, id: string): Promise<EncodedDataset | undefined> {
  const record = await db.get('datasets', id);
  return record ? fromStoredDataset(record) : undefined;
}

/** Whether a dataset with `id` is stored (reads no matrices). */
export async function hasDataset(db: TabtuneDatabase, id: string): Promise<boolean> {
  return (await db.getKey('datasets', id)) !== undefined;
}

/** Every stored dataset without its matrices, newest first (records are read whole: keep the store small). */
export async function listDatasets(db: TabtuneDatabase): Promise<DatasetInfo[]> {
  const records = await db.getAllFromIndex('datasets', 'by-created');
  return records.reverse().map(({ trainX: _a, trainY: _b, validX: _c, validY: _d, ...info }) => info);
}

/** Removes the dataset `id` (no error when absent). */
export async function deleteDataset(db: TabtuneDatabase, id: string): Promise<void> {
  await db.delete('datasets', id);
}
