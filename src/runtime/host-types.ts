/** The host's public types: its options, the store it writes to, and the snapshot it publishes. */
import type { EncodedDataset } from '../core/data';
import type { ExperimentConfig } from '../core/experiment';
import type { ExperimentProgress, PriorRun, RunRecord, SchedulerDeps, SchedulerState } from '../core/scheduler';
import type { CalibrationResult, ModelCheckpoint, TrainResult } from '../protocol';
import type { CalibrationSettings } from './backend-choice';
import type { ConcurrencyInfo } from './pool';
import type { ResumeCheckpoint } from './run-request';
import type { SamplerRunner } from './sampler-runner';
import type { SpawnWorker } from './worker-handle';

/** Where the host writes what the scheduler asks to persist (IndexedDB in the page, memory in the CLI). */
export interface HostStore {
  persist?(runs: readonly RunRecord[], experiment: ExperimentProgress | undefined): void | Promise<void>;
  checkpoint?(runId: string, checkpoint: ModelCheckpoint): void | Promise<void>;
}

export interface HostOptions {
  readonly experimentId: string;
  readonly config: ExperimentConfig;
  readonly dataset: EncodedDataset;
  readonly deps: SchedulerDeps;
  readonly spawn: SpawnWorker;
  readonly poolSize: number;
  /**
   * Computes suggestions and fits of a sampler with a model (the page: `workerSamplerRunner`,
   * off the main thread). Absent: inline, in a task after the dispatch that asked.
   */
  readonly samplerRunner?: SamplerRunner;
  readonly store?: HostStore;
  /** Runs of warm-start parents (`resumeFrom`): sampler history and policy cohort. */
  readonly priors?: readonly PriorRun[];
  /**
   * Resuming (SPEC section 7): the runs of the earlier session, for `scheduler.init`. Runs queued
   * with `continueFrom` continue from `resumeCheckpoint`'s model before any new run is sampled.
   */
  readonly restore?: readonly RunRecord[];
  /** The stored checkpoint a continuing run loads (its interval must be `continueFrom`). */
  readonly resumeCheckpoint?: ResumeCheckpoint;
  /** Ask workers for the model each time a run's primary metric improves (default true). */
  readonly checkpoints?: boolean;
  readonly calibration?: CalibrationSettings;
  /** A stopped run whose worker has not ended it after this long loses its worker (default 30 s). */
  readonly stopGraceMs?: number;
  /** A run that reports nothing for this long loses its worker and fails (default 10 min). */
  readonly stallTimeoutMs?: number;
  readonly now?: () => number;
}

/** Per-run facts from the worker: speed, tensor accounting, start latency. */
export interface RunStats {
  readonly workerId: string;
  readonly startLatencyMs?: number;
  readonly result?: TrainResult;
}

/** What the UI and the CLI read. */
export interface HostSnapshot {
  readonly state: SchedulerState;
  readonly backend: string | null;
  /** True while `auto` measures the backends, before the first run trains. */
  readonly calibrating: boolean;
  /** The measurements of `auto` once made (null before, and for a forced backend). */
  readonly calibration: readonly CalibrationResult[] | null;
  readonly concurrency: ConcurrencyInfo;
  /**
   * Per-run facts (worker, start latency, result), copied from the host's table when first read:
   * a listener that reads it when told sees the table as of that snapshot. The page never reads it
   * live, and copying 1000 runs' facts for every snapshot after each change cost its main thread
   * 1.1-1.3 s in a 1000-run experiment (bench:ui --profile).
   */
  readonly stats: Readonly<Record<string, RunStats>>;
  /** Storage or hook failures that did not end a run. */
  readonly errors: readonly string[];
}
