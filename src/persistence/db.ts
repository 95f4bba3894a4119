/**
 * The tuner's one IndexedDB database, `tabtune`: the single typed schema, the upgrade ladder and
 * `openTabtuneDB`. Every store is declared here from version 1 with its keys and indexes, so later
 * work extends the record types rather than migrating; a new version adds one step to the ladder.
 * Each store has one writer module (`datasets-store.ts` for `datasets`).
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { StorageError } from '../core/errors';
import type { DatasetEncoding, DatasetSource } from '../core/data';

export const DB_NAME = 'tabtune';
export const DB_VERSION = 1;

/** An experiment: keyed by `id`; remembers the dataset it used. Fields beyond these belong to its writer. */
export interface StoredExperiment {
  readonly id: string;
  readonly createdAt: number;
  /** Key of the encoded dataset in the `datasets` store, shared by all its runs. */
  readonly datasetId?: string;
  readonly [field: string]: unknown;
}

/** A run: keyed by `id`, found by experiment through the `by-experiment` index. */
export interface StoredRun {
  readonly id: string;
  readonly experimentId: string;
  readonly [field: string]: unknown;
}

/** One logged value: keyed by [runId, name, interval] (interval is 1-based). */
export interface StoredMetric {
  readonly runId: string;
  readonly name: string;
  readonly interval: number;
  readonly value: number;
  readonly [field: string]: unknown;
}

/** A checkpoint: keyed by [runId, kind] (for example 'best' and 'last'). */
export interface StoredCheckpoint {
  readonly runId: string;
  readonly kind: string;
  readonly [field: string]: unknown;
}

/** An encoded dataset, stored once and shared by every run; the matrices as ArrayBuffers. */
export interface StoredDataset {
  readonly id: string;
  readonly name: string;
  readonly source: DatasetSource;
  readonly createdAt: number;
  readonly encoding: DatasetEncoding;
  readonly featureCount: number;
  readonly outputCount: number;
  readonly imageShape?: readonly [number, number, number];
  readonly splitSeed: number;
  readonly validationFraction: number;
  readonly trainRows: number;
  readonly validRows: number;
  /** Bytes of the four matrices together. */
  readonly byteLength: number;
  /** Float32 data, row-major `trainRows x featureCount`. */
  readonly trainX: ArrayBuffer;
  readonly trainY: ArrayBuffer;
  readonly validX: ArrayBuffer;
  readonly validY: ArrayBuffer;
}

/** The one schema of the `tabtune` database. */
export interface TabtuneDB extends DBSchema {
  experiments: { key: string; value: StoredExperiment; indexes: { 'by-created': number } };
  runs: { key: string; value: StoredRun; indexes: { 'by-experiment': string } };
  metrics: { key: [string, string, number]; value: StoredMetric; indexes: { 'by-run': string } };
  checkpoints: { key: [string, string]; value: StoredCheckpoint; indexes: { 'by-run': string } };
  datasets: { key: string; value: StoredDataset; indexes: { 'by-created': number } };
}

export type TabtuneDatabase = IDBPDatabase<TabtuneDB>;
type UpgradeTransaction = IDBPTransaction<TabtuneDB, StoreNames<TabtuneDB>[], 'versionchange'>;

/** Version 0 -> 1: every store and index. */
function createVersion1(db: TabtuneDatabase): void {
  db.createObjectStore('experiments', { keyPath: 'id' }).createIndex('by-created', 'createdAt');
  db.createObjectStore('runs', { keyPath: 'id' }).createIndex('by-experiment', 'experimentId');
  db.createObjectStore('metrics', { keyPath: ['runId', 'name', 'interval'] }).createIndex('by-run', 'runId');
  db.createObjectStore('checkpoints', { keyPath: ['runId', 'kind'] }).createIndex('by-run', 'runId');
  db.createObjectStore('datasets', { keyPath: 'id' }).createIndex('by-created', 'createdAt');
}

/** Step k of the ladder upgrades version k to k + 1. */
const LADDER: ReadonlyArray<(db: TabtuneDatabase, tx: UpgradeTransaction) => void> = [createVersion1];

/** Runs every ladder step from `oldVersion` up to `newVersion` (idb's `upgrade` callback). */
export function upgradeTabtuneDB(db: TabtuneDatabase, oldVersion: number, newVersion: number | null, tx: UpgradeTransaction): void {
  for (let version = oldVersion; version < (newVersion ?? DB_VERSION); version++) LADDER[version](db, tx);
}

/**
 * Opens (creating or upgrading) the database. When another tab needs a newer version this
 * connection closes itself so that tab is not blocked.
 */
export async function openTabtuneDB(name = DB_NAME): Promise<TabtuneDatabase> {
  try {
    const db = await openDB<TabtuneDB>(name, DB_VERSION, {
      upgrade: upgradeTabtuneDB,
      blocking: () => db.close(),
    });
    return db;
  } catch (error) {
    throw new StorageError(`could not open the "${name}" database (version ${DB_VERSION}): ${error instanceof Error ? error.message : String(error)}`);
  }
}
