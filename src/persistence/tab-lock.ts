/**
 * One experiment is driven by one tab (Web Locks API). The driving tab holds the lock
 * `tabtune-experiment:<id>` while it runs the experiment; the browser releases it when that tab
 * closes or crashes. Another tab that waits for the lock gets it at that moment and takes over
 * (marks the runs the first tab left as interrupted and resumes them). Where `navigator.locks` is
 * missing (Node, tests) every lock is granted at once: one process, one driver.
 */

/** Lock name of experiment `id`. */
export function experimentLockName(id: string): string {
  return `tabtune-experiment:${id}`;
}

/** A held lock. */
export interface ExperimentLock {
  readonly experimentId: string;
  /** Lets other tabs take the experiment (no-op when already released). */
  release(): void;
  /** Resolves once released (by `release`, never by the browser while this tab lives). */
  readonly released: Promise<void>;
}

type LockManagerLike = Pick<LockManager, 'request' | 'query'>;

function lockManager(): LockManagerLike | null {
  if (typeof navigator === 'undefined') return null;
  return (navigator as Navigator & { locks?: LockManagerLike }).locks ?? null;
}

function localLock(experimentId: string): ExperimentLock {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return { experimentId, release, released };
}

/** Holds the lock until released; `onGranted(null)` when `ifAvailable` and another tab holds it. */
function request(experimentId: string, options: LockOptions, onGranted: (lock: ExperimentLock | null) => void): Promise<unknown> {
  const locks = lockManager();
  if (!locks) {
    onGranted(localLock(experimentId));
    return Promise.resolve();
  }
  return locks.request(experimentLockName(experimentId), options, async (granted) => {
    if (!granted) return onGranted(null);
    const lock = localLock(experimentId);
    onGranted(lock);
    await lock.released;
  });
}

/** Takes the lock of experiment `experimentId` if no other tab holds it; null otherwise. */
export function tryLockExperiment(experimentId: string): Promise<ExperimentLock | null> {
  return new Promise((resolve, reject) => {
    request(experimentId, { ifAvailable: true, mode: 'exclusive' }, resolve).catch(reject);
  });
}

/**
 * Waits until no other tab drives experiment `experimentId` (it closed, crashed or finished),
 * then holds its lock. Abort with `signal` to stop waiting (the promise rejects with an AbortError).
 */
export function waitToDrive(experimentId: string, signal?: AbortSignal): Promise<ExperimentLock> {
  return new Promise((resolve, reject) => {
    request(experimentId, { mode: 'exclusive', ...(signal ? { signal } : {}) }, (lock) => {
      if (lock) resolve(lock);
    }).catch(reject);
  });
}

/** Ids of experiments some tab of this origin drives now (empty where Web Locks are missing). */
export async function drivenExperimentIds(): Promise<Set<string>> {
  const locks = lockManager();
  if (!locks) return new Set();
  const { held = [] } = await locks.query();
  const prefix = experimentLockName('');
  return new Set(held.flatMap((lock) => (lock.name?.startsWith(prefix) ? [lock.name.slice(prefix.length)] : [])));
}
