/**
 * Calls into workers that must not hang when their worker dies: a Comlink call to a terminated
 * worker never settles, so every call is wrapped and rejected when the worker is declared lost.
 */
import { WorkerError } from '../core/errors';

export class PendingCalls {
  private readonly rejecters = new Map<string, Set<(error: Error) => void>>();

  /** `promise`, also rejected by `rejectAll(id, ...)` while it is pending. */
  guard<T>(id: string, promise: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const pending = this.rejecters.get(id) ?? new Set();
      this.rejecters.set(id, pending);
      pending.add(reject);
      promise.then(
        (value) => {
          pending.delete(reject);
          resolve(value);
        },
        (error: unknown) => {
          pending.delete(reject);
          reject(error);
        },
      );
    });
  }

  /** Rejects every pending call of worker `id` with a WorkerError carrying `reason`. */
  rejectAll(id: string, reason: string): void {
    const pending = this.rejecters.get(id);
    this.rejecters.delete(id);
    for (const reject of pending ?? []) reject(new WorkerError(reason));
  }
}
