/**
 * The experiments list (SPEC sections 6 and 7): past experiments of this browser with status and
 * best metric; delete; export one as a file and import one from a file; which ones can be
 * resumed, and which can be warm-start parents.
 */
import { PARENT_EXPERIMENT_STATUSES, RESUMABLE_EXPERIMENT_STATUSES } from '../../persistence';
import type { ExperimentStatus } from '../../core/types';
import { download } from './export-model';
import { deleteStoredExperiment, experimentSummaries, type ExperimentSummary } from './storage';
import { experimentFile, importExperimentFile } from './transfer';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ExperimentsState {
  list = $state.raw<readonly ExperimentSummary[]>([]);
  loading = $state(false);
  error = $state<string | null>(null);
  /** The last import's outcome: what came in, or what is wrong with the file. */
  imported = $state<{ ok: boolean; message: string } | null>(null);
  busy = $state(false);

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

  /** Downloads experiment `id` as one file (config, runs, metrics, best checkpoint). */
  async exportOne(id: string): Promise<void> {
    const summary = this.find(id);
    if (!summary) return;
    this.busy = true;
    try {
      const { fileName, text } = await experimentFile(id, summary.record.name);
      download(fileName, text, 'application/json');
    } catch (error) {
      this.error = `could not export ${summary.record.name}: ${messageOf(error)}`;
    } finally {
      this.busy = false;
    }
  }

  /** Stores the experiment of an exported `file`; a bad file changes nothing stored. */
  async importFile(file: File): Promise<void> {
    this.busy = true;
    try {
      const { record, runs } = await importExperimentFile(await file.text());
      this.imported = { ok: true, message: `Imported ${record.name} from ${file.name}: ${runs} run${runs === 1 ? '' : 's'}, status ${record.status}.` };
      await this.refresh();
    } catch (error) {
      this.imported = { ok: false, message: `Could not import ${file.name}: ${messageOf(error)}. Nothing stored was changed.` };
    } finally {
      this.busy = false;
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
