import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { loadCsvText, type EncodedDataset } from '../../../src/core/data';
import {
  DB_VERSION,
  deleteDataset,
  fromStoredDataset,
  getDataset,
  hasDataset,
  listDatasets,
  openTabtuneDB,
  putDataset,
  toStoredDataset,
} from '../../../src/persistence';
import { copyDataset, datasetBuffers, datasetForWorker } from '../../../src/runtime/dataset-transfer';

let dbCount = 0;
const freshDb = () => openTabtuneDB(`tabtune-test-${++dbCount}`);

function sample(seed = 1, name = 'toy.csv'): Promise<EncodedDataset> {
  const rows = Array.from({ length: 60 }, (_, i) => `${(i * 7) % 13},${['a', 'b', 'c'][i % 3]},${i % 2}`);
  return loadCsvText(`x,c,y\n${rows.join('\n')}\n`, { seed, name });
}

function expectSameDataset(actual: EncodedDataset, expected: EncodedDataset): void {
  expect(actual).toEqual(expected);
  expect(actual.trainX).toBeInstanceOf(Float32Array);
  expect(Array.from(actual.validX)).toEqual(Array.from(expected.validX));
}

describe('tabtune database', () => {
  it('declares all five stores with their keys and indexes at version 1', async () => {
    const db = await freshDb();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['checkpoints', 'datasets', 'experiments', 'metrics', 'runs']);
    const tx = db.transaction(['experiments', 'runs', 'metrics', 'checkpoints', 'datasets']);
    const shape = (name: 'experiments' | 'runs' | 'metrics' | 'checkpoints' | 'datasets') => {
      const store = tx.objectStore(name);
      return { keyPath: store.keyPath, indexes: [...store.indexNames].map((i) => [i, store.index(i).keyPath]) };
    };
    expect(shape('experiments')).toEqual({ keyPath: 'id', indexes: [['by-created', 'createdAt']] });
    expect(shape('runs')).toEqual({ keyPath: 'id', indexes: [['by-experiment', 'experimentId']] });
    expect(shape('metrics')).toEqual({ keyPath: ['runId', 'name', 'interval'], indexes: [['by-run', 'runId']] });
    expect(shape('checkpoints')).toEqual({ keyPath: ['runId', 'kind'], indexes: [['by-run', 'runId']] });
    expect(shape('datasets')).toEqual({ keyPath: 'id', indexes: [['by-created', 'createdAt']] });
    db.close();
  });

  it('reopens an existing database without upgrading again', async () => {
    const name = `tabtune-test-${++dbCount}`;
    const dataset = await sample();
    const first = await openTabtuneDB(name);
    await putDataset(first, dataset);
    first.close();
    const second = await openTabtuneDB(name);
    expect(second.version).toBe(DB_VERSION);
    expect(await hasDataset(second, dataset.id)).toBe(true);
    second.close();
  });
});

describe('datasets store', () => {
  it('stores typed arrays as ArrayBuffers and gives back an equal dataset', async () => {
    const dataset = await sample();
    const record = toStoredDataset(dataset, 5);
    expect(record.trainX).toBeInstanceOf(ArrayBuffer);
    expect(record).toMatchObject({ createdAt: 5, trainRows: dataset.trainY.length, validRows: dataset.validY.length });
    expect(record.byteLength).toBe(4 * (dataset.trainX.length + dataset.trainY.length + dataset.validX.length + dataset.validY.length));
    expectSameDataset(await fromStoredDataset(record), dataset);

    const db = await freshDb();
    expect(await putDataset(db, dataset)).toEqual({ id: dataset.id, stored: true });
    const raw = await db.get('datasets', dataset.id);
    expect(raw!.validX).toBeInstanceOf(ArrayBuffer);
    expectSameDataset((await getDataset(db, dataset.id))!, dataset);
    db.close();
  });

  it('stores Blob matrices (an image upload) as Blobs and gives back an equal dataset of Float32Arrays', async () => {
    const dataset = await sample(3, 'blobs.csv');
    const blob = (m: Float32Array) => new Blob([m as Float32Array<ArrayBuffer>]);
    const blobs = { ...dataset, trainX: blob(dataset.trainX), trainY: blob(dataset.trainY), validX: blob(dataset.validX), validY: blob(dataset.validY) };
    const db = await freshDb();
    expect(await putDataset(db, blobs)).toEqual({ id: dataset.id, stored: true });
    const raw = await db.get('datasets', dataset.id);
    expect(raw!.trainX).toBeInstanceOf(Blob);
    expect(raw).toMatchObject({ trainRows: dataset.trainY.length, validRows: dataset.validY.length, byteLength: 4 * (dataset.trainX.length + dataset.trainY.length + dataset.validX.length + dataset.validY.length) });
    expectSameDataset((await getDataset(db, dataset.id))!, dataset);
    expect((await listDatasets(db)).map((d) => [d.id, 'trainX' in d])).toEqual([[dataset.id, false]]);
    db.close();
  });

  it('stores a dataset once: a second put of the same id writes nothing', async () => {
    const db = await freshDb();
    const dataset = await sample();
    await putDataset(db, dataset);
    const before = (await db.get('datasets', dataset.id))!.createdAt;
    expect(await putDataset(db, await sample())).toEqual({ id: dataset.id, stored: false });
    expect((await db.get('datasets', dataset.id))!.createdAt).toBe(before);
    expect(await db.count('datasets')).toBe(1);
    db.close();
  });

  it('lists without matrices, newest first; checks and deletes', async () => {
    const db = await freshDb();
    const a = await sample(1, 'a.csv');
    const b = await sample(2, 'b.csv');
    await putDataset(db, a);
    await new Promise((r) => setTimeout(r, 5));
    await putDataset(db, b);
    const list = await listDatasets(db);
    expect(list.map((d) => d.name)).toEqual(['b.csv', 'a.csv']);
    expect(list[0]).not.toHaveProperty('trainX');
    expect(list[0]).toMatchObject({ id: b.id, featureCount: b.featureCount, outputCount: 2, splitSeed: 2 });
    expect(await hasDataset(db, a.id)).toBe(true);
    await deleteDataset(db, a.id);
    expect(await hasDataset(db, a.id)).toBe(false);
    expect(await getDataset(db, a.id)).toBeUndefined();
    await deleteDataset(db, 'absent');
    db.close();
  });

  it('hands a stored dataset to a worker over fresh, transferable buffers', async () => {
    const db = await freshDb();
    const dataset = await sample();
    await putDataset(db, dataset);
    const one = await datasetForWorker(db, dataset.id);
    const two = await datasetForWorker(db, dataset.id);
    expect(datasetBuffers(one)).toHaveLength(4);
    expect(datasetBuffers(one)[0]).not.toBe(datasetBuffers(two)[0]);
    const copy = copyDataset(one);
    structuredClone(one, { transfer: datasetBuffers(one) });
    expect(one.trainX.length).toBe(0);
    expect(copy.trainX.length).toBe(dataset.trainX.length);
    await expect(datasetForWorker(db, 'nope')).rejects.toThrow('dataset "nope" is not in the database (was it deleted?)');
    db.close();
  });
});
