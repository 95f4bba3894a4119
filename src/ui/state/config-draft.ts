/**
 * The builder's fields as an experiment file (SPEC section 11), and the experiment file back as
 * fields. Pure: the builder state keeps the fields, this module knows the file's shape.
 */
import type { TaskType } from '../../core/data';
import { parseExperimentConfig, type BackendChoice, type BaseModelFile, type DatasetSpec, type ExperimentConfig, type HeadMode, type ModelFamily } from '../../core/experiment';
import type { ModelModule } from '../../core/model-code';
import type { PolicyConfig } from '../../core/policies';
import type { Goal, ParamValue, SamplingType } from '../../core/types';

export type PolicyType = PolicyConfig['type'];
export type SlackKind = 'slackFactor' | 'slackAmount';

/** Everything the builder edits, as plain data. Numbers are null while their input is empty. */
export interface DraftFields {
  name: string;
  /** A built-in family, `module` (the user's code) or `file` (a base model to fine-tune). */
  family: ModelFamily;
  /** The user's model code (family `module`), kept while another source is chosen. */
  module: ModelModule | null;
  /** The uploaded base model (family `file`), kept while another source is chosen. */
  modelFile: BaseModelFile | null;
  /** Layers of the base model that keep their weights (before this index). */
  freezeUpTo: number | null;
  head: HeadMode;
  spaceText: string;
  samplingType: SamplingType;
  seed: number | null;
  policyType: PolicyType;
  slackKind: SlackKind;
  slack: number | null;
  evaluationInterval: number | null;
  delayEvaluation: number | null;
  truncationPercentage: number | null;
  excludeFinishedRuns: boolean;
  /** ASHA and Hyperband: the first rung and the factor between rungs; ASHA's grace period. */
  minResource: number | null;
  reductionFactor: number | null;
  gracePeriod: number | null;
  /** Hyperband: the intervals of a full run. */
  maxResource: number | null;
  /** curveBound's slope factor. */
  slopeFactor: number | null;
  maxTotalRuns: number | null;
  maxConcurrentRuns: number | null;
  maxDurationMinutes: number | null;
  maxFailedRuns: number | null;
  /** Fixed hyperparameters not in the space (epochs is the one the form shows). */
  fixed: Record<string, ParamValue>;
  primaryMetricName: string;
  primaryMetricGoal: Goal;
  backend: BackendChoice;
  resumeFrom: string[];
}

/** The policy JSON of the fields (SPEC section 4). */
export function policyOf(f: DraftFields): Record<string, unknown> {
  const schedule = { evaluationInterval: f.evaluationInterval, delayEvaluation: f.delayEvaluation };
  switch (f.policyType) {
    case 'none':
      return { type: 'none' };
    case 'bandit':
      return { type: 'bandit', [f.slackKind]: f.slack, ...schedule };
    case 'medianStopping':
      return { type: 'medianStopping', ...schedule };
    case 'truncationSelection':
      return { type: 'truncationSelection', truncationPercentage: f.truncationPercentage, excludeFinishedRuns: f.excludeFinishedRuns, ...schedule };
    case 'asha':
      return { type: 'asha', minResource: f.minResource, reductionFactor: f.reductionFactor, gracePeriod: f.gracePeriod };
    case 'hyperband':
      return { type: 'hyperband', minResource: f.minResource, maxResource: f.maxResource, reductionFactor: f.reductionFactor };
    case 'curveBound':
      return { type: 'curveBound', slopeFactor: f.slopeFactor, ...schedule };
  }
}

/** The `model` entry of the fields: the family, the module or the base model, and the fixed hyperparameters. */
export function modelOf(f: DraftFields): Record<string, unknown> {
  const hyperparameters = f.fixed;
  if (f.family === 'module') return f.module ? { module: f.module, hyperparameters } : { family: 'module', hyperparameters };
  if (f.family !== 'file') return { family: f.family, hyperparameters };
  return { ...(f.modelFile ? { file: f.modelFile } : { family: 'file' }), freezeUpTo: f.freezeUpTo, head: f.head, hyperparameters };
}

