/**
 * The Bayesian sampler's view of a parameter space. Every parameter gets one coordinate u in
 * [0, 1] (what the optimiser moves), and u maps to the GP's features:
 * - uniform / loguniform: linear in the value, resp. in its log (the bounds are exponents);
 * - normal / lognormal: through the normal CDF truncated to mu +- 3 sigma, so that uniform u is
 *   the expression's own prior and the model sees equal probability mass as equal distance;
 * - q-forms, randint and choices of numbers (ordered, by index of the sorted values): the value is
 *   rounded first and mapped back, so the model only ever sees values that can really be run
 *   (Garrido-Merchan & Hernandez-Lobato 2020, "Dealing with categorical and integer-valued
 *   variables in Bayesian optimization with Gaussian processes", Neurocomputing);
 * - choices with strings or booleans: one-hot, one feature per value, u picks the value.
 */
import { roundToMultiple, type Expression, type Space } from '../../space';
import type { ParamValue, ParamValues } from '../../types';
import { configKey } from '../key';
import { normalCdf, normalQuantile } from './normal';

/** The normal forms are searched between these CDF levels: mu - 3 sigma .. mu + 3 sigma. */
const P_LOW = normalCdf(-3);
const P_SPAN = 1 - 2 * P_LOW;

interface NumericDim {
  readonly kind: 'numeric';
  readonly name: string;
  /** u -> the value to run. */
  toValue(u: number): number;
  /** A value -> u, or null when the value cannot belong to this expression. */
  toUnit(value: number): number | null;
  /** True when toValue rounds, so the feature must be snapped through the value. */
  readonly snaps: boolean;
  /** How far outside [0, 1] the u of a value of this expression can lie (rounding past a bound). */
  readonly slack: number;
}

interface CategoricalDim {
  readonly kind: 'categorical';
  readonly name: string;
  readonly values: readonly ParamValue[];
}

type Dim = NumericDim | CategoricalDim;

/** How one space maps to the unit cube and to GP features. */
export interface Encoding {
  /** Parameters (coordinates of u). */
  readonly size: number;
  /** GP features (numeric parameters plus one per categorical value). */
  readonly features: number;
  /** u of a configuration, or null when it does not fit the space (a prior from another space). */
  unitOf(params: ParamValues): Float64Array | null;
  /** The configuration that u stands for. */
  valuesOf(u: ArrayLike<number>): ParamValues;
  /** Writes the features of u into `out` from `offset`. */
  featuresOf(u: ArrayLike<number>, out: Float64Array, offset: number): void;
  /** A string that is equal for equal configurations (for duplicate checks). */
  keyOf(u: ArrayLike<number>): string;
}

function indexOf(u: number, count: number): number {
  return Math.min(count - 1, Math.max(0, Math.floor(u * count)));
}

function linear(low: number, high: number, warp: 'none' | 'log'): Pick<NumericDim, 'toValue' | 'toUnit'> {
  const span = high - low;
  if (warp === 'log') {
    return {
      toValue: (u) => Math.exp(low + u * span),
      toUnit: (v) => (v > 0 ? (Math.log(v) - low) / span : 0),
    };
  }
  return { toValue: (u) => low + u * span, toUnit: (v) => (v - low) / span };
}

function gaussian(mu: number, sigma: number, warp: 'none' | 'log'): Pick<NumericDim, 'toValue' | 'toUnit'> {
  const clampU = (u: number): number => Math.min(1 - 1e-12, Math.max(1e-12, u));
  const toValue = (u: number): number => mu + sigma * normalQuantile(P_LOW + clampU(u) * P_SPAN);
  const toUnit = (v: number): number => (normalCdf((v - mu) / sigma) - P_LOW) / P_SPAN;
  if (warp === 'none') return { toValue, toUnit };
  return { toValue: (u) => Math.exp(toValue(u)), toUnit: (v) => (v > 0 ? toUnit(Math.log(v)) : 0) };
}

function quantized(base: Pick<NumericDim, 'toValue' | 'toUnit'>, q: number): Pick<NumericDim, 'toValue' | 'toUnit'> {
  return { toValue: (u) => roundToMultiple(base.toValue(u), q), toUnit: base.toUnit };
}

const EXACT = 1e-9;

