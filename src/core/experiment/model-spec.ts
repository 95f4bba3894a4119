/**
 * The experiment file's `model` (SPEC section 11, and "your own model"): a built-in family (`mlp`,
 * `cnn`), the user's own ES module (`module`), or a TensorFlow.js layers model to fine-tune
 * (`file`), plus the hyperparameters fixed for every run. Paths are read by the caller (the CLI
 * reads them relative to the experiment file); what is stored, exported and sent to workers is
 * always the inline form, so an experiment carries its model code wherever it goes.
 */
import { InvalidConfigError } from '../errors';
import { checkModelModule, type ModelModule } from '../model-code';
import type { ParamValue } from '../types';
import type { ParamValues } from '../types';
import { checkHyperparameter, isHyperparameterName, resolveHyperparameters, trainingHyperparameters, HYPERPARAMETER_NAMES, MODEL_FAMILIES, type BuiltinFamily, type HyperparameterName } from './hyperparameters';

/** Where a run's model comes from: a built-in family, the user's module, or a base model file. */
export type ModelFamily = BuiltinFamily | 'module' | 'file';

/** A TensorFlow.js layers model inline: model.json's topology and manifest, the weights as base64. */
export interface BaseModelFile {
  readonly name: string;
  readonly modelTopology: unknown;
  readonly weightSpecs: readonly { readonly name: string; readonly shape: readonly number[]; readonly dtype: string }[];
  /** Every weight file of the manifest, concatenated in manifest order, base64. */
  readonly weightData: string;
}

/** How a base model gets its output layer: `auto` replaces it only when the dataset's outputs differ; `new` always. */
export type HeadMode = 'auto' | 'new';

/** The model and the hyperparameters fixed for every run (the space's parameters override them). */
export interface ModelSpec {
  readonly family: ModelFamily;
  /** family `module`: the user's code. */
  readonly module?: ModelModule;
  /** family `file`: the base model. */
  readonly file?: BaseModelFile;
  /** family `file`: layers with index < freezeUpTo keep their weights (0: all train). */
  readonly freezeUpTo?: number;
  readonly head?: HeadMode;
  readonly hyperparameters: Readonly<Record<string, ParamValue>>;
}

/** Reads a `module` or `file` path of the experiment file (the CLI's filesystem; absent in the page). */
export interface ModelReaders {
  readModule?(path: string): ModelModule;
  readModelFile?(path: string): BaseModelFile;
}

type Json = Record<string, unknown>;
type Fail = (key: string, rule: string, value?: unknown) => never;

const MODEL_KEYS = ['family', 'module', 'file', 'freezeUpTo', 'head', 'hyperparameters'];

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function inlineModule(value: unknown, readers: ModelReaders, fail: Fail): ModelModule {
  if (typeof value === 'string' && value.trim() !== '') {
    if (!readers.readModule) fail('model.module', 'is a path, which only tabtune run reads; in the page write or upload the module', value);
    return readers.readModule(value);
  }
  if (!isObject(value) || typeof value.name !== 'string' || value.name === '' || typeof value.source !== 'string') {
    return fail('model.module', 'must be a path to an .mjs/.js file or {"name": "...", "source": "..."}', value);
  }
  return { name: value.name, source: value.source };
}

function inlineFile(value: unknown, readers: ModelReaders, fail: Fail): BaseModelFile {
  if (typeof value === 'string' && value.trim() !== '') {
    if (!readers.readModelFile) fail('model.file', 'is a path, which only tabtune run reads; in the page upload model.json with its weight files', value);
    return readers.readModelFile(value);
  }
  const ok = isObject(value) && typeof value.name === 'string' && isObject(value.modelTopology) && Array.isArray(value.weightSpecs) && typeof value.weightData === 'string';
  if (!ok) return fail('model.file', 'must be a path to model.json or {"name", "modelTopology", "weightSpecs", "weightData" (base64)}', value);
  return value as unknown as BaseModelFile;
}

