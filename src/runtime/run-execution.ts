/**
 * Performing a `startRun` command: choose the backend, build the train request (resuming from a
 * checkpoint when the run continues), train on the worker, and turn its callbacks into events.
 */
import * as Comlink from 'comlink';
import type { SchedulerCommand } from '../core/scheduler';
import type { TrainHooks, TrainRequest } from '../protocol';
import type { BackendChooser } from './backend-choice';
import type { HostContext } from './host-context';
import type { StoreWriter } from './host-store';
import { resumePointFor, trainRequest } from './run-request';
import type { RunStatsTable } from './run-stats';
import type { Utilization } from './utilization';
import type { WorkerHandle } from './worker-handle';
import type { WorkerLifecycle } from './worker-lifecycle';

type StartRun = Extract<SchedulerCommand, { type: 'startRun' }>;

export class RunExecution {
  constructor(
    private readonly ctx: HostContext,
    private readonly workers: WorkerLifecycle,
    private readonly chooser: BackendChooser,
    private readonly store: StoreWriter,
    private readonly utilization: Utilization,
    private readonly stats: RunStatsTable,
  ) {}

  /** Trains the run on its worker; the outcome reaches the scheduler as an event. */
  async run(command: StartRun): Promise<void> {
    const { runId, workerId } = command;
    const { dispatch, now, pool } = this.ctx;
    const handle = pool.get(workerId);
    if (!handle) {
      dispatch({ type: 'runFailed', runId, reason: `worker ${workerId} is gone`, workerLost: true, at: now() });
      return;
    }
    const queuedAt = now();
    this.stats.set(runId, { workerId });
    this.utilization.busy(workerId);
    try {
      const request = await this.request(command, handle);
      const result = await this.workers.guard(workerId, handle.api.train(request, this.hooks(runId, workerId, queuedAt)));
      this.stats.set(runId, { workerId, ...this.stats.get(runId), result });
      this.end(runId, workerId);
      dispatch({ type: 'runFinished', runId, at: now(), tensors: { before: result.tensorsBefore, after: result.tensorsAfter } });
    } catch (error) {
      this.end(runId, workerId);
      if (!pool.has(workerId)) return; // the worker was lost: WorkerLifecycle.lose reported it
      this.workers.failRun(handle, runId, error);
    }
  }

  /** Makes the chosen backend active on the worker and builds the run's train request. */
  private async request(command: StartRun, handle: WorkerHandle): Promise<TrainRequest> {
    const { options } = this.ctx;
    const guard = <T>(p: Promise<T>) => this.workers.guard(command.workerId, p);
    const backend = await this.chooser.choose(handle.api, command.params, guard);
    this.workers.admitHeld();
    await guard(handle.api.useBackend(backend));
    const best = this.ctx.state().runs.find((r) => r.id === command.runId)?.best?.value;
    const resume = await resumePointFor(command, options.resumeCheckpoint, best);
    return trainRequest(options.config, command, options.checkpoints ?? true, this.store.keepsCheckpoints, resume);
  }

  /** The worker's callbacks for one run: each also tells the stall watchdog the run is alive. */
  private hooks(runId: string, workerId: string, queuedAt: number): TrainHooks {
    const { dispatch, now } = this.ctx;
    const alive = () => this.workers.watch(runId, workerId);
    return Comlink.proxy({
      started: (backend: string) => {
        alive();
        this.stats.set(runId, { workerId, ...this.stats.get(runId), startLatencyMs: now() - queuedAt });
        dispatch({ type: 'runStarted', runId, backend, at: now() });
      },
      log: (entry) => {
        alive();
        const at = now();
        dispatch(entry.metrics.map(([name, value]) => ({ type: 'runLogged', runId, name, value, at })));
      },
      checkpoint: (checkpoint) => {
        alive();
        this.store.checkpoint(runId, checkpoint);
      },
    } satisfies TrainHooks);
  }

  private end(runId: string, workerId: string): void {
    this.workers.unwatch(runId);
    this.utilization.idle(workerId);
  }
}
