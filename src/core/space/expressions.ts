/**
 * Factory functions for the parameter expressions of SPEC section 1, and small questions about
 * them (discrete? log scale?). Factories only build the plain objects; `validateSpace` and
 * `parseSpace` enforce the rules, so a factory never throws and stays usable in hot paths.
 */
import type { ParamValue } from '../types';
import type { Expression, ExpressionType, Parameter } from './types';

/** The expression object of one function, e.g. `ExpressionOf<'uniform'>`. */
export type ExpressionOf<T extends ExpressionType> = Extract<Expression, { readonly type: T }>;

/** Every expression function in the order the docs list them. */
export const EXPRESSION_TYPES: readonly ExpressionType[] = [
  'choice',
  'randint',
  'uniform',
  'loguniform',
  'quniform',
  'qloguniform',
  'normal',
  'lognormal',
  'qnormal',
  'qlognormal',
];

/**
 * The numeric fields of each function in argument order (`choice` takes values instead). The
 * parser binds positional arguments with it, the printer writes them back in the same order.
 */
export const EXPRESSION_FIELDS = {
  choice: [],
  randint: ['upper'],
  uniform: ['low', 'high'],
  loguniform: ['low', 'high'],
  quniform: ['low', 'high', 'q'],
  qloguniform: ['low', 'high', 'q'],
  normal: ['mu', 'sigma'],
  lognormal: ['mu', 'sigma'],
  qnormal: ['mu', 'sigma', 'q'],
  qlognormal: ['mu', 'sigma', 'q'],
} as const satisfies Record<ExpressionType, readonly string[]>;

/** True when `name` is one of the ten expression functions. */
export function isExpressionType(name: string): name is ExpressionType {
  return (EXPRESSION_TYPES as readonly string[]).includes(name);
}

/**
 * `choice(16, 32, 64)` or `choice([16, 32, 64])`: one of the listed values, each equally likely.
 * Values are numbers, strings or booleans; the text form's `choice(range(1, 4))` is
 * `choice(range(1, 4))` in code too.
 */
export function choice(values: readonly ParamValue[]): ExpressionOf<'choice'>;
export function choice(...values: ParamValue[]): ExpressionOf<'choice'>;
export function choice(...args: (ParamValue | readonly ParamValue[])[]): ExpressionOf<'choice'> {
  const first = args[0];
  const values = args.length === 1 && Array.isArray(first) ? [...first] : (args as ParamValue[]);
  return { type: 'choice', values };
}

/**
 * How many elements Python's `range(start, stop, step)` has: 0 when empty, and 0 for a zero or
 * non-finite step, which Python rejects and the validator reports before anyone enumerates.
 */
export function rangeLength(start: number, stop: number, step = 1): number {
  if (step === 0 || !Number.isFinite(start) || !Number.isFinite(stop) || !Number.isFinite(step)) return 0;
  return Math.max(0, Math.ceil((stop - start) / step));
}

/**
 * Python's `range(stop)` / `range(start, stop, step)`: `start` (default 0), `start + step`, ... up
 * to (not including) `stop`, or down to it for a negative step. For `choice(range(1, 4))`; check
 * `rangeLength` first when the bounds come from a user, since 1e12 elements would not fit in memory.
 */
export function range(stop: number): number[];
export function range(start: number, stop: number, step?: number): number[];
export function range(first: number, second?: number, step = 1): number[] {
  const [start, stop] = second === undefined ? [0, first] : [first, second];
  const length = rangeLength(start, stop, step);
  // start + i * step rather than repeated addition, so long ranges of fractions do not drift.
  return Array.from({ length }, (_, i) => start + i * step);
}

/** `randint(upper)`: an integer in [0, upper), HyperDrive's form. */
export function randint(upper: number): ExpressionOf<'randint'> {
  return { type: 'randint', upper };
}

/** `uniform(low, high)`: a real number uniformly in [low, high). */
export function uniform(low: number, high: number): ExpressionOf<'uniform'> {
  return { type: 'uniform', low, high };
}

/** `loguniform(low, high)` = exp(uniform(low, high)); bounds are natural-log exponents. */
export function loguniform(low: number, high: number): ExpressionOf<'loguniform'> {
  return { type: 'loguniform', low, high };
}

/** `quniform(low, high, q)` = round(uniform(low, high) / q) * q, not clipped to [low, high]. */
export function quniform(low: number, high: number, q: number): ExpressionOf<'quniform'> {
  return { type: 'quniform', low, high, q };
}

/** `qloguniform(low, high, q)` = round(exp(uniform(low, high)) / q) * q; bounds are exponents. */
export function qloguniform(low: number, high: number, q: number): ExpressionOf<'qloguniform'> {
  return { type: 'qloguniform', low, high, q };
}

/** `normal(mu, sigma)`: a real number from N(mu, sigma^2), unbounded. */
export function normal(mu: number, sigma: number): ExpressionOf<'normal'> {
  return { type: 'normal', mu, sigma };
}

/** `lognormal(mu, sigma)` = exp(normal(mu, sigma)); mu and sigma are of the underlying normal. */
export function lognormal(mu: number, sigma: number): ExpressionOf<'lognormal'> {
  return { type: 'lognormal', mu, sigma };
}

/** `qnormal(mu, sigma, q)` = round(normal(mu, sigma) / q) * q. */
export function qnormal(mu: number, sigma: number, q: number): ExpressionOf<'qnormal'> {
  return { type: 'qnormal', mu, sigma, q };
}

/** `qlognormal(mu, sigma, q)` = round(exp(normal(mu, sigma)) / q) * q. */
export function qlognormal(mu: number, sigma: number, q: number): ExpressionOf<'qlognormal'> {
  return { type: 'qlognormal', mu, sigma, q };
}

/** A named parameter, e.g. `parameter('lr', loguniform(-9, -2))`. */
export function parameter(name: string, expression: Expression): Parameter {
  return { name, expression };
}

/** True for expressions with countably many values: choice, randint and the q-forms. */
export function isDiscrete(expression: Expression): boolean {
  switch (expression.type) {
    case 'choice':
    case 'randint':
    case 'quniform':
    case 'qloguniform':
    case 'qnormal':
    case 'qlognormal':
      return true;
    default:
      return false;
  }
}

/** True for exp-transformed expressions, whose values are best shown and modelled on a log axis. */
export function isLogScale(expression: Expression): boolean {
  switch (expression.type) {
    case 'loguniform':
    case 'qloguniform':
    case 'lognormal':
    case 'qlognormal':
      return true;
    default:
      return false;
  }
}

/**
 * A fresh copy of a valid expression with exactly its documented fields in documented order, so
 * that spaces from text, JSON and code compare deep-equal and print identically.
 */
export function canonicalExpression(expression: Expression): Expression {
  if (expression.type === 'choice') return choice([...expression.values]);
  const fields: readonly string[] = EXPRESSION_FIELDS[expression.type];
  const source = expression as unknown as Record<string, number>;
  return Object.fromEntries([['type', expression.type], ...fields.map((f) => [f, source[f]])]) as Expression;
}
