/**
 * Drawing values from expressions, exactly as SPEC section 1 defines each one. Random sampling
 * calls `sampleSpace(space, createRng(seed, runIndex))`, so run i's values never depend on how
 * many runs came before it.
 */
import { detExp } from '../det-math';
import type { Rng } from '../rng';
import type { ParamValue, ParamValues } from '../types';
import { roundToMultiple } from './quantize';
import type { Expression, Space } from './types';

/**
 * One value of `expression`, using as many draws of `rng` as the expression needs (one uniform for
 * choice, randint and the uniform forms; one standard normal for the normal forms).
 *
 * - log bounds are natural-log exponents: loguniform(-9, -2) lies in [e^-9, e^-2);
 * - q-forms are round(x / q) * q, multiples of q counted from 0 and not clipped to the bounds;
 * - normal forms are unbounded; randint(upper) is an integer in [0, upper).
 */
export function sampleExpression(expression: Expression, rng: Rng): ParamValue {
  const e = expression;
  switch (e.type) {
    case 'choice':
      return e.values[rng.int(e.values.length)];
    case 'randint':
      return rng.int(e.upper);
    case 'uniform':
      return rng.uniform(e.low, e.high);
    case 'loguniform':
      return detExp(rng.uniform(e.low, e.high));
    case 'quniform':
      return roundToMultiple(rng.uniform(e.low, e.high), e.q);
    case 'qloguniform':
      return roundToMultiple(detExp(rng.uniform(e.low, e.high)), e.q);
    case 'normal':
      return e.mu + e.sigma * rng.normal();
    case 'lognormal':
      return detExp(e.mu + e.sigma * rng.normal());
    case 'qnormal':
      return roundToMultiple(e.mu + e.sigma * rng.normal(), e.q);
    case 'qlognormal':
      return roundToMultiple(detExp(e.mu + e.sigma * rng.normal()), e.q);
  }
}

/**
 * One configuration: a value per parameter, drawn in the space's written order from `rng`.
 * Expects a valid space (from `parseSpace` or `validateSpace`).
 */
export function sampleSpace(space: Space, rng: Rng): ParamValues {
  const values: ParamValues = {};
  for (const p of space.parameters) values[p.name] = sampleExpression(p.expression, rng);
  return values;
}
