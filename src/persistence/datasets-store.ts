/**
 * The `datasets` store's only writer. An encoded dataset is stored once under its content id and
 * shared by every run and worker of every experiment that uses it; the typed arrays are stored as
 * ArrayBuffers (or as the Blobs an image upload brings) and come back as Float32Arrays over fresh
 * buffers (ready to transfer).
 */
import { StorageError } from '../core/errors';
import { formatBytes, type EncodedDataset } from '../core/data';
import type { StoredDataset, TabtuneDatabase } from './db';

/** A stored dataset without its matrices, for lists. */
export type DatasetInfo = Omit<StoredDataset, 'trainX' | 'trainY' | 'validX' | 'validY'>;

type Matrix = 'trainX' | 'trainY' | 'validX' | 'validY';

/** An encoded dataset whose matrices are Blobs of their Float32 bytes (what the image worker hands over). */
export type BlobDataset = Omit<EncodedDataset, Matrix> & { readonly [K in Matrix]: Blob };

/** The exact bytes of a typed array (its own buffer when it spans all of it, else a copy); a Blob as it is. */
function bufferOf(array: Float32Array | Blob): ArrayBuffer | Blob {
  if (array instanceof Blob) return array;
  if (array.byteOffset === 0 && array.byteLength === array.buffer.byteLength && array.buffer instanceof ArrayBuffer) {
    return array.buffer;
  }
  return array.slice().buffer;
}

const byteSize = (m: Float32Array | Blob): number => (m instanceof Blob ? m.size : m.byteLength);

/** The record for `dataset`. */
export function toStoredDataset(dataset: EncodedDataset | BlobDataset, createdAt = Date.now()): StoredDataset {
  const { trainX, trainY, validX, validY, ...rest } = dataset;
  return {
    ...rest,
    createdAt,
    trainRows: byteSize(trainY) / 4,
    validRows: byteSize(validY) / 4,
    byteLength: byteSize(trainX) + byteSize(trainY) + byteSize(validX) + byteSize(validY),
    trainX: bufferOf(trainX),
    trainY: bufferOf(trainY),
    validX: bufferOf(validX),
    validY: bufferOf(validY),
  };
}

async function floats(stored: ArrayBuffer | Blob): Promise<Float32Array> {
  return new Float32Array(stored instanceof Blob ? await stored.arrayBuffer() : stored);
}

/** The dataset of a record (Blob matrices are read asynchronously, off the main thread's clock). */
export async function fromStoredDataset(record: StoredDataset): Promise<EncodedDataset> {
  const { trainX, trainY, validX, validY, createdAt: _c, trainRows: _t, validRows: _v, byteLength: _b, ...rest } = record;
  const [tx, ty, vx, vy] = await Promise.all([floats(trainX), floats(trainY), floats(validX), floats(validY)]);
  return { ...rest, trainX: tx, trainY: ty, validX: vx, validY: vy };
}

/** Stores `dataset` unless a dataset with its id is already there; `stored` says which. */
export async function putDataset(db: TabtuneDatabase, dataset: EncodedDataset | BlobDataset): Promise<{ id: string; stored: boolean }> {
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
  return record ? await fromStoredDataset(record) : undefined;
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
