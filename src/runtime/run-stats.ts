/**
 * The per-run facts the host collects (speed, tensors, start latency), and the copy its snapshots
 * carry. The host publishes a snapshot after every event (several per logged epoch per run), so
 * the copy is made once per change rather than once per snapshot (with 1000 runs, copying the
 * table on every event cost the page's main thread about 0.4 ms per logged metric), and only for
 * a snapshot whose stats are read (host.ts; the page reads none while live).
 */
import type { RunStats } from './host-types';

export class RunStatsTable {
  private readonly table: Record<string, RunStats> = {};
  private copy: Readonly<Record<string, RunStats>> | null = null;

  get(runId: string): RunStats | undefined {
    return this.table[runId];
  }

  set(runId: string, stats: RunStats): void {
    this.table[runId] = stats;
    this.copy = null;
  }

  /** The table as of now; the same object until the next `set`. */
  snapshot(): Readonly<Record<string, RunStats>> {
    this.copy ??= Object.freeze({ ...this.table });
    return this.copy;
  }
}
