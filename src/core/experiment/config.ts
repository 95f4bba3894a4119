/**
 * The experiment file (SPEC section 11): one JSON format for the page, `tabtune run`, export and
 * import. `parseExperimentConfig` checks every key (unknown keys and wrong types are errors naming
 * the key) and fills the documented defaults, so its result is the file "as run".
 */
import { InvalidConfigError } from '../errors';
import { parsePolicyConfig, type PolicyConfig } from '../policies';
import type { TaskType } from '../data';
import { gridSize, parseSpace, type Space } from '../space';
import type { Goal, ParamValue, SamplingType } from '../types';
import { parseModelSpec, tunableNames, type ModelReaders, type ModelSpec } from './model-spec';

/**
 * Where training runs: `auto` measures the available backends on the model and picks the fastest.
 * `wasm-fused` trains an `mlp` in one fused WebAssembly kernel and any other model on tfjs wasm.
 */
export type BackendChoice = 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'wasm-fused' | 'cpu';
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'webgpu', 'webgl', 'wasm', 'wasm-fused', 'cpu'];

/** `demo:NAME`, `file:PATH` (CLI) or `upload:ID` (page), with optional target column and task. */
export interface DatasetSpec {
  readonly source: string;
  readonly target?: string;
  readonly task?: TaskType;
  /** `images:` sources: side of the square inputs in pixels (default 32). */
  readonly size?: number;
  /** `images:` sources: 1 (grayscale) or 3 (RGB, default). */
  readonly channels?: 1 | 3;
}

/** A complete experiment configuration (every default filled in). */
export interface ExperimentConfig {
  readonly name: string;
  readonly description?: string;
  readonly dataset: DatasetSpec;
  readonly model: ModelSpec;
  /** The parameter space in the text syntax or as JSON (SPEC section 1). */
  readonly space: string | Readonly<Record<string, unknown>>;
  readonly sampling: { readonly type: SamplingType; readonly seed: number };
  readonly policy: PolicyConfig;
  readonly primaryMetricName: string;
  readonly primaryMetricGoal: Goal;
  readonly maxTotalRuns: number;
  readonly maxConcurrentRuns?: number;
  readonly maxDurationMinutes?: number;
  readonly maxFailedRuns?: number;
  readonly backend: BackendChoice;
  /** Parent experiments (ids in the page, result folders for `tabtune run`), at most 5. */
  readonly resumeFrom: readonly string[];
  /** Earlier runs to continue from their last checkpoint. */
  readonly resumeChildRuns: readonly string[];
}

/**
 * Knowledge the file may leave implicit: the dataset's task picks the default primary metric;
 * `readers` turn `model.module` / `model.file` paths into inline code (the CLI's filesystem).
 */
export interface ParseContext extends ModelReaders {
  readonly task?: TaskType;
}

type Json = Record<string, unknown>;

const TOP_KEYS = [
  'name', 'description', 'dataset', 'model', 'space', 'sampling', 'policy', 'primaryMetricName', 'primaryMetricGoal',
  'maxTotalRuns', 'maxConcurrentRuns', 'maxDurationMinutes', 'maxFailedRuns', 'backend', 'resumeFrom', 'resumeChildRuns',
];

function fail(key: string, rule: string, value?: unknown): never {
  const got = value === undefined ? '' : ` (got ${JSON.stringify(value) ?? String(value)})`;
  throw new InvalidConfigError(`experiment file: "${key}" ${rule}${got}`);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function object(value: unknown, key: string, known: readonly string[]): Json {
  if (!isObject(value)) fail(key, 'must be an object', value);
  const prefix = key === '' ? '' : `${key}.`;
  for (const k of Object.keys(value)) {
    if (!known.includes(k)) fail(`${prefix}${k}`, `is not a known key (known: ${known.join(', ')})`);
  }
  return value;
}

function string(value: unknown, key: string, fallback?: string): string {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || value.trim() === '') fail(key, 'must be a non-empty string', value);
  return value;
}