/** `model.hyperparameters`: built-in names are checked (and rounded); with a module any other name is the user's; a base model takes training hyperparameters only. */
function fixedHyperparameters(value: unknown, family: ModelFamily, fail: Fail): Record<string, ParamValue> {
  if (!isObject(value)) return fail('model.hyperparameters', 'must be an object', value);
  const own = family === 'module';
  // A base model's layers are fixed: only its training hyperparameters mean something (freezing is model.freezeUpTo).
  const known: readonly string[] = family === 'file' ? TRAINING_HYPERPARAMETERS : HYPERPARAMETER_NAMES;
  const out: Record<string, ParamValue> = {};
  for (const [name, v] of Object.entries(value)) {
    if (!own && !known.includes(name)) fail(`model.hyperparameters.${name}`, `is not a known key (known: ${known.join(', ')})`);
    if (typeof v !== 'number' && typeof v !== 'string' && typeof v !== 'boolean') fail(`model.hyperparameters.${name}`, 'must be a number, a string or a boolean', v);
    if (!isHyperparameterName(name)) {
      out[name] = v;
      continue;
    }
    try {
      out[name] = checkHyperparameter(name, v);
    } catch (error) {
      fail(`model.hyperparameters.${name}`, (error as Error).message.replace(/^hyperparameter "[^"]+" /, ''));
    }
  }
  return out;
}

function familyOf(json: Json, fail: Fail): ModelFamily {
  const sources = (['module', 'file'] as const).filter((k) => json[k] !== undefined);
  if (sources.length > 1) fail('model', 'takes one of "family", "module" or "file"', Object.keys(json));
  const implied = sources[0];
  if (json.family === undefined) return implied ?? 'mlp';
  const known = [...MODEL_FAMILIES, 'module', 'file'];
  if (typeof json.family !== 'string' || !known.includes(json.family)) fail('model.family', `must be one of ${MODEL_FAMILIES.join(', ')}`, json.family);
  if (implied && json.family !== implied) fail('model.family', `must be "${implied}" (or left out) with "model.${implied}"`, json.family);
  if ((json.family === 'module' || json.family === 'file') && !implied) fail(`model.${json.family}`, `is required with family "${json.family}"`);
  return json.family as ModelFamily;
}

/** Parses the experiment file's `model` entry (default `{"family": "mlp"}`), reading paths with `readers`. */
export function parseModelSpec(value: unknown, readers: ModelReaders, fail: Fail): ModelSpec {
  const json = value ?? {};
  if (!isObject(json)) return fail('model', 'must be an object', value);
  for (const k of Object.keys(json)) if (!MODEL_KEYS.includes(k)) fail(`model.${k}`, `is not a known key (known: ${MODEL_KEYS.join(', ')})`);
  const family = familyOf(json, fail);
  const hyperparameters = fixedHyperparameters(json.hyperparameters ?? {}, family, fail);
  if (family !== 'file' && (json.freezeUpTo !== undefined || json.head !== undefined)) {
    fail(json.freezeUpTo !== undefined ? 'model.freezeUpTo' : 'model.head', 'applies to a base model ("model.file") only');
  }
  if (family === 'module') {
    const module = inlineModule(json.module, readers, fail);
    checkModelModule(module);
    return { family, module, hyperparameters };
  }
  if (family === 'file') {
    const file = inlineFile(json.file, readers, fail);
    const freezeUpTo = json.freezeUpTo ?? 0;
    if (typeof freezeUpTo !== 'number' || !Number.isInteger(freezeUpTo) || freezeUpTo < 0) fail('model.freezeUpTo', 'must be an integer >= 0 (layers before it stay frozen)', freezeUpTo);
    const head = json.head ?? 'auto';
    if (head !== 'auto' && head !== 'new') fail('model.head', 'must be "auto" (a new output layer when the dataset\'s outputs differ) or "new"', head);
    return { family, file, freezeUpTo, head, hyperparameters };
  }
  return { family, hyperparameters };
}

/** True when the model's code decides which parameters exist (any name may be in the space). */
export function ownsParameters(model: Pick<ModelSpec, 'family'>): boolean {
  return model.family === 'module';
}

/** The built-in hyperparameters that mean something for a model tabtune did not build: its compile and loop. */
export const TRAINING_HYPERPARAMETERS: readonly HyperparameterName[] = ['learning_rate', 'batch_size', 'epochs', 'optimizer', 'momentum'];

/** The space's own name for `model.freezeUpTo` (family `file` only): sampled per run, it overrides the file's value. */
export const FREEZE_UP_TO = 'freeze_up_to';

/**
 * The parameter names a space may tune for `model`, or null when the model's code decides (a
 * module): the built-in families' hyperparameters; for a base model its training hyperparameters
 * and `freeze_up_to` (its layers are fixed, so `units` and the like mean nothing there).
 */
export function tunableNames(model: Pick<ModelSpec, 'family'>): readonly string[] | null {
  if (ownsParameters(model)) return null;
  return model.family === 'file' ? [...TRAINING_HYPERPARAMETERS, FREEZE_UP_TO] : HYPERPARAMETER_NAMES;
}

/**
 * A base model's frozen layer count for one run: the run's `freeze_up_to` (rounded to an integer,
 * >= 0), else `model.freezeUpTo`, else 0. Throws InvalidConfigError naming a bad sampled value;
 * the upper bound (the model's layer count) is checked where the model is loaded.
 */
export function freezeUpToOf(model: Pick<ModelSpec, 'freezeUpTo'>, params: ParamValues): number {
  const value = params[FREEZE_UP_TO];
  if (value === undefined) return model.freezeUpTo ?? 0;
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.round(value) < 0) {
    throw new InvalidConfigError(`parameter "${FREEZE_UP_TO}" must be an integer >= 0 (got ${JSON.stringify(value)})`);
  }
  return Math.round(value);
}

/**
 * Every value a run trains with: for the built-in families all their hyperparameters (defaults
 * filled in); for a module or a base model the training hyperparameters tabtune uses, then the
 * fixed values, then the run's own (a base model's with its `freeze_up_to`). Throws
 * InvalidConfigError naming an invalid built-in value.
 */
export function runValues(model: Pick<ModelSpec, 'family' | 'hyperparameters'> & Partial<Pick<ModelSpec, 'freezeUpTo'>>, params: ParamValues): Record<string, ParamValue> {
  if (model.family === 'mlp' || model.family === 'cnn') return { ...resolveHyperparameters(params, model.hyperparameters) };
  const training = trainingHyperparameters(params, model.hyperparameters);
  const values: Record<string, ParamValue> = {};
  for (const name of TRAINING_HYPERPARAMETERS) values[name] = training[name];
  if (model.family === 'file') values[FREEZE_UP_TO] = freezeUpToOf(model, params);
  return { ...model.hyperparameters, ...params, ...values };
}

/** Why runs of `parent`'s model cannot be compared with runs of `model`'s, or null when they can. */
export function modelDifference(model: ModelSpec, parent: ModelSpec): string | null {
  if (parent.family !== model.family) return `it trained ${parent.family} models, not ${model.family}`;
  if (model.module && parent.module?.source !== model.module.source) return `its model module ${parent.module?.name ?? ''} has other code`;
  if (model.file && (parent.file?.weightData !== model.file.weightData || parent.freezeUpTo !== model.freezeUpTo || parent.head !== model.head)) {
    return 'it fine-tuned another base model (or froze other layers)';
  }
  return null;
}
