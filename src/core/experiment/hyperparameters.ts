/**
 * The tunable hyperparameters of the built-in model families (SPEC section 10): names, domains and
 * defaults. Pure data, so the experiment parser (core) and the training code (workers) agree.
 */
import { InvalidConfigError } from '../errors';
import type { ParamValue, ParamValues } from '../types';

/** Built-in network families: `mlp` (dense layers, any tabular data) and `cnn` (image-like data such as 8x8 digits). */
export type BuiltinFamily = 'mlp' | 'cnn';
export const MODEL_FAMILIES: readonly BuiltinFamily[] = ['mlp', 'cnn'];

export const ACTIVATIONS = ['relu', 'elu', 'selu', 'tanh', 'sigmoid', 'softplus', 'swish', 'linear'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** adam; sgd with momentum (`momentum`, 0 for plain SGD); rmsprop. */
export const OPTIMIZERS = ['adam', 'sgd', 'rmsprop'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** A run's complete hyperparameters. */
export interface Hyperparameters {
  readonly learning_rate: number;
  readonly batch_size: number;
  /** Dense layers (mlp) or convolution blocks (cnn) between input and output; 0 = a linear model. */
  readonly number_of_hidden_layers: number;
  /** Units per dense layer; filters per convolution for cnn. */
  readonly units: number;
  /** Dropout rate = 1 - keep_probability, after each hidden layer; 1 = no dropout. */
  readonly keep_probability: number;
  readonly activation: Activation;
  readonly optimizer: OptimizerName;
  /** Momentum of `sgd` (ignored by adam and rmsprop). */
  readonly momentum: number;
  readonly epochs: number;
  /** L2 weight penalty on every kernel; 0 = none. */
  readonly l2: number;
  /** Image data: probability of a horizontal flip per training image and epoch (0-1; tabular data ignores it). */
  readonly augment_flip: number;
  /** Image data: largest shift, as a fraction of the side, each way (0-0.5). */
  readonly augment_shift: number;
  /** Image data: largest zoom in or out, as a fraction (0-0.5; 0.1 = scale 0.9-1.1). */
  readonly augment_zoom: number;
  /** Image data: largest brightness change added to the [0, 1] inputs (0-1), then clipped. */
  readonly augment_brightness: number;
}

export type HyperparameterName = keyof Hyperparameters;

/** Defaults of every hyperparameter a run's configuration leaves out. */
export const DEFAULT_HYPERPARAMETERS: Hyperparameters = {
  learning_rate: 0.001,
  batch_size: 32,
  number_of_hidden_layers: 2,
  units: 64,
  keep_probability: 1,
  activation: 'relu',
  optimizer: 'adam',
  momentum: 0.9,
  epochs: 20,
  l2: 0,
  augment_flip: 0,
  augment_shift: 0,
  augment_zoom: 0,
  augment_brightness: 0,
};

export const HYPERPARAMETER_NAMES = Object.keys(DEFAULT_HYPERPARAMETERS) as HyperparameterName[];

type Rule = { kind: 'number'; min: number; max: number; minOpen?: boolean; maxOpen?: boolean } | { kind: 'int'; min: number; max: number } | { kind: 'enum'; values: readonly string[] };

/** Domains; integers are rounded to the nearest integer first (a space may give 37.4 for batch_size). */
const RULES: Record<HyperparameterName, Rule> = {
  learning_rate: { kind: 'number', min: 0, max: Number.POSITIVE_INFINITY, minOpen: true },
  batch_size: { kind: 'int', min: 1, max: 65_536 },
  number_of_hidden_layers: { kind: 'int', min: 0, max: 32 },
  units: { kind: 'int', min: 1, max: 4096 },
  keep_probability: { kind: 'number', min: 0, max: 1, minOpen: true },
  activation: { kind: 'enum', values: ACTIVATIONS },
  optimizer: { kind: 'enum', values: OPTIMIZERS },
  momentum: { kind: 'number', min: 0, max: 1, maxOpen: true },
  epochs: { kind: 'int', min: 1, max: 10_000 },
  l2: { kind: 'number', min: 0, max: Number.POSITIVE_INFINITY },
  augment_flip: { kind: 'number', min: 0, max: 1 },
  augment_shift: { kind: 'number', min: 0, max: 0.5 },
  augment_zoom: { kind: 'number', min: 0, max: 0.5 },
  augment_brightness: { kind: 'number', min: 0, max: 1 },
};

function describeRule(rule: Rule): string {
  if (rule.kind === 'enum') return `must be one of ${rule.values.join(', ')}`;
  const low = rule.kind === 'number' && rule.minOpen ? `> ${rule.min}` : `>= ${rule.min}`;
  const high = rule.max === Number.POSITIVE_INFINITY ? '' : rule.kind === 'number' && rule.maxOpen ? ` and < ${rule.max}` : ` and <= ${rule.max}`;
  return `must be ${rule.kind === 'int' ? 'an integer' : 'a finite number'} ${low}${high}`;
}

/** One hyperparameter's value checked (and rounded when integer); throws naming it. */
export function checkHyperparameter(name: HyperparameterName, value: ParamValue): Hyperparameters[HyperparameterName] {
  const rule = RULES[name];
  const bad = (): never => {
    throw new InvalidConfigError(`hyperparameter "${name}" ${describeRule(rule)} (got ${JSON.stringify(value)})`);
  };
  if (rule.kind === 'enum') {
    if (typeof value !== 'string' || !rule.values.includes(value)) bad();
    return value as Hyperparameters[HyperparameterName];
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return bad();
  const x = rule.kind === 'int' ? Math.round(value) : value;
  const tooLow = rule.kind === 'number' && rule.minOpen ? x <= rule.min : x < rule.min;
  const tooHigh = rule.kind === 'number' && rule.maxOpen ? x >= rule.max : x > rule.max;
  if (tooLow || tooHigh) bad();
  return x;
}

/** True when `name` is a hyperparameter of the built-in models. */
export function isHyperparameterName(name: string): name is HyperparameterName {
  return (HYPERPARAMETER_NAMES as readonly string[]).includes(name);
}

/**
 * A run's complete hyperparameters: defaults, then the experiment's fixed `overrides`, then the
 * run's sampled `params`. Throws InvalidConfigError naming the first unknown or invalid value.
 */
export function resolveHyperparameters(params: ParamValues, overrides: Partial<Record<string, ParamValue>> = {}): Hyperparameters {
  const out: Record<string, ParamValue> = { ...DEFAULT_HYPERPARAMETERS };
  for (const source of [overrides, params]) {
    for (const [name, value] of Object.entries(source)) {
      if (value === undefined) continue;
      if (!isHyperparameterName(name)) {
        throw new InvalidConfigError(`"${name}" is not a hyperparameter of the built-in models (known: ${HYPERPARAMETER_NAMES.join(', ')})`);
      }
      out[name] = checkHyperparameter(name, value);
    }
  }
  return out as unknown as Hyperparameters;
}

/**
 * The hyperparameters tabtune's own compile and training loop use for a model it did not build
 * (the user's module or a base model file): built-in names in `params` and `overrides` are checked
 * as for the built-in families; every other name belongs to the user's code and is left to it.
 */
export function trainingHyperparameters(params: ParamValues, overrides: Partial<Record<string, ParamValue>> = {}): Hyperparameters {
  const pick = (source: Partial<Record<string, ParamValue>>): ParamValues =>
    Object.fromEntries(Object.entries(source).filter((e): e is [string, ParamValue] => isHyperparameterName(e[0]) && e[1] !== undefined));
  return resolveHyperparameters(pick(params), pick(overrides));
}