function oneOf<T extends string>(value: unknown, key: string, options: readonly T[], fallback?: T): T {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) fail(key, `must be one of ${options.join(', ')}`, value);
  return value as T;
}

function integer(value: unknown, key: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(key, `must be an integer in ${min}..${max}`, value);
  }
  return value;
}

function optional<T>(value: unknown, parse: (v: unknown) => T): T | undefined {
  return value === undefined || value === null ? undefined : parse(value);
}

function stringList(value: unknown, key: string, max: number): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > max || value.some((v) => typeof v !== 'string' || v === '')) {
    fail(key, `must be a list of at most ${max} non-empty strings`, value);
  }
  return value as string[];
}

/** `size` and `channels` of an `images:` source (only there). */
function imageOptions(json: Json, source: string): Pick<DatasetSpec, 'size' | 'channels'> {
  const images = source.startsWith('images:');
  for (const key of ['size', 'channels'] as const) {
    if (json[key] !== undefined && !images) fail(`dataset.${key}`, 'applies only to an "images:PATH" source', json[key]);
  }
  const size = optional(json.size, (v) => integer(v, 'dataset.size', 4, 256));
  const channels = optional(json.channels, (v) => (v === 1 || v === 3 ? v : fail('dataset.channels', 'must be 1 (grayscale) or 3 (RGB)', v)));
  return { ...(size !== undefined ? { size } : {}), ...(channels !== undefined ? { channels } : {}) };
}

function parseDataset(value: unknown): DatasetSpec {
  const json = object(value ?? { source: 'demo:digits' }, 'dataset', ['source', 'target', 'task', 'size', 'channels']);
  const source = string(json.source, 'dataset.source');
  if (!/^(demo|file|upload|images):.+/.test(source)) fail('dataset.source', 'must be "demo:NAME", "file:PATH", "images:DIR_OR_ZIP" or "upload:ID"', source);
  const target = optional(json.target, (v) => string(v, 'dataset.target'));
  const task = optional(json.task, (v) => oneOf<TaskType>(v, 'dataset.task', ['classification', 'regression']));
  return { source, ...(target !== undefined ? { target } : {}), ...(task !== undefined ? { task } : {}), ...imageOptions(json, source) };
}

function parseSpaceValue(value: unknown): string | Json {
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (isObject(value)) return value;
  return fail('space', 'must be the text syntax (a string) or a JSON object of parameter expressions', value);
}

/**
 * The experiment's parameter space, parsed (InvalidSpaceError naming the parameter and rule) and
 * checked against the model: every parameter must be one of the built-in models' hyperparameters,
 * or for a base model one of its training hyperparameters or `freeze_up_to` (a module: any name).
 */
export function experimentSpace(config: Pick<ExperimentConfig, 'space'> & { readonly model?: Pick<ModelSpec, 'family'> }): Space {
  const space = parseSpace(config.space);
  // The user's module reads whatever names it wants from hp; tabtune checks the built-in ones per run.
  const known = tunableNames(config.model ?? { family: 'mlp' });
  if (!known) return space;
  const what = config.model?.family === 'file' ? 'a training hyperparameter of a base model ("model.file" keeps its layers)' : 'a hyperparameter of the built-in models';
  for (const { name } of space.parameters) {
    if (!known.includes(name)) fail('space', `parameter "${name}" is not ${what} (known: ${known.join(', ')})`);
  }
  return space;
}

function parseSampling(value: unknown): { type: SamplingType; seed: number } {
  const json = object(value ?? {}, 'sampling', ['type', 'seed']);
  const type = oneOf<SamplingType>(json.type, 'sampling.type', ['random', 'grid', 'bayesian'], 'random');
  const seed = json.seed === undefined ? 0 : integer(json.seed, 'sampling.seed', 0, 2 ** 32 - 1);
  return { type, seed };
}

