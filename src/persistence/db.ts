/**
 * The tuner's one IndexedDB database, `tabtune`: the single typed schema, the upgrade ladder and
 * `openTabtuneDB`. Every store is declared here from version 1 with its keys and indexes, so later
 * work extends the record types rather than migrating; a new version adds one step to the ladder.
 * Each store has one writer module: `experiments-store.ts`, `runs-store.ts`, `metrics-store.ts`,
 * `checkpoints-store.ts`, `datasets-store.ts`.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { StorageError } from '../core/errors';
import type { DatasetEncoding, DatasetSource } from '../core/data';
import type { ExperimentConfig } from '../core/experiment';
import type { TensorCount } from '../core/scheduler';
import type { ExperimentStatus, ParamValues, RunStatus } from '../core/types';
import type { WeightSpec } from '../protocol';

export const DB_NAME = 'tabtune';
export const DB_VERSION = 1;

/**
 * An experiment: keyed by `id`. Holds the experiment file as run (defaults filled in) and the
 * progress the scheduler last reported. Written only by `experiments-store.ts`.
 */
export interface StoredExperiment {
  readonly id: string;
  readonly createdAt: number;
  /** Key of the encoded dataset in the `datasets` store, shared by all its runs. */
  readonly datasetId?: string;
  readonly name: string;
  readonly config: ExperimentConfig;
  readonly status: ExperimentStatus;
  readonly reason?: string;
  /** When it first started (host clock, ms); a resume keeps it. */
  readonly startedAt?: number;
  readonly endedAt?: number;
  /** Last write of this record (ms since the epoch). */
  readonly updatedAt: number;
  readonly runCount: number;
  readonly failedCount: number;
  /** Every time it was resumed after an interruption or a cancel (ms since the epoch). */
  readonly resumedAt: readonly number[];
  /** Warm start (`resumeFrom`): how many parent runs the sampler and the policy got. */
  readonly warmStart?: WarmStartSummary;
  /** Set when it came from an exported file: the file's experiment id and when it was imported. */
  readonly imported?: { readonly from: string; readonly at: number };
}

/** What a warm start used from its parents (SPEC section 7); the UI shows it. */
export interface WarmStartSummary {
  readonly parents: readonly { readonly id: string; readonly name: string; readonly runs: number; readonly fit: number; readonly note?: string }[];
  /** Parent runs in every policy's cohort (same primary metric and goal). */
  readonly cohortRuns: number;
  /** Parent runs the sampler learns from: they also fit the new parameter space. */
  readonly samplerRuns: number;
}

/**
 * A run without its metric series (those live in `metrics`): keyed by `id`, found by experiment
 * through the `by-experiment` index. Written only by `runs-store.ts`.
 */
export interface StoredRun {
  readonly id: string;
  readonly experimentId: string;
  /** 0-based start order within the experiment. */
  readonly index: number;
  readonly params: ParamValues;
  readonly status: RunStatus;
  readonly reason?: string;
  readonly backend?: string;
  readonly queuedAt: number;
  readonly startedAt?: number;
  readonly endedAt?: number;
  /** Primary-metric logs so far. */
  readonly intervals: number;
  /** Best finite primary value and its interval (the score and the `best` checkpoint). */
  readonly best?: { readonly value: number; readonly interval: number };
  /** Latest primary value. */
  readonly last?: number;
  /** Values stored in `metrics` per metric name (a series' length). */
  readonly metricCounts: Readonly<Record<string, number>>;
  /** The worker it trained on (RunRecord.ranOn). */
  readonly ranOn?: string;
  /** The worker's tensor count before and after the run (RunRecord.tensors). */
  readonly tensors?: TensorCount;
  /** Each time it continued from a checkpoint: when, and the interval it continued after. */
  readonly continued?: readonly { readonly at: number; readonly fromInterval: number }[];
  readonly updatedAt: number;
}

/**
 * One logged value: keyed by [runId, name, interval]. `interval` is the 1-based position in the
 * metric's series (for the primary metric, SPEC's interval). Non-finite values are kept as they are.
 */
