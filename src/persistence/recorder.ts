/**
 * The recorder: what the experiment host hands over (the scheduler's `persist` commands, the
 * workers' checkpoints) written to IndexedDB as it arrives. Writes are batched: a value is in a
 * transaction that starts at most `flushMs` (200 ms by default) after it arrived, or right after
 * the transaction before it commits when that one takes longer; one batch is one transaction over
 * `experiments`, `runs`, `metrics` and `checkpoints`, so a batch lands whole or not at all. A tab
 * that dies loses at most the values of the last `flushMs` plus one transaction.
 *
 * Use it as the host's store: `new ExperimentHost({ ..., store: recorder })`, then
 * `await recorder.close()` once the host's `start()` resolved.
 */
import type { ExperimentProgress, RunRecord } from '../core/scheduler';
import type { CheckpointKind, StoredMetric, TabtuneDatabase } from './db';
import { checkpointRecord, type CheckpointInput } from './checkpoints-store';
import { metricRecords } from './metrics-store';
import { freeCheckpointSpace, isQuotaExceeded, storageFullMessage } from './quota';
import type { LiveUpdate } from './live-channel';
import { emptyBatch, isEmpty, mergeBatches, writeBatch, type Batch } from './recorder-batch';

/** Default longest wait before pending values are written, in ms. */
export const DEFAULT_FLUSH_MS = 200;

/** A checkpoint as the worker reports it; `kinds` absent means `['best']` (taken because the score improved). */
export interface RecordedCheckpoint extends CheckpointInput {
  readonly kinds?: readonly CheckpointKind[];
}

export interface RecorderOptions {
  readonly db: TabtuneDatabase;
  readonly experimentId: string;
  readonly primaryMetricName: string;
  /** Longest wait before a batch is written (ms, default 200). */
  readonly flushMs?: number;
  /** A batch is written at once when it holds this many values (default 2000). */
  readonly maxPendingValues?: number;
  /** Runs whose series are already stored (a resumed experiment): only values after them are written. */
  readonly known?: readonly RunRecord[];
  /** Told after every committed batch (another tab's live view, the UI). */
  readonly onCommit?: (update: LiveUpdate) => void;
  /** Told of every storage problem, in plain words (the experiment goes on; writes are retried). */
  readonly onError?: (message: string) => void;
  readonly now?: () => number;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Batches and writes one experiment's runs, metrics, checkpoints and progress (see the module comment). */
export class Recorder {
  private readonly options: RecorderOptions;
  private readonly now: () => number;
  /** Values per run and metric already queued or written. */
  private readonly counts = new Map<string, Map<string, number>>();
  private pending = emptyBatch();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private chain: Promise<void> = Promise.resolve();
  private retryMs = 0;
  private readonly hide = (): void => {
    if (typeof document === 'undefined' || document.visibilityState === 'hidden') void this.flush();
  };
  /** Batches committed so far. */
  commits = 0;
  /** Host clock (ms) of the last commit. */
  lastCommitAt: number | undefined;

  constructor(options: RecorderOptions) {
    this.options = options;
    this.now = options.now ?? (() => Date.now());
    for (const run of options.known ?? []) this.countsOf(run.id, run.metrics);
    if (typeof addEventListener === 'function') {
      addEventListener('pagehide', this.hide);
      addEventListener('visibilitychange', this.hide);
    }
  }

  /** Values not yet committed (queued or in the transaction being written). */
  get pendingValues(): number {
    return this.pending.metrics.length;
  }

  /** The host's `persist`: queues the changed runs' new values, their summaries and the progress. */
  persist(runs: readonly RunRecord[], experiment: ExperimentProgress | undefined): void {
    for (const run of runs) {
      this.pending.runs.set(run.id, run);
      this.pending.metrics.push(...this.newValues(run));
    }
    if (experiment) this.pending.progress = experiment;
    const ended = experiment !== undefined && experiment.status !== 'running';
    if (ended || this.pending.metrics.length >= (this.options.maxPendingValues ?? 2000)) void this.flush();
    else this.schedule();
  }