function parsePolicy(value: unknown): PolicyConfig {
  if (value === undefined) return { type: 'none' };
  if (!isObject(value)) fail('policy', 'must be an object such as {"type":"medianStopping"}', value);
  try {
    return parsePolicyConfig(value);
  } catch (error) {
    throw new InvalidConfigError(`experiment file: "policy": ${(error as Error).message}`);
  }
}

/** Goal implied by a metric's name (losses and errors go down, accuracies up), or null. */
export function impliedGoal(metric: string): Goal | null {
  if (/(loss|mae|mse|rmse|error|crossentropy)$/i.test(metric)) return 'minimize';
  if (/(acc|accuracy|auc|precision|recall|f1|r2)$/i.test(metric)) return 'maximize';
  return null;
}

function parseMetric(json: Json, task: TaskType): { primaryMetricName: string; primaryMetricGoal: Goal } {
  const name = string(json.primaryMetricName, 'primaryMetricName', task === 'regression' ? 'val_mae' : 'val_accuracy');
  const implied = impliedGoal(name);
  if (json.primaryMetricGoal === undefined && implied === null) {
    fail('primaryMetricGoal', `is required for metric "${name}" (maximize or minimize)`);
  }
  const goal = oneOf<Goal>(json.primaryMetricGoal, 'primaryMetricGoal', ['maximize', 'minimize'], implied ?? undefined);
  return { primaryMetricName: name, primaryMetricGoal: goal };
}

function parsePositive(value: unknown, key: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) fail(key, 'must be a number > 0', value);
  return value;
}

/**
 * Validates an experiment file (parsed JSON, or its text) and fills every default. Throws
 * InvalidConfigError naming the key, the rule and the value. The space is kept as written;
 * parse it with the space module.
 */
export function parseExperimentConfig(input: unknown, context: ParseContext = {}): ExperimentConfig {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new InvalidConfigError(`experiment file: not valid JSON (${(error as Error).message})`);
    }
  }
  const json = object(value, '', TOP_KEYS);
  if (json.space === undefined) fail('space', 'is required (the parameter space to tune)');
  const space = parseSpaceValue(json.space);
  const sampling = parseSampling(json.sampling);
  const model = parseModelSpec(json.model, context, fail);
  // A grid needs choices only: say so before any worker starts, naming the parameter.
  if (sampling.type === 'grid') gridSize(experimentSpace({ space, model }));
  else experimentSpace({ space, model });
  const dataset = parseDataset(json.dataset);
  const description = optional(json.description, (v) => string(v, 'description'));
  const maxConcurrentRuns = optional(json.maxConcurrentRuns, (v) => integer(v, 'maxConcurrentRuns', 1, 100));
  const maxDurationMinutes = optional(json.maxDurationMinutes, (v) => parsePositive(v, 'maxDurationMinutes'));
  const maxFailedRuns = optional(json.maxFailedRuns, (v) => integer(v, 'maxFailedRuns', 1, 1000));
  return {
    name: string(json.name, 'name', 'experiment'),
    ...(description !== undefined ? { description } : {}),
    dataset,
    model,
    space,
    sampling,
    policy: parsePolicy(json.policy),
    ...parseMetric(json, context.task ?? dataset.task ?? 'classification'),
    maxTotalRuns: json.maxTotalRuns === undefined ? 20 : integer(json.maxTotalRuns, 'maxTotalRuns', 1, 1000),
    ...(maxConcurrentRuns !== undefined ? { maxConcurrentRuns } : {}),
    ...(maxDurationMinutes !== undefined ? { maxDurationMinutes } : {}),
    ...(maxFailedRuns !== undefined ? { maxFailedRuns } : {}),
    backend: oneOf(json.backend, 'backend', BACKEND_CHOICES, 'auto'),
    resumeFrom: stringList(json.resumeFrom, 'resumeFrom', 5),
    resumeChildRuns: stringList(json.resumeChildRuns, 'resumeChildRuns', 1000),
  };
}
