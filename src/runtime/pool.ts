/**
 * The worker pool: a fixed number of training workers, one run each at a time. A worker whose run
 * crashed or threw is replaced by a fresh one under a new id (its tfjs state is not trusted).
 */
import type { TrainingBackend } from '../protocol';
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

/**
 * How many workers train at once when the experiment's backend runs on the GPU (webgpu or webgl),
 * whatever the pool size. The workers of a tab share one GPU through the browser's one GPU process:
 * extra workers add contention, not throughput. Measured with `npm run bench -- gpu-share` on an
 * NVIDIA H200 (README, "Reference: Runtime"), total samples/s of 2 and 4 workers over one: webgpu
 * 0.98-1.12 and 0.76-1.14 on the models where `auto` picks it (CNNs, a wide MLP), webgl 1.01-1.09
 * and 1.01-1.11; over SwiftShader (2 cores) webgpu gave 0.75-1.04 and 0.76-0.97. With no real gain
 * from a second worker, one run at a time also finishes each run soonest, which the policies and
 * the Bayesian sampler learn from (and a tab keeps few WebGL contexts).
 */
export const SHARED_GPU_WORKERS = 1;

/** The backends that train on the GPU (or a software one standing in for it), shared by a tab's workers. */
export const GPU_BACKENDS: readonly TrainingBackend[] = ['webgpu', 'webgl'];

/**
 * How many of a pool of `poolSize` workers may train at once on `backend`: all of them, except on
 * webgpu and webgl, where they share one GPU and at most SHARED_GPU_WORKERS do. The workers over
 * the cap get no run. Called for the forced backend at start and again once `auto` has chosen.
 */
export function trainingWorkers(poolSize: number, backend: TrainingBackend): number {
  return GPU_BACKENDS.includes(backend) ? Math.min(poolSize, SHARED_GPU_WORKERS) : poolSize;
}

/** How many runs go at once and whether the pool is what limits it (the UI says so). */
export interface ConcurrencyInfo {
  readonly poolSize: number;
  readonly maxConcurrentRuns: number | null;
  readonly concurrency: number;
  /** True when the workers (the pool, or the shared GPU's cap on it) limit concurrency, not maxConcurrentRuns. */
  readonly cappedByPool: boolean;
  /** For the UI, e.g. "2 runs at once: the pool has 2 workers (maxConcurrentRuns is 4)". */
  readonly message: string;
}

/**
 * Concurrency for a pool of `poolSize`, an optional maxConcurrentRuns and the experiment's backend
 * (null while `auto` has not measured yet: the pool's figure, which holds unless it picks webgpu or webgl).
 */
export function concurrencyInfo(poolSize: number, maxConcurrentRuns?: number, backend: TrainingBackend | null = null): ConcurrencyInfo {
  const slots = backend === null ? poolSize : trainingWorkers(poolSize, backend);
  const concurrency = Math.min(slots, maxConcurrentRuns ?? slots);
  const cappedByPool = maxConcurrentRuns === undefined || maxConcurrentRuns > slots;
  const workers = `${poolSize} worker${poolSize === 1 ? '' : 's'}`;
  const limit = maxConcurrentRuns === undefined ? '' : ` (maxConcurrentRuns is ${maxConcurrentRuns})`;
  const message = !cappedByPool
    ? `${concurrency} at once (maxConcurrentRuns)`
    : slots < poolSize
      ? `${concurrency} at once: the pool's ${workers} share one GPU (${backend}), fastest with ${slots} training${limit}`
      : `${concurrency} at once: the pool has ${workers}${limit}`;
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
