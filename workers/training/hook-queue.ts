/** Calls a run's hooks without waiting on each (a round trip per log would stall training). */

/** Queued hook calls; errors surface at `flush`, so a lost log fails the run instead of vanishing. */
export class HookQueue {
  private readonly pending: Promise<unknown>[] = [];
  private error: unknown = null;

  call(invoke: () => unknown): void {
    const promise = Promise.resolve()
      .then(invoke)
      .catch((error: unknown) => {
        // Recorded and rethrown by flush(): a lost log must fail the run, not vanish.
        this.error ??= error;
      });
    this.pending.push(promise);
  }

  /** Waits for every queued call, including calls queued by calls (a checkpoint encoded, then reported). */
  async flush(): Promise<void> {
    for (let seen = 0; seen < this.pending.length; ) {
      const batch = this.pending.slice(seen);
      seen = this.pending.length;
      await Promise.all(batch);
    }
    if (this.error !== null) throw this.error;
  }
}
