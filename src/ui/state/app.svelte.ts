/**
 * The page's state: the builder, the experiment running in this tab, the dashboard over it (or
 * over a stored one, or over one another tab drives), the experiments list, storage use, and the
 * actions that span them: start (the demo in one click), open, follow and take over, delete,
 * resume, warm start and import (exports live in best-export.svelte.ts).
 */
import { datasetState, type DatasetState } from './dataset.svelte';
import { BuilderState, type DatasetFacts } from './builder.svelte';
import { DashboardState } from './dashboard.svelte';
import { ExperimentsState } from './experiments.svelte';
import { ExperimentSession, newExperimentId } from './session.svelte';
import { database, resumeStored, storedEncoding, storedView, storeNewExperiment, type NewStoredExperiment, type ResumedExperiment } from './storage';
import { BestRunExport } from './best-export.svelte';
import { FollowState } from './follow.svelte';
import { QuotaState } from './quota.svelte';
import { interruptIfRunning, onDriverChange } from './tabs';
import { storedFacts } from './stored-datasets';
import type { ExperimentLock, StoredExperiment } from '../../persistence';

export type PageView = 'build' | 'dashboard' | 'experiments';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class AppState {
  readonly builder = new BuilderState();
  readonly session = new ExperimentSession();
  /** An experiment another tab drives, shown live and read-only in place of the session's. */
  readonly follow = new FollowState();
  readonly dashboard = new DashboardState(
    () => this.follow.view ?? this.session.view,
    () => (this.follow.view ? this.follow.now : this.session.now),
  );
  readonly experiments = new ExperimentsState();
  readonly quota = new QuotaState();
  view = $state<PageView>('build');
  starting = $state(false);
  /** The last failure of a page action, as a sentence. */
  error = $state<string | null>(null);
  /** The best run's model and the runs table as downloads. */
  readonly exports = new BestRunExport(this.session, this.dashboard, this.follow, (message) => (this.error = message));

  /** Experiments stored as running that this tab does not drive: another tab does. */
  readonly drivenElsewhere = $derived(
    this.experiments.list.filter((e) => e.record.status === 'running' && !(this.session.running && this.session.view?.id === e.record.id)),
  );

  constructor(private readonly data: DatasetState = datasetState) {}

  /** Page start: persistent storage, usage, the list, and the other tabs' news; returns the unsubscribe. */
  mount(): () => void {
    void this.quota.start();
    void this.experiments.refresh().then(() => this.showLatest());
    return onDriverChange(() => void this.experiments.refresh());
  }

  /**
   * On page load, the dashboard shows the latest stored experiment (the page stays where it is);
   * one another tab still runs is left to the banner that offers to watch it.
   */
  private async showLatest(): Promise<void> {
    const latest = this.experiments.list[0]?.record;
    if (!latest || latest.status === 'running' || this.session.view || this.starting || this.follow.active) return;
    await this.load(latest, true);
  }

  /** Reads the list and the storage use again. */
  async refreshStored(): Promise<void> {
    await Promise.all([this.experiments.refresh(), this.quota.refresh()]);
  }

  /** The recorder's storage problems: a full disk becomes the page's notice, every one a warning. */
  private readonly storageProblem = (message: string): void => {
    this.quota.report(message);
    this.session.warnings = [...this.session.warnings, message];
  };

  /** What the builder should know of the open dataset. */
  datasetFacts(): DatasetFacts | null {
    if (this.data.stored) return storedFacts(this.data.stored);
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
      stored = await storeNewExperiment(id, result.config, datasetId, this.storageProblem);
      this.exports.imageShape = dataset.imageShape;
      this.follow.clear();
      this.dashboard.reset();
      this.view = 'dashboard';
      const { priors, experiment } = stored.prepared;
      const warmStart = experiment.warmStart ? { warmStart: experiment.warmStart } : {};
      const running = this.session.start({ config: result.config, dataset, experimentId: id, priors, store: stored.recorder, ...warmStart });
      this.starting = false;
      await running;
    } catch (error) {
      this.error = `the experiment could not run: ${messageOf(error)}`;
    } finally {
      this.starting = false;
      await stored?.recorder.close();
      stored?.lock.release();
      void this.refreshStored();
    }
  }

  /** Shows stored experiment `id` in the dashboard; one another tab drives is followed live. */
  async open(id: string): Promise<void> {
    const summary = this.experiments.find(id);
    if (!summary) return;
    if (this.session.running && this.session.view?.id === id) {
      this.follow.clear();
      this.view = 'dashboard';
      return;
    }
    if (summary.record.status === 'running' && !this.session.running && !this.starting) return this.watch(summary.record);
    if (await this.load(summary.record)) this.view = 'dashboard';
  }

  /**
   * Puts stored experiment `record` in the dashboard; false when it could not be read, or when
   * `ifIdle` and this tab started or showed another experiment meanwhile.
   */
  private async load(record: StoredExperiment, ifIdle = false): Promise<boolean> {
    try {
      const [view, data] = await Promise.all([storedView(record), storedEncoding(record.datasetId)]);
      if (ifIdle && (this.session.view || this.starting || this.follow.active)) return false;
      this.session.showStored(view, data?.encoding ?? null);
      this.follow.clear();
      this.exports.imageShape = data?.imageShape;
      this.dashboard.reset();
      return true;
    } catch (error) {
      this.error = `could not open the experiment: ${messageOf(error)}`;
      return false;
    }
  }

  /** Follows `record`, which another tab drives, live and read-only; takes it over when that tab closes. */
  async watch(record: StoredExperiment): Promise<void> {
    try {
      this.dashboard.reset();
      await this.follow.follow(record, (lock) => void this.takeOver(record.id, lock));
      this.view = 'dashboard';
    } catch (error) {
      this.error = `could not follow ${record.name}: ${messageOf(error)}`;
    }
  }

  /**
   * The followed experiment's lock came to this tab: if it is still stored as running its tab died,
   * so this tab resumes it (SPEC section 7); if it ended there, this tab shows how it ended.
   */
  private async takeOver(id: string, lock: ExperimentLock): Promise<void> {
    try {
      const orphaned = await interruptIfRunning(await database(), id);
      if (orphaned && !this.resumeBlocked()) return await this.resume(id, lock);
      lock.release();
      await this.refreshStored();
      if (orphaned) this.follow.clear();
      else await this.open(id);
    } catch (error) {
      lock.release();
      this.error = `could not take over the experiment: ${messageOf(error)}`;
    }
  }

  /** Deletes stored experiment `id`. */
  async remove(id: string): Promise<void> {
    await this.experiments.remove(id);
    void this.quota.refresh();
  }

  /** Imports an exported experiment file. */
  async importFile(file: File): Promise<void> {
    await this.experiments.importFile(file);
    void this.quota.refresh();
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

  /** Why resuming is not possible in this tab now, or null. */
  resumeBlocked(): string | null {
    return this.session.running || this.starting ? 'an experiment is running in this tab' : null;
  }

  /**
   * Resumes interrupted or canceled experiment `id` (SPEC section 7); resolves when it ends.
   * `held`: its lock, when this tab takes it over from a tab that closed.
   */
  async resume(id: string, held?: ExperimentLock): Promise<void> {
    if (this.resumeBlocked()) return held?.release();
    this.starting = true;
    this.error = null;
    let resumed: ResumedExperiment | null = null;
    try {
      resumed = await resumeStored(id, this.storageProblem, held);
      const { record, plan, dataset, priors, recorder, resumeCheckpoint } = resumed;
      this.exports.imageShape = dataset.imageShape;
      this.follow.clear();
      this.dashboard.reset();
      this.view = 'dashboard';
      const extras = { ...(record.warmStart ? { warmStart: record.warmStart } : {}), ...(held ? { driver: 'taken-over' as const } : {}) };
      const running = this.session.start({ config: record.config, dataset, experimentId: id, priors, store: recorder, restore: plan.runs, resumeCheckpoint, ...extras });
      this.starting = false;
      await running;
    } catch (error) {
      this.error = `the experiment could not resume: ${messageOf(error)}`;
    } finally {
      this.starting = false;
      await resumed?.recorder.close();
      resumed?.lock.release();
      void this.refreshStored();
    }
  }

}
