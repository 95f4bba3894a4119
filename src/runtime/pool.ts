/**
 * The worker pool: a fixed number of training workers, one run each at a time. A worker whose run
 * crashed or threw is replaced by a fresh one under a new id (its tfjs state is not trusted).
 */
import type { SpawnWorker, WorkerHandle } from './worker-handle';

/** Upper bound on the pool, whatever the machine reports. */
export const MAX_POOL_SIZE = 16;

/**
 * Workers for this machine: the user's setting when given, else one per logical core
 * (`navigator.hardwareConcurrency` / `os.availableParallelism()`; single-threaded wasm trains one
 * run per core). Clamped to 1..MAX_POOL_SIZE.
 */
export function defaultPoolSize(hardwareConcurrency: number | undefined, setting?: number): number {
  const wanted = setting ?? hardwareConcurrency ?? 1;
  return Math.max(1, Math.min(MAX_POOL_SIZE, Math.floor(Number.isFinite(wanted) ? wanted : 1)));
}

/** How many runs go at once and whether the pool is what limits it (the UI says so). */
export interface ConcurrencyInfo {
  readonly poolSize: number;
  readonly maxConcurrentRuns: number | null;
  readonly concurrency: number;
  readonly cappedByPool: boolean;
  /** For the UI, e.g. "2 runs at once: the pool has 2 workers (maxConcurrentRuns is 4)". */
  readonly message: string;
}

export function concurrencyInfo(poolSize: number, maxConcurrentRuns?: number): ConcurrencyInfo {
  const concurrency = Math.min(poolSize, maxConcurrentRuns ?? poolSize);
  const cappedByPool = maxConcurrentRuns === undefined || maxConcurrentRuns > poolSize;
  const workers = `${poolSize} worker${poolSize === 1 ? '' : 's'}`;
  const message =
    maxConcurrentRuns === undefined
      ? `${concurrency} at once: the pool has ${workers}`
      : cappedByPool
        ? `${concurrency} at once: the pool has ${workers} (maxConcurrentRuns is ${maxConcurrentRuns})`
        : `${concurrency} at once (maxConcurrentRuns)`;
  return { poolSize, maxConcurrentRuns: maxConcurrentRuns ?? null, concurrency, cappedByPool, message };
}

/** Live workers by id; ids are never reused, so late messages of a replaced worker are recognisable. */
export class WorkerPool {
  private readonly workers = new Map<string, WorkerHandle>();
  private counter = 0;

  constructor(
    private readonly spawn: SpawnWorker,
    readonly size: number,
  ) {}

  /** Spawns workers up to `size`; returns the ids of the new ones. */
  fill(): string[] {
    const ids: string[] = [];
    while (this.workers.size < this.size) ids.push(this.add().id);
    return ids;
  }

  private add(): WorkerHandle {
    this.counter += 1;
    const handle = this.spawn(`w${this.counter}`);
    this.workers.set(handle.id, handle);
    return handle;
  }

  get(id: string): WorkerHandle | undefined {
    return this.workers.get(id);
  }

  has(id: string): boolean {
    return this.workers.has(id);
  }

  ids(): string[] {
    return [...this.workers.keys()];
  }

  /** Terminates worker `id` and starts a fresh one; returns the new worker. */
  replace(id: string): WorkerHandle {
    this.remove(id);
    return this.add();
  }

  remove(id: string): void {
    const handle = this.workers.get(id);
    if (!handle) return;
    this.workers.delete(id);
    handle.terminate();
  }

  terminateAll(): void {
    for (const id of this.ids()) this.remove(id);
  }
}
