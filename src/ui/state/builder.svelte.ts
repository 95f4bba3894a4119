/**
 * The experiment builder's state: every field of the experiment file (SPEC section 11) as
 * editable state, the space checked live line by line, and the file validated with
 * `parseExperimentConfig` whenever a field changes.
 */
import type { TaskType } from '../../core/data';
import { impliedGoal, tunableNames, type BaseModelFile, type DatasetSpec, type ExperimentConfig } from '../../core/experiment';
import { inspectModelModule, type ModelModule } from '../../core/model-code';
import { checkSpaceText, textOfRows, type SpaceRow } from './space-text';
import { DEMO_EXPERIMENT, metricsFor } from './demo';
import { displayJson, draftJson, fieldsOf, validateDraft, type DraftFields, type DraftResult } from './config-draft';
import { STARTER_MODULE } from './model-code';
import { parseExperimentConfig } from '../../core/experiment';
import { workersSetting, type WorkersSetting } from './workers-setting.svelte';

/** What the builder needs to know about the open dataset. */
export interface DatasetFacts {
  readonly spec: DatasetSpec;
  readonly task: TaskType;
  /** Image-like data (the cnn family needs it). */
  readonly image: boolean;
}

const DEMO_FACTS: DatasetFacts = { spec: { source: 'demo:digits' }, task: 'classification', image: true };

/** Where the model comes from: a built-in family, the user's code, or a base model file. */
export type ModelSource = 'builtin' | 'module' | 'file';

/**
 * The name an experiment gets from its dataset and model family: `digits-mlp`, `houses-cnn` (the
 * source without its scheme and extension, lower case, other characters as dashes).
 */
export function autoName(dataset: DatasetSpec, family: string): string {
  const base = dataset.source.replace(/^[a-z]+:/, '').replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]+$/, '');
  const slug = base.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return `${slug || 'experiment'}-${family}`;
}

/** Most warm-start parents an experiment may name (SPEC section 7). */
export const MAX_PARENTS = 5;

export class BuilderState {
  /** The machine's training-worker setting, shown with the limits (not part of the file). */
  readonly workers: WorkersSetting = workersSetting;
  /** The fields, deeply reactive: components bind to `builder.fields.x`. */
  fields = $state<DraftFields>(fieldsOf(parseExperimentConfig(DEMO_EXPERIMENT)));
  /** The dataset the experiment will run on (kept in sync by the page). */
  dataset = $state.raw<DatasetFacts>(DEMO_FACTS);
  /** True once the user typed a name (or a stored experiment's settings were loaded): it then stays. */
  nameEdited = $state(false);

  readonly check = $derived(checkSpaceText(this.fields.spaceText, this.fields.samplingType, tunableNames(this.fields)));
  /** The model code's problems (1-based line and column) and contract exports, while "Your model code" is chosen. */
  readonly moduleCheck = $derived(this.fields.family === 'module' && this.fields.module ? inspectModelModule(this.fields.module) : null);
  readonly source: ModelSource = $derived(this.fields.family === 'module' || this.fields.family === 'file' ? this.fields.family : 'builtin');
  readonly metrics = $derived(metricsFor(this.dataset.task));
  readonly json = $derived(draftJson($state.snapshot(this.fields) as DraftFields, this.dataset.spec));
  readonly result: DraftResult = $derived(
    this.check.space
      ? validateDraft(this.json, this.dataset.task)
      : { ok: false, key: 'space', message: `the parameter space has ${this.check.problems.length} problem(s): see under its lines` },
  );
  /** The experiment file as shown: the validated one, else the draft; base64 weights summarized. */
  readonly shownJson = $derived(displayJson(this.result.ok ? (this.result.config as unknown as Record<string, unknown>) : this.json));
  /** SPEC section 2's advice for Bayesian sampling, or null for the other samplings. */
  readonly bayesianHint = $derived(this.hintFor());

  private hintFor(): { text: string; warn: boolean } | null {
    if (this.fields.samplingType !== 'bayesian') return null;
    const parameters = this.check.space?.parameters.length ?? this.check.rows?.length ?? 0;
    const wanted = 20 * parameters;
    const runs = this.fields.maxTotalRuns ?? 0;
    const concurrent = this.fields.maxConcurrentRuns;
    const text =
      `Bayesian sampling finds good results with max runs >= 20 x parameters (${wanted} for ${parameters}; now ${runs}), ` +
      `and converges better with fewer concurrent runs${concurrent === null ? '' : ` (now ${concurrent})`}.`;
    return { text, warn: runs < wanted || concurrent === null || concurrent > 4 };
  }

  /** Uses `facts` as the dataset; a metric the new task does not log becomes the task's default. */
  setDataset(facts: DatasetFacts): void {
    this.dataset = facts;
    const metrics = metricsFor(facts.task);
    if (!metrics.includes(this.fields.primaryMetricName)) this.setMetric(metrics[0]);
    if (!facts.image && this.fields.family === 'cnn') this.fields.family = 'mlp';
    this.followName();
  }

  /** Applies the form's edits; a typed name stops the name from following the dataset and model. */
  update(patch: Partial<DraftFields>): void {
    Object.assign(this.fields, patch);
    if (patch.name !== undefined) this.nameEdited = true;
    else if (patch.family !== undefined) this.followName();
  }

  private followName(): void {
    if (!this.nameEdited) this.fields.name = autoName(this.dataset.spec, this.fields.family);
  }

  /** Chooses where the model comes from; "Your model code" starts from the starter module. */
  setSource(source: ModelSource): void {
    if (source === this.source) return;
    if (source === 'module' && !this.fields.module) this.fields.module = STARTER_MODULE;
    this.update({ family: source === 'builtin' ? 'mlp' : source });
  }

  /** Replaces the model code (typed, uploaded or an example). */
  setModule(module: ModelModule): void {
    this.fields.module = module;
  }

  /** Uses `file` as the base model (null: none uploaded). */
  setModelFile(file: BaseModelFile | null): void {
    this.fields.modelFile = file;
  }

  /** Picks the primary metric and the goal its name implies. */
  setMetric(name: string): void {
    this.fields.primaryMetricName = name;
    this.fields.primaryMetricGoal = impliedGoal(name) ?? this.fields.primaryMetricGoal;
  }

  /** Replaces the space by `rows` (the row editor's edits), one entry per line. */
  setRows(rows: readonly Pick<SpaceRow, 'name' | 'expression'>[]): void {
    this.fields.spaceText = textOfRows(rows);
  }

  /** Epochs per run when the space does not tune them. */
  get epochs(): number | null {
    const value = this.fields.fixed.epochs;
    return typeof value === 'number' ? value : null;
  }

  set epochs(value: number | null) {
    const { epochs: _old, ...rest } = this.fields.fixed;
    this.fields.fixed = value === null ? rest : { ...rest, epochs: value };
  }

  /** Toggles `id` as a warm-start parent (at most MAX_PARENTS). */
  toggleParent(id: string): void {
    const list = this.fields.resumeFrom;
    if (list.includes(id)) this.fields.resumeFrom = list.filter((p) => p !== id);
    else if (list.length < MAX_PARENTS) this.fields.resumeFrom = [...list, id];
  }

  /** Loads the prefilled demo experiment. */
  loadDemo(): void {
    this.fields = fieldsOf(parseExperimentConfig(DEMO_EXPERIMENT));
    this.dataset = DEMO_FACTS;
    this.nameEdited = false;
  }

  /** Loads an earlier experiment's settings (its dataset stays the page's). */
  loadConfig(config: ExperimentConfig): void {
    this.fields = fieldsOf(config);
    this.nameEdited = true;
  }
}
