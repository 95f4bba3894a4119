/**
 * Downloads of the experiment on the dashboard (SPEC section 9): the best run's model as a zip
 * (model.json + weights.bin, run.json, preprocessing.json, experiment.json) and the runs table as CSV.
 */
import { bestCheckpoint } from './storage';
import { download, exportZip, fileStem } from './export-model';
import type { DashboardState } from './dashboard.svelte';
import type { ExperimentSession } from './session.svelte';
import type { FollowState } from './follow.svelte';
import type { ModelCheckpoint } from '../../runtime';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The export actions and their state; the page reports failures through `onError`. */
export class BestRunExport {
  exporting = $state(false);
  /** The image shape of the dataset shown (CNN inputs), written into preprocessing.json. */
  imageShape: readonly number[] | undefined;

  constructor(
    private readonly session: ExperimentSession,
    private readonly dashboard: DashboardState,
    private readonly follow: FollowState,
    private readonly onError: (message: string) => void,
  ) {}

  /** Why the best run's model cannot be exported now, or null. */
  blocked(): string | null {
    const best = this.dashboard.best;
    if (this.follow.active && this.dashboard.view?.driver === 'other-tab') return 'another tab drives this experiment: export its model there, or here once it ends';
    if (!best) return 'no run has a score yet';
    if (best.kind !== 'run') return 'the best run belongs to a warm-start parent: open that experiment to export it';
    return null;
  }

  /** The best run's checkpoint: the stored `best` one, else this tab's copy. */
  private async checkpointOf(runId: string): Promise<ModelCheckpoint | null> {
    const memory = this.session.checkpointOf(runId);
    try {
      const stored = await bestCheckpoint(runId);
      if (stored) return stored as ModelCheckpoint;
    } catch {
      // Storage unavailable (private mode, quota): this tab's copy is the same model.
    }
    return memory ?? null;
  }

  /** Downloads the best run's model with its parameters, metrics and preprocessing as one zip. */
  async model(): Promise<void> {
    const best = this.dashboard.best;
    const view = this.session.view;
    if (!best || best.kind !== 'run' || !view || this.blocked() !== null) return;
    this.exporting = true;
    try {
      const checkpoint = await this.checkpointOf(best.run.id);
      if (!checkpoint) throw new Error(`run ${best.run.index + 1} has no stored model (it saved no checkpoint)`);
      const { run } = best;
      const exported = {
        id: run.id, experimentId: run.experimentId, params: run.params, status: run.status, metrics: run.metrics,
        best: { value: best.value, interval: best.interval },
        ...(run.reason !== undefined ? { reason: run.reason } : {}), ...(run.backend !== undefined ? { backend: run.backend } : {}),
      };
      const zip = exportZip(checkpoint, exported, view.config, this.session.encoding, this.imageShape);
      download(`${fileStem(view.config.name)}-best-run-${run.index + 1}.zip`, zip, 'application/zip');
    } catch (error) {
      this.onError(`export failed: ${messageOf(error)}`);
    } finally {
      this.exporting = false;
    }
  }

  /** Downloads the runs table as CSV. */
  csv(): void {
    const view = this.dashboard.view;
    if (!view) return;
    download(`${fileStem(view.config.name)}-runs.csv`, this.dashboard.csv(), 'text/csv');
  }
}
