/** How much of the pool's time went into runs: the idle share of the runtime bench. */

export interface UtilizationReport {
  readonly wallMs: number;
  readonly busyMs: number;
  readonly workers: number;
  /** 1 - busy / (workers x wall): time workers sat without a run. */
  readonly idleShare: number;
}

/** Busy intervals per worker slot, from a run's start command to its end. */
export class Utilization {
  private startedAt = 0;
  private endedAt: number | null = null;
  private workers = 0;
  private busyMs = 0;
  private readonly since = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  begin(workers: number): void {
    this.startedAt = this.now();
    this.workers = workers;
  }

  busy(workerId: string): void {
    if (!this.since.has(workerId)) this.since.set(workerId, this.now());
  }

  idle(workerId: string): void {
    const since = this.since.get(workerId);
    if (since === undefined) return;
    this.busyMs += this.now() - since;
    this.since.delete(workerId);
  }

  end(): void {
    for (const id of [...this.since.keys()]) this.idle(id);
    this.endedAt = this.now();
  }

  report(): UtilizationReport {
    const wallMs = (this.endedAt ?? this.now()) - this.startedAt;
    const capacity = wallMs * this.workers;
    return { wallMs, busyMs: this.busyMs, workers: this.workers, idleShare: capacity > 0 ? Math.max(0, 1 - this.busyMs / capacity) : 0 };
  }
}