  /** The host's `checkpoint`: queues the model of run `runId` under each of its kinds. */
  checkpoint(runId: string, checkpoint: RecordedCheckpoint): void {
    const kinds = checkpoint.kinds ?? ['best'];
    const at = this.now();
    for (const kind of kinds) {
      const key = `${runId}\u0000${kind}`;
      this.pending.deletes.delete(key);
      this.pending.checkpoints.set(key, checkpointRecord(this.options.experimentId, runId, kind, checkpoint, at));
    }
    // A best checkpoint that is also the latest makes the older `last` useless: resume picks the newer.
    if (kinds.includes('best') && !kinds.includes('last')) {
      const key = `${runId}\u0000last`;
      this.pending.checkpoints.delete(key);
      this.pending.deletes.set(key, [runId, 'last']);
    }
    this.schedule();
  }

  /** Writes everything queued now; resolves when it is committed (or kept for a retry after an error). */
  flush(): Promise<void> {
    this.clearTimer();
    this.chain = this.chain.then(() => this.writePending());
    return this.chain;
  }

  /** Writes what is queued and stops listening; later calls still queue and flush. */
  async close(): Promise<void> {
    if (typeof removeEventListener === 'function') {
      removeEventListener('pagehide', this.hide);
      removeEventListener('visibilitychange', this.hide);
    }
    await this.flush();
  }

  private countsOf(runId: string, metrics: RunRecord['metrics']): Map<string, number> {
    let counts = this.counts.get(runId);
    if (!counts) {
      counts = new Map(Object.entries(metrics).map(([name, series]) => [name, series.length]));
      this.counts.set(runId, counts);
    }
    return counts;
  }

  /** Values of `run` not queued yet; a series that got shorter (a continued run) restarts from its length. */
  private newValues(run: RunRecord): StoredMetric[] {
    const counts = this.counts.get(run.id) ?? new Map<string, number>();
    this.counts.set(run.id, counts);
    const out: StoredMetric[] = [];
    for (const [name, series] of Object.entries(run.metrics)) {
      const from = Math.min(counts.get(name) ?? 0, series.length);
      out.push(...metricRecords(run.id, name, series, from));
      counts.set(name, series.length);
    }
    return out;
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    const delay = Math.max(this.options.flushMs ?? DEFAULT_FLUSH_MS, this.retryMs);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async writePending(): Promise<void> {
    const batch = this.pending;
    if (isEmpty(batch)) return;
    this.pending = emptyBatch();
    try {
      const update = await this.writeWithRoom(batch);
      this.retryMs = 0;
      this.commits += 1;
      this.lastCommitAt = this.now();
      this.options.onCommit?.(update);
    } catch (error) {
      // Nothing is dropped: the batch goes back in front of newer values and is retried.
      this.requeue(batch);
      this.retryMs = Math.min(5000, Math.max(500, this.retryMs * 2));
      this.options.onError?.(`could not save the experiment's progress (will retry): ${messageOf(error)}`);
      this.schedule();
    }
  }

  /** Writes `batch`; when storage is full, frees checkpoint space and retries, then retries without checkpoints. */
  private async writeWithRoom(batch: Batch): Promise<LiveUpdate> {
    try {
      return await writeBatch(this.options.db, this.options.experimentId, this.options.primaryMetricName, batch, true);
    } catch (error) {
      if (!isQuotaExceeded(error)) throw error;
      const freed = await freeCheckpointSpace(this.options.db, { keepRuns: [...batch.runs.keys()] });
      this.options.onError?.(await storageFullMessage(freed));
      try {
        return await writeBatch(this.options.db, this.options.experimentId, this.options.primaryMetricName, batch, true);
      } catch (again) {
        if (!isQuotaExceeded(again)) throw again;
        this.options.onError?.('browser storage is still full: this batch is saved without its checkpoints (metrics are kept)');
        return writeBatch(this.options.db, this.options.experimentId, this.options.primaryMetricName, batch, false);
      }
    }
  }

  private requeue(batch: Batch): void {
    this.pending = mergeBatches(batch, this.pending);
  }
}
