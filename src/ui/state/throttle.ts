/**
 * Coalesces bursts of updates: the host reports every logged metric (several per epoch per run),
 * the page redraws at most once per `ms` with the latest value. Keeps 1000 live runs smooth.
 */
export class Throttle<T> {
  private latest: { value: T } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly ms: number,
    private readonly apply: (value: T) => void,
  ) {}

  /** Schedules `value`; the first of a burst waits `ms`, later ones replace it. */
  push(value: T): void {
    this.latest = { value };
    this.timer ??= setTimeout(() => this.flush(), this.ms);
  }

  /** Applies the pending value now (the experiment ended: show the final state at once). */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const pending = this.latest;
    this.latest = null;
    if (pending) this.apply(pending.value);
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.latest = null;
  }
}
