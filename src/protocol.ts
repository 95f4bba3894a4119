/**
 * The host <-> training worker contract (types only). The same surface is exposed by the browser
 * module worker and by the Node worker_threads worker of `tabtune run`, both through Comlink.
 */
import type { EncodedDataset } from './core/data/types';
import type { ModelFamily, ModelSpec } from './core/experiment';
import type { SchedulerEvent, WireSamplerCommand } from './core/scheduler';
import type { Space } from './core/space';
import type { Goal, ParamValue, ParamValues, SamplingType } from './core/types';

/**
 * Backends a worker may train on: tfjs's, and `wasm-fused`, which trains the built-in `mlp` in
 * tabtune's own fused WebAssembly kernel (workers/training/fused/) and every other model on tfjs
 * wasm (a run reports which it used).
 */
export type TrainingBackend = 'webgpu' | 'webgl' | 'wasm' | 'wasm-fused' | 'cpu';

/** The user's model source of families `module` and `file` (absent for the built-in families). */
export type ModelSource = Pick<ModelSpec, 'module' | 'file' | 'freezeUpTo' | 'head'>;

/** What one run trains. */
export interface TrainRequest {
  readonly runId: string;
  readonly family: ModelFamily;
  readonly model?: ModelSource;
  /** The run's sampled parameter values; missing hyperparameters take `fixed`, then the defaults. */
  readonly params: ParamValues;
  readonly fixed: Readonly<Record<string, ParamValue>>;
  readonly primaryMetricName: string;
  readonly goal: Goal;
  /** Seed of weight initialisation and dropout. */
  readonly seed: number;
  /** Report the model (layers format) each time the primary metric improves. */
  readonly checkpoints: boolean;
  /**
   * With `checkpoints`, also report the model at every other interval (kinds `['last']`), so that
   * the run can continue after a reload (SPEC section 7). Default false.
   */
  readonly lastCheckpoints?: boolean;
  /** Continue a run from its checkpoint instead of training from scratch. */
  readonly resume?: ResumePoint;
}

/**
 * Where a continuing run starts: the model and optimizer state of `checkpoint`, its next epoch is
 * interval `checkpoint.interval + 1` (one primary log per epoch), and only a primary value better
 * than `best` (its score so far) makes a new best checkpoint.
 */
export interface ResumePoint {
  readonly checkpoint: ModelCheckpoint;
  readonly best?: number;
}

/** One epoch's logs, in the order they are logged (loss, accuracy | mae, val_loss, val_accuracy | val_mae). */
export interface EpochLog {
  readonly epoch: number;
  readonly metrics: readonly (readonly [name: string, value: number])[];
}

/** A model in tfjs layers format, the weights as one transferable buffer. */
export interface ModelCheckpoint {
  readonly interval: number;
  readonly value: number;
  readonly modelTopology: unknown;
  readonly weightSpecs: readonly WeightSpec[];
  readonly weightData: ArrayBuffer;
  /** The optimizer's state (iterations and slots), to continue training exactly (workers/checkpoint-io.ts). */
  readonly optimizer?: { readonly weightSpecs: readonly WeightSpec[]; readonly weightData: ArrayBuffer };
  /** `best`: the primary metric improved (absent means the same); `last`: the latest interval only. */
  readonly kinds?: readonly ('best' | 'last')[];
}

/** tfjs's weight manifest entry (plain data). */
export interface WeightSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32' | 'bool' | 'string' | 'complex64';
}

/** Callbacks of one run, called from the worker (Comlink proxies; calls are not awaited per batch). */
export interface TrainHooks {
  /** The model is built and training begins on `backend`. */
  started(backend: string): void;
  log(entry: EpochLog): void;
  checkpoint(checkpoint: ModelCheckpoint): void;
}

/** How a run ended in the worker (metric outcomes are the scheduler's business). */
export interface TrainResult {
  readonly runId: string;
  readonly backend: string;
  readonly epochs: number;
  /** Training rows processed per second of fit time (validation included in the time). */
  readonly samplesPerSecond: number;
  readonly fitSeconds: number;
  /** True when a stop request or a non-finite metric ended training before the last epoch. */
  readonly stoppedEarly: boolean;
  /** `tf.memory().numTensors` when the run began and after everything it made was disposed. */
  readonly tensorsBefore: number;
  readonly tensorsAfter: number;
}

/** Samples per second of one backend on the actual model, or why it could not be measured. */
export interface CalibrationResult {
  readonly backend: TrainingBackend;
  readonly samplesPerSecond: number | null;
  readonly error?: string;
  readonly seconds: number;
}

/** What calibration measures: the run's model on the dataset for a few batches. */
export interface CalibrationRequest {
  readonly family: ModelFamily;
  readonly model?: ModelSource;
  readonly params: ParamValues;
  readonly fixed: Readonly<Record<string, ParamValue>>;
  /** Absent: every backend this worker's environment knows, in preference order. */
  readonly backends?: readonly TrainingBackend[];
  /** Timed batches per backend (after two warm-up batches). */
  readonly batches: number;
  /** Longest a backend may take, initialisation and warm-up included, in ms. */
  readonly budgetMs: number;
}

/** The worker's Comlink surface. */
export interface RunWorkerApi {
  /** Makes `backend` active (disposing data tensors of the previous one). */
  useBackend(backend: TrainingBackend): Promise<string>;
  /** Keeps the dataset for every later run (its tensors are made once per backend). */
  loadDataset(dataset: EncodedDataset): Promise<void>;
  calibrate(request: CalibrationRequest): Promise<CalibrationResult[]>;
  train(request: TrainRequest, hooks: TrainHooks): Promise<TrainResult>;
  /** Ends run `runId` at the next batch boundary (also when it has not begun yet). */
  stop(runId: string): void;
  memory(): { numTensors: number; numBytes: number; backend: string };
}

/**
 * The sampler worker's API (workers/sampler.worker.ts): `init` once with the experiment's sampling
 * type and space, then one `answer` per `suggest` or `fit` command of the scheduler, its history
 * sent as a delta (src/core/scheduler/history-delta.ts).
 */
export interface SamplerWorkerApi {
  init(type: SamplingType, space: Space): void;
  answer(command: WireSamplerCommand): SchedulerEvent;
}