function numericDim(name: string, expression: Exclude<Expression, { type: 'choice' }>): NumericDim {
  const e = expression;
  const dim = (snaps: boolean, slack: number, map: Pick<NumericDim, 'toValue' | 'toUnit'>): NumericDim => ({
    kind: 'numeric',
    name,
    snaps,
    slack: slack + EXACT,
    ...map,
  });
  switch (e.type) {
    case 'uniform':
      return dim(false, 0, linear(e.low, e.high, 'none'));
    case 'loguniform':
      return dim(false, 0, linear(e.low, e.high, 'log'));
    case 'quniform':
      return dim(true, e.q / (2 * (e.high - e.low)), quantized(linear(e.low, e.high, 'none'), e.q));
    case 'qloguniform':
      return dim(true, Math.log1p(e.q / (2 * Math.exp(e.high))) / (e.high - e.low), quantized(linear(e.low, e.high, 'log'), e.q));
    case 'normal':
      return dim(false, Infinity, gaussian(e.mu, e.sigma, 'none'));
    case 'lognormal':
      return dim(false, Infinity, gaussian(e.mu, e.sigma, 'log'));
    case 'qnormal':
      return dim(true, Infinity, quantized(gaussian(e.mu, e.sigma, 'none'), e.q));
    case 'qlognormal':
      return dim(true, Infinity, quantized(gaussian(e.mu, e.sigma, 'log'), e.q));
    case 'randint':
      return dim(true, 0, {
        toValue: (u) => indexOf(u, e.upper),
        toUnit: (v) => (Number.isInteger(v) && v >= 0 && v < e.upper ? (v + 0.5) / e.upper : null),
      });
  }
}

function choiceDim(name: string, values: readonly ParamValue[]): Dim {
  const distinct = [...new Set(values)];
  if (!distinct.every((v) => typeof v === 'number')) return { kind: 'categorical', name, values: distinct };
  const sorted = (distinct as number[]).sort((a, b) => a - b);
  return {
    kind: 'numeric',
    name,
    snaps: true,
    slack: 0,
    toValue: (u) => sorted[indexOf(u, sorted.length)],
    toUnit: (v) => {
      const i = sorted.indexOf(v);
      return i < 0 ? null : (i + 0.5) / sorted.length;
    },
  };
}

/** u of one value, or null when the value cannot come from the dimension's expression. */
function unitOfValue(dim: Dim, value: ParamValue | undefined): number | null {
  if (value === undefined) return null;
  if (dim.kind === 'categorical') {
    const k = dim.values.indexOf(value);
    return k < 0 ? null : (k + 0.5) / dim.values.length;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const unit = dim.toUnit(value);
  if (unit === null || !Number.isFinite(unit) || unit < -dim.slack || unit > 1 + dim.slack) return null;
  return unit;
}

/** The encoding of `space` (which must be valid). */
export function createEncoding(space: Space): Encoding {
  const dims: Dim[] = space.parameters.map((p) =>
    p.expression.type === 'choice' ? choiceDim(p.name, p.expression.values) : numericDim(p.name, p.expression),
  );
  const features = dims.reduce((n, d) => n + (d.kind === 'numeric' ? 1 : d.values.length), 0);

  const unitOf = (params: ParamValues): Float64Array | null => {
    const u = new Float64Array(dims.length);
    for (let i = 0; i < dims.length; i++) {
      const unit = unitOfValue(dims[i], params[dims[i].name]);
      if (unit === null) return null;
      u[i] = unit;
    }
    return u;
  };

  const valuesOf = (u: ArrayLike<number>): ParamValues => {
    const out: ParamValues = {};
    dims.forEach((dim, i) => {
      out[dim.name] = dim.kind === 'categorical' ? dim.values[indexOf(u[i], dim.values.length)] : dim.toValue(u[i]);
    });
    return out;
  };

  const featuresOf = (u: ArrayLike<number>, out: Float64Array, offset: number): void => {
    let j = offset;
    for (let i = 0; i < dims.length; i++) {
      const dim = dims[i];
      if (dim.kind === 'categorical') {
        const k = indexOf(u[i], dim.values.length);
        for (let c = 0; c < dim.values.length; c++) out[j++] = c === k ? 1 : 0;
      } else {
        out[j++] = dim.snaps ? (dim.toUnit(dim.toValue(u[i])) ?? u[i]) : u[i];
      }
    }
  };

  const keyOf = (u: ArrayLike<number>): string => configKey(space, valuesOf(u));
  return { size: dims.length, features, unitOf, valuesOf, featuresOf, keyOf };
}
