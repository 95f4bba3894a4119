/**
 * The host's writes: what the scheduler asks to persist, and the checkpoints workers report. A
 * failed write is recorded in `errors` and the experiment goes on.
 */
import type { ExperimentProgress, RunRecord } from '../core/scheduler';
import type { ModelCheckpoint } from '../protocol';
import { messageOf } from './host-context';
import type { HostStore } from './host-types';

export class StoreWriter {
  constructor(
    private readonly store: HostStore | undefined,
    private readonly errors: string[],
    /** Each run's best model (what "best model" export reads). */
    private readonly checkpoints: Map<string, ModelCheckpoint>,
  ) {}

  /** Whether the store keeps checkpoints (then workers report one every interval). */
  get keepsCheckpoints(): boolean {
    return this.store?.checkpoint !== undefined;
  }

  persist(runs: readonly RunRecord[], experiment: ExperimentProgress | undefined): void {
    void this.record('persist', () => this.store?.persist?.(runs, experiment));
  }

  /** Keeps `checkpoint` in memory when it is the run's best so far, and stores it. */
  checkpoint(runId: string, checkpoint: ModelCheckpoint): void {
    if (!checkpoint.kinds || checkpoint.kinds.includes('best')) this.checkpoints.set(runId, checkpoint);
    void this.record(`checkpoint of ${runId}`, () => this.store?.checkpoint?.(runId, checkpoint));
  }

  /** Runs a store call; a failure is recorded in `errors` (the experiment goes on). */
  private async record(what: string, call: () => void | Promise<void> | undefined): Promise<void> {
    try {
      await call();
    } catch (error) {
      this.errors.push(`${what} failed: ${messageOf(error)}`);
    }
  }
}
