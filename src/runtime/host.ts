/**
 * The host of one experiment: feeds the scheduler events and performs its commands with the
 * worker pool (start a run, stop a run, persist, wake up for the time limit, finish). The only
 * place where scheduler decisions meet workers, timers and storage; the work itself is done by
 * run-execution.ts, worker-lifecycle.ts, host-store.ts and host-timers.ts.
 */
import { createScheduler, type SamplerCommand, type Scheduler, type SchedulerCommand, type SchedulerEvent, type SchedulerState } from '../core/scheduler';
import type { ModelCheckpoint } from '../protocol';
import { BackendChooser } from './backend-choice';
import { messageOf, type HostContext } from './host-context';
import { StoreWriter } from './host-store';
import { HostTimers } from './host-timers';
import type { HostOptions, HostSnapshot } from './host-types';
import { concurrencyInfo, trainingWorkers, WorkerPool } from './pool';
import { schedulerConfigOf } from './prepare';
import { RunExecution } from './run-execution';
import { RunStatsTable } from './run-stats';
import { inlineSamplerRunner, type SamplerRunner } from './sampler-runner';
import { Utilization, type UtilizationReport } from './utilization';
import { WorkerLifecycle } from './worker-lifecycle';

export type { HostOptions, HostSnapshot, HostStore, RunStats } from './host-types';

export class ExperimentHost {
  private readonly scheduler: Scheduler;
  private readonly pool: WorkerPool;
  private readonly chooser: BackendChooser;
  private readonly now: () => number;
  private state: SchedulerState;
  private readonly queue: SchedulerEvent[] = [];
  private dispatching = false;
  private readonly timers = new HostTimers();
  private readonly stats = new RunStatsTable();
  private readonly errors: string[] = [];
  private readonly listeners = new Set<(snapshot: HostSnapshot) => void>();
  private readonly finished: Promise<SchedulerState>;
  private resolveFinished!: (state: SchedulerState) => void;
  private readonly store: StoreWriter;
  private readonly workers: WorkerLifecycle;
  private readonly runs: RunExecution;
  private readonly sampler: SamplerRunner;
  readonly checkpoints = new Map<string, ModelCheckpoint>();
  readonly utilization: Utilization;

  constructor(private readonly options: HostOptions) {
    this.now = options.now ?? (() => Date.now());
    this.scheduler = createScheduler(options.deps);
    this.state = this.scheduler.init(schedulerConfigOf(options.config, options.experimentId, options.priors), options.restore);
    this.pool = new WorkerPool(options.spawn, options.poolSize);
    this.chooser = new BackendChooser(options.config.backend, options.config.model, options.calibration, () => this.publish());
    this.utilization = new Utilization(this.now);
    this.sampler = options.samplerRunner ?? inlineSamplerRunner(options.deps);
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
    const ctx: HostContext = {
      options,
      pool: this.pool,
      now: this.now,
      errors: this.errors,
      state: () => this.state,
      dispatch: (event) => this.dispatch(event),
      trainingWorkers: () => {
        const backend = this.chooser.backend;
        return backend === null ? 1 : trainingWorkers(options.poolSize, backend);
      },
    };
    this.store = new StoreWriter(options.store, this.errors, this.checkpoints);
    this.workers = new WorkerLifecycle(ctx, this.timers);
    this.runs = new RunExecution(ctx, this.workers, this.chooser, this.store, this.utilization, this.stats);
  }

  /** Starts the workers and the experiment; resolves with the final state when it ends. */
  start(): Promise<SchedulerState> {
    this.utilization.begin(this.options.poolSize);
    this.dispatch({ type: 'start', at: this.now() });
    for (const id of this.pool.fill()) void this.workers.prepare(id);
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
    const stats = this.stats;
    return {
      state: this.state,
      backend: this.chooser.chosen,
      calibrating: this.chooser.measuring,
      calibration: this.chooser.results,
      concurrency: concurrencyInfo(this.options.poolSize, this.options.config.maxConcurrentRuns, this.chooser.backend),
      get stats() {
        return stats.snapshot();
      },
      errors: [...this.errors],
    };
  }

  utilizationReport(): UtilizationReport {
    return this.utilization.report();
  }

  /**
   * Steps the scheduler through `events` in order (and any they cause meanwhile), then tells the
   * listeners once: the metrics of one log are one snapshot, not one each.
   */
  private dispatch(events: SchedulerEvent | readonly SchedulerEvent[]): void {
    if (Array.isArray(events)) this.queue.push(...(events as readonly SchedulerEvent[]));
    else this.queue.push(events as SchedulerEvent);
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
    this.publish();
  }

  /** Tells the listeners the current snapshot. */
  private publish(): void {
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }

  private execute(command: SchedulerCommand): void {
    switch (command.type) {
      case 'startRun':
        void this.runs.run(command);
        return;
      case 'stopRun':
        return this.workers.stop(command.runId, command.workerId);
      case 'persist':
        return this.store.persist(command.runs, command.experiment);
      case 'wakeAt':
        return this.timers.after(Math.max(0, command.at - this.now()), () => this.dispatch({ type: 'tick', at: this.now() }));
      case 'finishExperiment':
        return this.finish();
      case 'suggest':
      case 'fit':
        return this.askSampler(command);
    }
  }

  /** Runs a sampler command (off this thread in the page) and feeds its answer back as an event. */
  private askSampler(command: SamplerCommand): void {
    this.sampler.run(command).then(
      (event) => this.dispatch({ ...event, at: this.now() }),
      (error: unknown) => this.dispatch({ type: 'abort', reason: `sampler worker failed: ${messageOf(error)}`, at: this.now() }),
    );
  }

  private finish(): void {
    this.timers.clearAll();
    this.utilization.end();
    this.pool.terminateAll();
    this.sampler.close();
    // Resolve after the current dispatch, so the final state includes this step.
    queueMicrotask(() => this.resolveFinished(this.state));
  }
}
