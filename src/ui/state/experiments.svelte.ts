/**
 * The experiments list (SPEC sections 6 and 7): past experiments of this browser with status and
 * best metric; delete; which ones can be resumed, and which can be warm-start parents.
 */
import { PARENT_EXPERIMENT_STATUSES, RESUMABLE_EXPERIMENT_STATUSES } from '../../persistence';
import type { ExperimentStatus } from '../../core/types';
import { deleteStoredExperiment, experimentSummaries, type ExperimentSummary } from './storage';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ExperimentsState {
  list = $state.raw<readonly ExperimentSummary[]>([]);
  loading = $state(false);
  error = $state<string | null>(null);

  /** Experiments a closed tab left unfinished, newest first. */
  readonly interrupted = $derived(this.list.filter((e) => e.record.status === 'interrupted'));
  /** Names by id, for the builder's warm-start parents. */
  readonly names = $derived(Object.fromEntries(this.list.map((e) => [e.record.id, e.record.name])));

  /** Reads the list again. */
  async refresh(): Promise<void> {
    this.loading = true;
    try {
      this.list = await experimentSummaries();
      this.error = null;
    } catch (error) {
      this.error = `could not read the stored experiments: ${messageOf(error)}`;
    } finally {
      this.loading = false;
    }
  }

  /** Deletes experiment `id` and everything it stored. */
  async remove(id: string): Promise<void> {
    try {
      await deleteStoredExperiment(id);
      this.list = this.list.filter((e) => e.record.id !== id);
    } catch (error) {
      this.error = `could not delete the experiment: ${messageOf(error)}`;
    }
  }

  find(id: string): ExperimentSummary | undefined {
    return this.list.find((e) => e.record.id === id);
  }
}

/** True when an experiment with `status` can be resumed. */
export function canResume(status: ExperimentStatus): boolean {
  return RESUMABLE_EXPERIMENT_STATUSES.includes(status);
}

/** True when an experiment with `status` can be a warm-start parent. */
export function canBeParent(status: ExperimentStatus): boolean {
  return PARENT_EXPERIMENT_STATUSES.includes(status);
}