/** "1.2 MB": a byte count as people read it. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

/** The experiment file as the page shows it: a base model's base64 weights become "<weights: 1.2 MB>" (the stored file keeps them). */
export function displayJson(json: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const model = json.model as { file?: { weightData?: unknown } } | undefined;
  const data = model?.file?.weightData;
  if (!model?.file || typeof data !== 'string') return { ...json };
  const bytes = Math.floor((data.length * 3) / 4) - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0);
  return { ...json, model: { ...model, file: { ...model.file, weightData: `<weights: ${formatBytes(bytes)}>` } } };
}

/** The experiment file of the fields and `dataset`, keys in the SPEC's order; optional limits left out when empty. */
export function draftJson(f: DraftFields, dataset: DatasetSpec): Record<string, unknown> {
  const optional = (key: string, value: number | null) => (value === null ? {} : { [key]: value });
  return {
    name: f.name,
    dataset,
    model: modelOf(f),
    space: f.spaceText,
    sampling: { type: f.samplingType, seed: f.seed },
    policy: policyOf(f),
    primaryMetricName: f.primaryMetricName,
    primaryMetricGoal: f.primaryMetricGoal,
    maxTotalRuns: f.maxTotalRuns,
    ...optional('maxConcurrentRuns', f.maxConcurrentRuns),
    ...optional('maxDurationMinutes', f.maxDurationMinutes),
    ...optional('maxFailedRuns', f.maxFailedRuns),
    backend: f.backend,
    ...(f.resumeFrom.length > 0 ? { resumeFrom: f.resumeFrom } : {}),
  };
}

/** A validated config, or the first problem with the key it names (`policy`, `maxTotalRuns`, ...). */
export type DraftResult = { readonly ok: true; readonly config: ExperimentConfig } | { readonly ok: false; readonly key: string; readonly message: string };

/** Validates the draft with `parseExperimentConfig`; `task` picks the default metric. */
export function validateDraft(json: Record<string, unknown>, task: TaskType): DraftResult {
  try {
    return { ok: true, config: parseExperimentConfig(json, { task }) };
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^experiment file: /, '') : String(error);
    // Space problems come from the space parser ("line 1, column 10: parameter ..."), not as a key.
    const key = error instanceof Error && error.name === 'InvalidSpaceError' ? 'space' : (/^"([^"]+)"/.exec(message)?.[1] ?? '');
    return { ok: false, key: key.split('.')[0], message };
  }
}

/** The fields of a config (to open an earlier experiment's settings, or clone it). */
export function fieldsOf(config: ExperimentConfig): DraftFields {
  const p = config.policy as PolicyConfig & Record<string, unknown>;
  const num = (value: unknown, fallback: number | null) => (typeof value === 'number' ? value : fallback);
  return {
    name: config.name,
    family: config.model.family,
    module: config.model.module ?? null,
    modelFile: config.model.file ?? null,
    freezeUpTo: config.model.freezeUpTo ?? 0,
    head: config.model.head ?? 'auto',
    spaceText: typeof config.space === 'string' ? config.space : JSON.stringify(config.space, null, 2),
    samplingType: config.sampling.type,
    seed: config.sampling.seed,
    policyType: p.type,
    slackKind: p.slackAmount !== undefined ? 'slackAmount' : 'slackFactor',
    slack: num(p.slackAmount ?? p.slackFactor, 0.2),
    evaluationInterval: num(p.evaluationInterval, 1),
    delayEvaluation: num(p.delayEvaluation, p.type === 'curveBound' ? 2 : 0),
    truncationPercentage: num(p.truncationPercentage, 20),
    excludeFinishedRuns: p.excludeFinishedRuns === true,
    minResource: num(p.minResource, 1),
    reductionFactor: num(p.reductionFactor, 3),
    gracePeriod: num(p.gracePeriod, 0),
    maxResource: num(p.maxResource, num(config.model.hyperparameters.epochs, null)),
    slopeFactor: num(p.slopeFactor, 1.25),
    maxTotalRuns: config.maxTotalRuns,
    maxConcurrentRuns: config.maxConcurrentRuns ?? null,
    maxDurationMinutes: config.maxDurationMinutes ?? null,
    maxFailedRuns: config.maxFailedRuns ?? null,
    fixed: { ...config.model.hyperparameters },
    primaryMetricName: config.primaryMetricName,
    primaryMetricGoal: config.primaryMetricGoal,
    backend: config.backend,
    resumeFrom: [...config.resumeFrom],
  };
}
