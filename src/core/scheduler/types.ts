/**
 * Plain-data shapes of the experiment state machine (SPEC sections 3, 5 and 6). Every value here
 * is JSON-serialisable: state and commands cross postMessage and land in IndexedDB.
 */
import type { FittedModel, HistorySnapshot, SuggestBatch } from '../sampling';
import type { ExperimentStatus, Goal, ParamValues, RunStatus } from '../types';

/** Limits and identity of one experiment, as the scheduler needs them. */
export interface SchedulerConfig {
  readonly experimentId: string;
  readonly primaryMetricName: string;
  readonly goal: Goal;
  /** Seed of the sampler: run k draws from `createRng(seed, k)`. */
  readonly seed: number;
  /** 1..1000. */
  readonly maxTotalRuns: number;
  /** 1..100; absent: as many as there are workers. */
  readonly maxConcurrentRuns?: number;
  /** Minutes after `start`; then runs still going are canceled and no new run starts. */
  readonly maxDurationMinutes?: number;
  /** The experiment ends as failed once this many runs failed; absent: no limit. */
  readonly maxFailedRuns?: number;
  /** Runs of warm-start parent experiments (`resumeFrom`): sampler history and policy cohort. */
  readonly priors?: readonly PriorRun[];
}

/** A run of a parent experiment, reduced to what sampling and policies read. */
export interface PriorRun {
  readonly id: string;
  readonly params: ParamValues;
  readonly status: RunStatus;
  /** Its primary-metric values per interval (index 0 = interval 1). */
  readonly values: readonly number[];
  /**
   * False when its configuration does not fit this experiment's parameter space: every policy
   * counts it in the cohort, the sampler does not learn from it. Absent: it fits.
   */
  readonly inSpace?: boolean;
}

/** The outcome the scheduler asked for and waits for the worker to confirm. */
export interface RunEnding {
  readonly status: 'stopped' | 'failed' | 'canceled';
  readonly reason: string;
}

/** A worker's tensor count before and after a run. */
export interface TensorCount {
  readonly before: number;
  readonly after: number;
}

/** One run of the experiment. Times are milliseconds of the host's clock. */
export interface RunRecord {
  readonly id: string;
  readonly experimentId: string;
  /** 0-based start order; also the rng stream of its suggestion. */
  readonly index: number;
  readonly params: ParamValues;
  readonly status: RunStatus;
  /** Why it stopped, failed or was canceled (with the numbers). */
  readonly reason?: string;
  /** Worker training it while in flight. */
  readonly workerId?: string;
  /** The worker it trained on, kept once it ended (the dashboard's timeline draws one row per worker). */
  readonly ranOn?: string;
  /** tfjs backend it trained on, as the worker reported it. */
  readonly backend?: string;
  readonly queuedAt: number;
  readonly startedAt?: number;
  readonly endedAt?: number;
  /** Every logged metric as a series in log order; the primary metric's index k is interval k + 1. */
  readonly metrics: Readonly<Record<string, readonly number[]>>;
  /** Number of primary-metric logs so far. */
  readonly intervals: number;
  /** Best finite primary value and its 1-based interval (the score and its checkpoint). */
  readonly best?: { readonly value: number; readonly interval: number };
  /**
   * `tf.memory().numTensors` in its worker when training began and after everything was
   * disposed (after > before: the model code leaked tensors). Absent until the worker reports it.
   */
  readonly tensors?: TensorCount;
  /** Set once the scheduler decided the run's end; later logs are ignored. */
  readonly ending?: RunEnding;
  /**
   * A run continuing from a checkpoint (SPEC section 7, resume): the interval it continues after.
   * Its series hold intervals 1..continueFrom; its next primary log is interval continueFrom + 1.
   * Queued without a worker until one is free; started before any new run is sampled.
   */
  readonly continueFrom?: number;
}

/** Why the scheduler starts no further run. */
export interface StopStarting {
  readonly status: ExperimentStatus;
  readonly reason: string;
  /** Hard stops (cancel, time limit, failure limit) cancel runs in flight; soft ones let them end. */
  readonly hard: boolean;
}

