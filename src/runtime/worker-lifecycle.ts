/**
 * The host's workers over their life: loading the dataset into a new worker, asking one to stop a
 * run, watching for stalls, and replacing a worker that crashed, hung or threw.
 */
import { isInFlight } from '../core/scheduler';
import type { TrainingBackend } from '../protocol';
import { copyDataset, transferDataset } from './dataset-transfer';
import { messageOf, type HostContext } from './host-context';
import type { HostTimers } from './host-timers';
import { PendingCalls } from './pending-calls';
import type { WorkerHandle } from './worker-handle';

/** Errors of a run's setup, not of its worker: the worker stays. */
const SETUP_ERRORS = ['InvalidConfigError', 'CalibrationError'];

export class WorkerLifecycle {
  private readonly pending = new PendingCalls();
  /** Workers offered to the scheduler; at most ctx.trainingWorkers() of the live ones. */
  private readonly admitted = new Set<string>();
  /** Ready workers over that cap: they get no run unless the cap grows (`auto` chose). */
  private readonly held: string[] = [];

  constructor(
    private readonly ctx: HostContext,
    private readonly timers: HostTimers,
  ) {}

  /** A promise that also rejects when worker `id` is lost (crash, stall, grace exceeded). */
  guard<T>(id: string, promise: Promise<T>): Promise<T> {
    return this.pending.guard(id, promise);
  }

  /** Loads the dataset into a new worker and offers it to the scheduler. */
  async prepare(id: string): Promise<void> {
    const { pool, options } = this.ctx;
    const handle = pool.get(id);
    if (!handle) return;
    handle.onCrash((reason) => this.lose(id, reason));
    try {
      // Each worker gets its own copy, transferred rather than cloned (shared/BROWSER.md: 23 ms vs 0.3 ms for 8 MiB).
      await this.guard(id, handle.api.loadDataset(transferDataset(copyDataset(options.dataset))));
    } catch (error) {
      // A worker that cannot even take the dataset is not replaced (it would loop); without any
      // worker left the experiment cannot go on.
      const reason = `worker ${id} could not load the dataset: ${messageOf(error)}`;
      this.ctx.errors.push(reason);
      pool.remove(id);
      if (pool.ids().length === 0) this.ctx.dispatch({ type: 'abort', reason, at: this.ctx.now() });
      return;
    }
    const forced = options.config.backend;
    if (forced !== 'auto') await this.warmUp(id, handle, forced);
    if (!pool.has(id)) return;
    this.offer(id);
  }

  /** Offers ready worker `id` to the scheduler when fewer than the cap are offered; holds it otherwise. */
  private offer(id: string): void {
    for (const known of this.admitted) if (!this.ctx.pool.has(known)) this.admitted.delete(known);
    if (this.admitted.size >= this.ctx.trainingWorkers()) {
      this.held.push(id);
      return;
    }
    this.admitted.add(id);
    this.ctx.dispatch({ type: 'workerFree', workerId: id, at: this.ctx.now() });
  }

  /** Offers the held workers again, up to the cap: called once the backend is known. */
  admitHeld(): void {
    for (const id of this.held.splice(0)) if (this.ctx.pool.has(id)) this.offer(id);
  }

  /** Makes a forced backend ready before the first run, so that its start latency is training, not initialisation. */
  private async warmUp(id: string, handle: WorkerHandle, backend: TrainingBackend): Promise<void> {
    try {
      await this.guard(id, handle.api.useBackend(backend));
    } catch {
      // Left to the first run on this worker, which fails with the backend's own message.
    }
  }

  /** A run that threw: a setup error leaves the worker usable; anything else (OOM, lost device) replaces it. */
  failRun(handle: WorkerHandle, runId: string, error: unknown): void {
    const reason = messageOf(error);
    const { dispatch, now } = this.ctx;
    if (error instanceof Error && SETUP_ERRORS.includes(error.name)) {
      dispatch({ type: 'runFailed', runId, reason, at: now() });
      return;
    }
    const fresh = this.ctx.pool.replace(handle.id);
    dispatch({ type: 'runFailed', runId, reason, workerLost: true, at: now() });
    this.admitHeld();
    void this.prepare(fresh.id);
  }

  /** Worker `id` died or hung: its pending calls reject, the scheduler fails its run, a fresh worker joins. */
  lose(id: string, reason: string): void {
    const { pool } = this.ctx;
    if (!pool.has(id)) return;
    const fresh = this.ctx.state().endedAt === undefined ? pool.replace(id) : null;
    if (!fresh) pool.remove(id);
    this.pending.rejectAll(id, reason);
    this.ctx.dispatch({ type: 'workerLost', workerId: id, reason, at: this.ctx.now() });
    // A held worker, already ready, takes the lost one's place before the fresh one loads.
    this.admitHeld();
    if (fresh) void this.prepare(fresh.id);
  }

  /** Asks the worker to end `runId`; one that has not ended it after the grace period is lost. */
  stop(runId: string, workerId: string | undefined): void {
    const handle = workerId === undefined ? undefined : this.ctx.pool.get(workerId);
    if (!handle || workerId === undefined) return;
    // The worker may be gone by the time this lands; the grace timer below then reports the run.
    Promise.resolve()
      .then(() => handle.api.stop(runId))
      .catch(() => undefined);
    const grace = this.ctx.options.stopGraceMs ?? 30_000;
    this.timers.after(grace, () => {
      const run = this.ctx.state().runs.find((r) => r.id === runId);
      if (run && isInFlight(run.status) && run.workerId === workerId) {
        this.lose(workerId, `worker did not stop run ${runId} within ${grace / 1000} s`);
      }
    });
  }

  /** Run `runId` made progress: its worker is lost if nothing more comes within the stall timeout. */
  watch(runId: string, workerId: string): void {
    const limit = this.ctx.options.stallTimeoutMs ?? 600_000;
    this.timers.watch(runId, limit, () => this.lose(workerId, `worker stopped responding (no progress for ${limit / 1000} s)`));
  }

  unwatch(runId: string): void {
    this.timers.unwatch(runId);
  }
}
