/**
 * The page's state: the builder, the experiment running in this tab, the dashboard over it (or
 * over a stored one), the experiments list, and the actions that span them: start (the demo in
 * one click), open, delete, warm start and export.
 */
import { datasetState, type DatasetState } from './dataset.svelte';
import { BuilderState, type DatasetFacts } from './builder.svelte';
import { DashboardState } from './dashboard.svelte';
import { ExperimentsState } from './experiments.svelte';
import { ExperimentSession, newExperimentId } from './session.svelte';
import { bestCheckpoint, resumeStored, storedEncoding, storedView, storeNewExperiment, type NewStoredExperiment, type ResumedExperiment } from './storage';
import { download, exportZip, fileStem } from './export-model';
import type { ModelCheckpoint } from '../../runtime';

export type PageView = 'build' | 'dashboard' | 'experiments';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class AppState {
  readonly builder = new BuilderState();
  readonly session = new ExperimentSession();
  readonly dashboard = new DashboardState(() => this.session.view, () => this.session.now);
  readonly experiments = new ExperimentsState();
  view = $state<PageView>('build');
  starting = $state(false);
  exporting = $state(false);
  /** The last failure of a page action, as a sentence. */
  error = $state<string | null>(null);
  /** The image shape of the dataset shown (CNN inputs), for the export. */
  private imageShape: readonly number[] | undefined;

  constructor(private readonly data: DatasetState = datasetState) {}

  /** What the builder should know of the open dataset. */
  datasetFacts(): DatasetFacts | null {
    const { opened, choices } = this.data;
    if (!opened || !choices) return null;
    const demo = opened.source.startsWith('demo:');
    const spec = demo ? { source: opened.source } : { source: opened.source, target: choices.target, task: choices.task };
    return { spec, task: choices.task, image: opened.imageShape !== undefined };
  }

  /** Starts the prefilled demo experiment on the digits demo: the one-click path. */
  async startDemo(): Promise<void> {
    this.builder.loadDemo();
    if (this.data.demoId !== 'digits' || this.data.status !== 'ready') await this.data.loadDemo('digits');
    const facts = this.datasetFacts();
    if (facts) this.builder.setDataset(facts);
    await this.start();
  }

  /** Starts the builder's experiment on the open dataset; resolves when it ends. */
  async start(): Promise<void> {
    const result = this.builder.result;
    if (!result.ok || this.starting || this.session.running) return;
    this.starting = true;
    this.error = null;
    let stored: NewStoredExperiment | null = null;
    try {
      const { id: datasetId, dataset } = await this.data.prepare();
      const id = newExperimentId();
      stored = await storeNewExperiment(id, result.config, datasetId, (message) => (this.session.warnings = [...this.session.warnings, message]));
      this.imageShape = dataset.imageShape;
      this.dashboard.reset();
      this.view = 'dashboard';
      const running = this.session.start({ config: result.config, dataset, experimentId: id, priors: stored.prepared.priors, store: stored.recorder });
      this.starting = false;
      await running;
    } catch (error) {
      this.error = `the experiment could not run: ${messageOf(error)}`;
    } finally {
      this.starting = false;
      await stored?.recorder.close();
      stored?.lock.release();
      void this.experiments.refresh();
    }
  }

  /** Shows stored experiment `id` in the dashboard. */
  async open(id: string): Promise<void> {
    const summary = this.experiments.find(id);
    if (!summary) return;
    try {
      const [view, data] = await Promise.all([storedView(summary.record), storedEncoding(summary.record.datasetId)]);
      this.session.showStored(view, data?.encoding ?? null);
      this.imageShape = data?.imageShape;
      this.dashboard.reset();
      this.view = 'dashboard';
    } catch (error) {
      this.error = `could not open the experiment: ${messageOf(error)}`;
    }
  }

  /** A new experiment in the builder, warm-started from `parents` (ids, at most 5). */
  warmStart(parents: readonly string[]): void {
    const first = this.experiments.find(parents[0] ?? '');
    if (first) this.builder.loadConfig(first.record.config);
    this.builder.fields.resumeFrom = [...parents].slice(0, 5);
    this.builder.fields.name = `${this.builder.fields.name}-warm`;
    // A fresh seed: random sampling with the parent's seed would try the parent's points again.
    const seeds = parents.map((id) => this.experiments.find(id)?.record.config.sampling.seed ?? 0);
    this.builder.fields.seed = Math.max(0, ...seeds) + 1;
    const facts = this.datasetFacts();
    if (facts) this.builder.setDataset(facts);
    this.view = 'build';
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
  async exportBest(): Promise<void> {
    const best = this.dashboard.best;
    const view = this.session.view;
    if (!best || best.kind !== 'run' || !view) return;
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
      this.error = `export failed: ${messageOf(error)}`;
    } finally {
      this.exporting = false;
    }
  }

  /** Downloads the runs table as CSV. */
  exportCsv(): void {
    const view = this.session.view;
    if (!view) return;
    download(`${fileStem(view.config.name)}-runs.csv`, this.dashboard.csv(), 'text/csv');
  }

  /** Why resuming is not possible in this tab now, or null. */
  resumeBlocked(): string | null {
    return this.session.running || this.starting ? 'an experiment is running in this tab' : null;
  }

  /** Resumes interrupted or canceled experiment `id` (SPEC section 7); resolves when it ends. */
  async resume(id: string): Promise<void> {
    if (this.resumeBlocked()) return;
    this.starting = true;
    this.error = null;
    let resumed: ResumedExperiment | null = null;
    try {
      resumed = await resumeStored(id, (message) => (this.session.warnings = [...this.session.warnings, message]));
      const { record, plan, dataset, priors, recorder, resumeCheckpoint } = resumed;
      this.imageShape = dataset.imageShape;
      this.dashboard.reset();
      this.view = 'dashboard';
      const running = this.session.start({ config: record.config, dataset, experimentId: id, priors, store: recorder, restore: plan.runs, resumeCheckpoint });
      this.starting = false;
      await running;
    } catch (error) {
      this.error = `the experiment could not resume: ${messageOf(error)}`;
    } finally {
      this.starting = false;
      await resumed?.recorder.close();
      resumed?.lock.release();
      void this.experiments.refresh();
    }
  }

  /** Why the best run's model cannot be exported now, or null. */
  exportBlocked(): string | null {
    const best = this.dashboard.best;
    if (!best) return 'no run has a score yet';
    if (best.kind !== 'run') return 'the best run belongs to a warm-start parent: open that experiment to export it';
    return null;
  }
}