export interface StoredMetric {
  readonly runId: string;
  readonly name: string;
  readonly interval: number;
  readonly value: number;
}

/** Checkpoint kinds: the interval of the run's score, and the latest one (to continue from). */
export type CheckpointKind = 'best' | 'last';

/** One tensor of a stored weight set: the worker protocol's manifest entry, stored as is. */
export type StoredWeightSpec = WeightSpec;

/** A set of named tensors as one buffer and its manifest. */
export interface StoredWeights {
  readonly weightSpecs: readonly StoredWeightSpec[];
  readonly weightData: ArrayBuffer;
}

/**
 * A model checkpoint: keyed by [runId, kind]. The model in tfjs layers format (topology plus
 * weights), the optimizer's state and the interval it was taken at. Written only by
 * `checkpoints-store.ts`.
 */
export interface StoredCheckpoint extends StoredWeights {
  readonly runId: string;
  readonly kind: CheckpointKind;
  readonly experimentId: string;
  /** Primary-metric intervals the model had trained through. */
  readonly interval: number;
  /** Primary value at that interval. */
  readonly value: number;
  readonly modelTopology: unknown;
  /** Optimizer state (`optimizer.getWeights()`: iterations, then its slots in variable order). */
  readonly optimizer?: StoredWeights;
  /** Bytes of weights and optimizer state together. */
  readonly byteLength: number;
  readonly savedAt: number;
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
  /**
   * Float32 data, row-major `trainRows x featureCount`: the bytes themselves, or a Blob of them
   * (image uploads: the worker makes the Blobs, so storing tens of MB never serialises them on the
   * page's main thread, and reading the list of datasets does not read the matrices).
   */
  readonly trainX: ArrayBuffer | Blob;
  readonly trainY: ArrayBuffer | Blob;
  readonly validX: ArrayBuffer | Blob;
  readonly validY: ArrayBuffer | Blob;
}

/** The one schema of the `tabtune` database. */
export interface TabtuneDB extends DBSchema {
  experiments: { key: string; value: StoredExperiment; indexes: { 'by-created': number } };
  runs: { key: string; value: StoredRun; indexes: { 'by-experiment': string } };
  metrics: { key: [string, string, number]; value: StoredMetric; indexes: { 'by-run': string } };
  checkpoints: { key: [string, CheckpointKind]; value: StoredCheckpoint; indexes: { 'by-run': string } };
  datasets: { key: string; value: StoredDataset; indexes: { 'by-created': number } };
}

export type TabtuneDatabase = IDBPDatabase<TabtuneDB>;
export type TabtuneStoreName = StoreNames<TabtuneDB>;
/** A read-write transaction over some stores; store writers take one so related stores commit together. */
export type TabtuneWriteTx = IDBPTransaction<TabtuneDB, TabtuneStoreName[], 'readwrite'>;
/** A read transaction over some stores. */
export type TabtuneReadTx = IDBPTransaction<TabtuneDB, TabtuneStoreName[], 'readonly' | 'readwrite'>;

/** One read-write transaction over `stores` (inside it, await only IndexedDB operations). */
export function writeTx(db: TabtuneDatabase, stores: readonly TabtuneStoreName[]): TabtuneWriteTx {
  return db.transaction([...stores], 'readwrite');
}

/**
 * Waits for `work` (the transaction's requests) and for `tx` to commit. Both are always awaited
 * (no unhandled rejection of `tx.done`), and a failure reports the transaction's own error
 * (QuotaExceededError) rather than the AbortError of a request it took down.
 */
export async function commit(tx: TabtuneWriteTx | TabtuneReadTx, ...work: readonly Promise<unknown>[]): Promise<void> {
  try {
    await Promise.all([...work, tx.done]);
  } catch (error) {
    throw tx.error ?? error;
  }
}

/** One read-only transaction over `stores`. */
export function readTx(db: TabtuneDatabase, stores: readonly TabtuneStoreName[]): TabtuneReadTx {
  return db.transaction([...stores], 'readonly');
}

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
