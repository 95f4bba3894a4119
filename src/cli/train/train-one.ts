/**
 * Trains exactly one run of an experiment on one Node worker thread, with the same worker, train
 * request and backend choice as `tabtune run`: the unit an outside engine (Optuna, Ray, a batch
 * system) schedules. Intervals reach `onInterval` as they are logged; the run's checkpoints reach
 * `onCheckpoint`; `stop()` ends training at the next batch boundary.
 */
import * as Comlink from 'comlink';
import type { ParamValues } from '../../core/types';
import type { EpochLog, ModelCheckpoint, TrainHooks, TrainResult } from '../../protocol';
import { BackendChooser, nodeWorkerSpawner } from '../../runtime/node';
import { trainRequest } from '../../runtime/run-request';
import type { LoadedExperiment } from '../experiment-file';

/** One logged interval: every metric logged since the previous one (non-finite values as they are). */
export interface IntervalLog {
  readonly interval: number;
  readonly metrics: Readonly<Record<string, number>>;
}

/** What to train and whom to tell. */
export interface TrainOneOptions {
  readonly experiment: LoadedExperiment;
  readonly params: ParamValues;
  /** The run number: its weight-initialisation seed is the one run `index` of `tabtune run` gets. */
  readonly index: number;
  /** Continue after this checkpoint's interval (its next interval is `interval + 1`). */
  readonly resume?: { readonly checkpoint: ModelCheckpoint; readonly best?: number };
  /** A worker thread opened beforehand by {@link openTrainer} (default: one opened now). */
  readonly trainer?: Trainer;
  onInterval(log: IntervalLog): void;
  onCheckpoint(checkpoint: ModelCheckpoint): void;
}

/** A run in progress. */
export interface TrainingRun {
  /** Ends training at the next batch boundary (idempotent). */
  stop(): void;
  /** The worker's result, or its error; the worker thread has ended either way. */
  readonly done: Promise<{ result: TrainResult; backend: string }>;
}

/** Groups epoch logs into intervals: one interval per log of the primary metric. */
function intervalCollector(primary: string, first: number, emit: (log: IntervalLog) => void): (entry: EpochLog) => void {
  let interval = first;
  let pending: Record<string, number> = {};
  return (entry) => {
    for (const [name, value] of entry.metrics) pending[name] = value;
    if (!entry.metrics.some(([name]) => name === primary)) return;
    emit({ interval, metrics: pending });
    interval += 1;
    pending = {};
  };
}

function transferables(checkpoint: ModelCheckpoint): ArrayBuffer[] {
  return checkpoint.optimizer ? [checkpoint.weightData, checkpoint.optimizer.weightData] : [checkpoint.weightData];
}

/**
 * A worker thread with the experiment's dataset loaded and, unless the backend is `auto` (which is
 * measured on the run's parameters), its backend set: what a run needs before its parameters are
 * known, so that an engine can start it while it is still choosing them.
 */
export interface Trainer {
  readonly handle: ReturnType<ReturnType<typeof nodeWorkerSpawner>>;
  /** Settles once the dataset is loaded and a forced backend is set; rejects when the thread crashed. */
  readonly ready: Promise<void>;
  readonly crashed: Promise<never>;
}

/** Opens the worker thread of run `runId` and starts loading the experiment's dataset into it. */
export function openTrainer(experiment: LoadedExperiment, runId = 'run'): Trainer {
  const handle = nodeWorkerSpawner()(runId);
  const crashed = new Promise<never>((_, reject) => handle.onCrash((reason) => reject(new Error(reason))));
  // A crash is reported by the run that awaits `crashed`; this copy only must not go unhandled.
  crashed.catch(() => undefined);
  const { backend } = experiment.config;
  const ready = (async () => {
    await handle.api.loadDataset(experiment.dataset);
    if (backend !== 'auto') await handle.api.useBackend(backend);
  })();
  ready.catch(() => undefined);
  return { handle, ready, crashed };
}

/** Starts the run; its worker thread ends when `done` settles. */
export function trainOne(options: TrainOneOptions): TrainingRun {
  const { experiment, params, index } = options;
  const { config } = experiment;
  const runId = `run-${index}`;
  const { handle, ready, crashed } = options.trainer ?? openTrainer(experiment, runId);
  let stopRequested = false;
  const work = (async () => {
    await ready;
    const backend = await new BackendChooser(config.backend, config.model).choose(handle.api, params, (p) => p);
    if (config.backend === 'auto') await handle.api.useBackend(backend);
    const command = { type: 'startRun' as const, runId, workerId: runId, index, params };
    const resume = options.resume ? Comlink.transfer(options.resume, transferables(options.resume.checkpoint)) : undefined;
    const request = trainRequest(config, command, true, true, resume);
    const log = intervalCollector(config.primaryMetricName, (options.resume?.checkpoint.interval ?? 0) + 1, options.onInterval);
    const hooks: TrainHooks = Comlink.proxy({ started: () => undefined, log, checkpoint: options.onCheckpoint });
    if (stopRequested) handle.api.stop(runId);
    const result = await handle.api.train(request, hooks);
    return { result, backend };
  })();
  const done = Promise.race([work, crashed]).finally(() => handle.terminate());
  return {
    stop() {
      if (stopRequested) return;
      stopRequested = true;
      void handle.api.stop(runId);
    },
    done,
  };
}