/** The whole experiment as the state machine sees it. */
export interface SchedulerState {
  readonly config: SchedulerConfig;
  readonly status: ExperimentStatus;
  readonly reason?: string;
  readonly startedAt?: number;
  readonly endedAt?: number;
  /** When `maxDurationMinutes` runs out (host clock, ms). */
  readonly deadline?: number;
  readonly runs: readonly RunRecord[];
  /** Workers ready for a run, in the order they became free. */
  readonly idleWorkers: readonly string[];
  readonly stopStarting?: StopStarting;
  /**
   * Samplers with a model (`Sampler.fitting`) are asked by command: the batch asked for and not
   * answered yet (its first run index and size). Idle workers wait for it; one batch at a time.
   */
  readonly suggesting?: { readonly index: number; readonly count: number };
  /** The fit asked for and not answered yet (its `size`). */
  readonly fitting?: number;
  /** The latest fit received; suggestions use it rather than wait for a newer one. */
  readonly fitted?: FittedModel;
}

/** Summary of the experiment carried by `persist` and `finishExperiment`. */
export interface ExperimentProgress {
  readonly experimentId: string;
  readonly status: ExperimentStatus;
  readonly reason?: string;
  readonly startedAt?: number;
  readonly endedAt?: number;
  readonly runCount: number;
  readonly failedCount: number;
}

/** What happened, reported by the host. `at` is the host's clock in ms. */
export type SchedulerEvent =
  | { readonly type: 'start'; readonly at: number }
  | { readonly type: 'workerFree'; readonly workerId: string; readonly at: number }
  | { readonly type: 'workerLost'; readonly workerId: string; readonly reason: string; readonly at: number }
  | { readonly type: 'runStarted'; readonly runId: string; readonly backend?: string; readonly at: number }
  | {
      readonly type: 'runLogged';
      readonly runId: string;
      readonly name: string;
      readonly value: number;
      /** The routine says NaN / Infinity is expected for this metric: record it, do not fail. */
      readonly allowNonFinite?: boolean;
      readonly at: number;
    }
  /** The worker ended the run and is ready for another. */
  | { readonly type: 'runFinished'; readonly runId: string; readonly at: number; readonly tensors?: TensorCount }
  /** The run threw; `workerLost` when its worker is gone (crash, OOM, lost device) and replaced. */
  | { readonly type: 'runFailed'; readonly runId: string; readonly reason: string; readonly workerLost?: boolean; readonly at: number }
  | { readonly type: 'cancelRun'; readonly runId: string; readonly at: number }
  | { readonly type: 'cancelExperiment'; readonly at: number }
  /** The host cannot go on (no worker can start): runs in flight are canceled, the experiment fails. */
  | { readonly type: 'abort'; readonly reason: string; readonly at: number }
  | { readonly type: 'tick'; readonly at: number }
  /** The answer to `suggest`: configurations in run order from `index` (null: nothing left), or why it failed. */
  | { readonly type: 'suggested'; readonly index: number; readonly params: readonly (ParamValues | null)[]; readonly error?: string; readonly at: number }
  /** The answer to `fit` of `size` observations (`fitted` null: nothing to fit), or why it failed. */
  | { readonly type: 'fitted'; readonly size: number; readonly fitted: FittedModel | null; readonly error?: string; readonly at: number };

/** What the host must do. */
export type SchedulerCommand =
  /** `continueFrom`: load the run's checkpoint of that interval and train on from there. */
  | {
      readonly type: 'startRun';
      readonly runId: string;
      readonly index: number;
      readonly params: ParamValues;
      readonly workerId: string;
      readonly continueFrom?: number;
    }
  | { readonly type: 'stopRun'; readonly runId: string; readonly workerId?: string; readonly status: RunEnding['status']; readonly reason: string }
  | { readonly type: 'persist'; readonly runs: readonly RunRecord[]; readonly experiment?: ExperimentProgress }
  /** Send a `tick` at this time (the duration limit). */
  | { readonly type: 'wakeAt'; readonly at: number }
  | { readonly type: 'finishExperiment'; readonly status: ExperimentStatus; readonly reason: string }
  /** Compute the batch's suggestions (off the page's main thread) and answer with `suggested`. */
  | { readonly type: 'suggest'; readonly batch: SuggestBatch }
  /** Fit the sampler's model on the snapshot (apart from suggestions) and answer with `fitted`. */
  | { readonly type: 'fit'; readonly size: number; readonly snapshot: HistorySnapshot };

/** The commands a sampler answers (`suggested`, `fitted`). */
export type SamplerCommand = Extract<SchedulerCommand, { readonly type: 'suggest' | 'fit' }>;

/** The state machine's answer to one event. */
export type StepResult = readonly [SchedulerState, readonly SchedulerCommand[]];
