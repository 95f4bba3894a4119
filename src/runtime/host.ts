/**
 * The host of one experiment: feeds the scheduler events and performs its commands with the
 * worker pool (start a run, stop a run, persist, wake up for the time limit, finish). The only
 * place where scheduler decisions meet workers, timers and storage.
 */
import * as Comlink from 'comlink';
import type { EncodedDataset } from '../core/data';
import type { ExperimentConfig } from '../core/experiment';
import { createScheduler, type ExperimentProgress, type PriorRun, type RunRecord, type Scheduler, type SchedulerCommand, type SchedulerDeps, type SchedulerEvent, type SchedulerState } from '../core/scheduler';
import type { CalibrationResult, ModelCheckpoint, TrainHooks, TrainResult } from '../../workers/protocol';
import { BackendChooser, type CalibrationSettings } from './backend-choice';
import { copyDataset, transferDataset } from './dataset-transfer';
import { PendingCalls } from './pending-calls';
import { resumePointFor, trainRequest, type ResumeCheckpoint } from './run-request';
import { concurrencyInfo, WorkerPool, type ConcurrencyInfo } from './pool';
import { schedulerConfigOf } from './prepare';
import { Utilization, type UtilizationReport } from './utilization';
import type { SpawnWorker, WorkerHandle } from './worker-handle';

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
  readonly calibration: readonly CalibrationResult[] | null;
  readonly concurrency: ConcurrencyInfo;
  readonly stats: Readonly<Record<string, RunStats>>;
  /** Storage or hook failures that did not end a run. */
  readonly errors: readonly string[];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ExperimentHost {
  private readonly scheduler: Scheduler;
  private readonly pool: WorkerPool;
  private readonly chooser: BackendChooser;
  private readonly now: () => number;
  private state: SchedulerState;
  private readonly queue: SchedulerEvent[] = [];
  private dispatching = false;
  private readonly pending = new PendingCalls();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly watchdogs = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly stats: Record<string, RunStats> = {};
  private readonly errors: string[] = [];
  private readonly listeners = new Set<(snapshot: HostSnapshot) => void>();
  private readonly finished: Promise<SchedulerState>;
  private resolveFinished!: (state: SchedulerState) => void;
  readonly checkpoints = new Map<string, ModelCheckpoint>();
  readonly utilization: Utilization;

  constructor(private readonly options: HostOptions) {
    this.now = options.now ?? (() => Date.now());
    this.scheduler = createScheduler(options.deps);
    this.state = this.scheduler.init(schedulerConfigOf(options.config, options.experimentId, options.priors), options.restore);
    this.pool = new WorkerPool(options.spawn, options.poolSize);
    const { model } = options.config;
    this.chooser = new BackendChooser(options.config.backend, model.family, model.hyperparameters, options.calibration);
    this.utilization = new Utilization(this.now);
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
  }

  /** Starts the workers and the experiment; resolves with the final state when it ends. */
  start(): Promise<SchedulerState> {
    this.utilization.begin(this.options.poolSize);
    this.dispatch({ type: 'start', at: this.now() });
    for (const id of this.pool.fill()) void this.prepare(id);
    return this.finished;
  }

  cancel(): void {
    this.dispatch({ type: 'cancelExperiment', at: this.now() });
  }

  cancelRun(runId: string): void {
    this.dispatch({ type: 'cancelRun', runId, at: this.now() });
  }

  subscribe(listener: (snapshot: HostSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): HostSnapshot {
    return {
      state: this.state,
      backend: this.chooser.chosen,
      calibration: this.chooser.results,
      concurrency: concurrencyInfo(this.options.poolSize, this.options.config.maxConcurrentRuns),
      stats: { ...this.stats },
      errors: [...this.errors],
    };
  }

  utilizationReport(): UtilizationReport {
    return this.utilization.report();
  }

  private dispatch(event: SchedulerEvent): void {
    this.queue.push(event);
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        const [state, commands] = this.scheduler.step(this.state, next);
        this.state = state;
        for (const command of commands) this.execute(command);
      }
    } finally {
      this.dispatching = false;
    }
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }

  private execute(command: SchedulerCommand): void {
    switch (command.type) {
      case 'startRun':
        void this.runOn(command);
        return;
      case 'stopRun':
        return this.stop(command.runId, command.workerId);
      case 'persist':
        return this.persist(command.runs, command.experiment);
      case 'wakeAt':
        return this.wakeAt(command.at);
      case 'finishExperiment':
        return this.finish();
    }
  }

  /** A promise that also rejects when worker `id` is lost (crash, stall, grace exceeded). */
  private guard<T>(id: string, promise: Promise<T>): Promise<T> {
    return this.pending.guard(id, promise);
  }

  /** Loads the dataset into a new worker and offers it to the scheduler. */
  private async prepare(id: string): Promise<void> {
    const handle = this.pool.get(id);
    if (!handle) return;
    handle.onCrash((reason) => this.loseWorker(id, reason));
    try {
      // Each worker gets its own copy, transferred rather than cloned (shared/BROWSER.md: 23 ms vs 0.3 ms for 8 MiB).
      await this.guard(id, handle.api.loadDataset(transferDataset(copyDataset(this.options.dataset))));
    } catch (error) {
      // A worker that cannot even take the dataset is not replaced (it would loop); without any
      // worker left the experiment cannot go on.
      const reason = `worker ${id} could not load the dataset: ${messageOf(error)}`;
      this.errors.push(reason);
      this.pool.remove(id);
      if (this.pool.ids().length === 0) this.dispatch({ type: 'abort', reason, at: this.now() });
      return;
    }
    const forced = this.options.config.backend;
    if (forced !== 'auto') {
      try {
        // Ready before the first run, so that its start latency is training, not initialisation.
        await this.guard(id, handle.api.useBackend(forced));
      } catch {
        // Left to the first run on this worker, which fails with the backend's own message.
      }
    }
    if (!this.pool.has(id)) return;
    this.dispatch({ type: 'workerFree', workerId: id, at: this.now() });
  }

  private async runOn(command: Extract<SchedulerCommand, { type: 'startRun' }>): Promise<void> {
    const { runId, workerId, params } = command;
    const handle = this.pool.get(workerId);
    if (!handle) {
      this.dispatch({ type: 'runFailed', runId, reason: `worker ${workerId} is gone`, workerLost: true, at: this.now() });
      return;
    }
    const queuedAt = this.now();
    this.stats[runId] = { workerId };
    this.utilization.busy(workerId);
    try {
      const backend = await this.chooser.choose(handle.api, params, (p) => this.guard(workerId, p));
      await this.guard(workerId, handle.api.useBackend(backend));
      const best = this.state.runs.find((r) => r.id === runId)?.best?.value;
      const resume = await resumePointFor(command, this.options.resumeCheckpoint, best);
      const keepsCheckpoints = this.options.store?.checkpoint !== undefined;
      const request = trainRequest(this.options.config, command, this.options.checkpoints ?? true, keepsCheckpoints, resume);
      const result = await this.guard(workerId, handle.api.train(request, this.hooks(runId, workerId, queuedAt)));
      this.stats[runId] = { ...this.stats[runId], result };
      this.endRun(runId, workerId);
      this.dispatch({ type: 'runFinished', runId, at: this.now() });
    } catch (error) {
      this.endRun(runId, workerId);
      if (!this.pool.has(workerId)) return; // the worker was lost: loseWorker reported it
      this.failRun(handle, runId, error);
    }
  }

  private hooks(runId: string, workerId: string, queuedAt: number): TrainHooks {
    const alive = () => this.watch(runId, workerId);
    return Comlink.proxy({
      started: (backend: string) => {
        alive();
        this.stats[runId] = { ...this.stats[runId], startLatencyMs: this.now() - queuedAt };
        this.dispatch({ type: 'runStarted', runId, backend, at: this.now() });
      },
      log: (entry) => {
        alive();
        for (const [name, value] of entry.metrics) this.dispatch({ type: 'runLogged', runId, name, value, at: this.now() });
      },
      checkpoint: (checkpoint) => {
        alive();
        // The in-memory map keeps each run's best model (what "best model" export reads).
        if (!checkpoint.kinds || checkpoint.kinds.includes('best')) this.checkpoints.set(runId, checkpoint);
        void this.record(`checkpoint of ${runId}`, () => this.options.store?.checkpoint?.(runId, checkpoint));
      },
    } satisfies TrainHooks);
  }

  /** A run that threw: a setup error leaves the worker usable; anything else (OOM, lost device) replaces it. */
  private failRun(handle: WorkerHandle, runId: string, error: unknown): void {
    const reason = messageOf(error);
    // Errors of the run's setup, not of the worker: the worker stays.
    const setupError = error instanceof Error && ['InvalidConfigError', 'CalibrationError'].includes(error.name);
    if (setupError) {
      this.dispatch({ type: 'runFailed', runId, reason, at: this.now() });
      return;
    }
    const fresh = this.pool.replace(handle.id);
    this.dispatch({ type: 'runFailed', runId, reason, workerLost: true, at: this.now() });
    void this.prepare(fresh.id);
  }

  /** Worker `id` died or hung: its pending calls reject, the scheduler fails its run, a fresh worker joins. */
  private loseWorker(id: string, reason: string): void {
    if (!this.pool.has(id)) return;
    const fresh = this.state.endedAt === undefined ? this.pool.replace(id) : null;
    if (!fresh) this.pool.remove(id);
    this.pending.rejectAll(id, reason);
    this.dispatch({ type: 'workerLost', workerId: id, reason, at: this.now() });
    if (fresh) void this.prepare(fresh.id);
  }

  private watch(runId: string, workerId: string): void {
    const limit = this.options.stallTimeoutMs ?? 600_000;
    clearTimeout(this.watchdogs.get(runId));
    this.watchdogs.set(runId, setTimeout(() => this.loseWorker(workerId, `worker stopped responding (no progress for ${limit / 1000} s)`), limit));
  }

  private endRun(runId: string, workerId: string): void {
    clearTimeout(this.watchdogs.get(runId));
    this.watchdogs.delete(runId);
    this.utilization.idle(workerId);
  }

  private stop(runId: string, workerId: string | undefined): void {
    const handle = workerId === undefined ? undefined : this.pool.get(workerId);
    if (!handle || workerId === undefined) return;
    // The worker may be gone by the time this lands; the grace timer below then reports the run.
    Promise.resolve()
      .then(() => handle.api.stop(runId))
      .catch(() => undefined);
    const grace = this.options.stopGraceMs ?? 30_000;
    this.timer(grace, () => {
      const run = this.state.runs.find((r) => r.id === runId);
      if (run && (run.status === 'queued' || run.status === 'running') && run.workerId === workerId) {
        this.loseWorker(workerId, `worker did not stop run ${runId} within ${grace / 1000} s`);
      }
    });
  }

  private persist(runs: readonly RunRecord[], experiment: ExperimentProgress | undefined): void {
    void this.record('persist', () => this.options.store?.persist?.(runs, experiment));
  }

  /** Runs a store call; a failure is recorded in `errors` (the experiment goes on). */
  private async record(what: string, call: () => void | Promise<void> | undefined): Promise<void> {
    try {
      await call();
    } catch (error) {
      this.errors.push(`${what} failed: ${messageOf(error)}`);
    }
  }

  private wakeAt(at: number): void {
    this.timer(Math.max(0, at - this.now()), () => this.dispatch({ type: 'tick', at: this.now() }));
  }

  private timer(ms: number, callback: () => void): void {
    const id = setTimeout(() => {
      this.timers.delete(id);
      callback();
    }, ms);
    this.timers.add(id);
  }

  private finish(): void {
    for (const id of this.timers) clearTimeout(id);
    for (const id of this.watchdogs.values()) clearTimeout(id);
    this.timers.clear();
    this.watchdogs.clear();
    this.utilization.end();
    this.pool.terminateAll();
    // Resolve after the current dispatch, so the final state includes this step.
    queueMicrotask(() => this.resolveFinished(this.state));
  }
}
