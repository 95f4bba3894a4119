import type { ParamValue } from '../types';

/**
 * Parameter expressions of SPEC section 1, as plain JSON-able objects (made by the factory
 * functions in `expressions.ts`). Bounds of `loguniform` / `qloguniform` are natural-log
 * exponents; `lognormal` / `qlognormal` take mu and sigma of the underlying normal.
 * `randint(upper)` is HyperDrive's integer in [0, upper), kept so pasted HyperDrive spaces work.
 */
export type Expression =
  | { readonly type: 'choice'; readonly values: readonly ParamValue[] }
  | { readonly type: 'randint'; readonly upper: number }
  | { readonly type: 'uniform'; readonly low: number; readonly high: number }
  | { readonly type: 'loguniform'; readonly low: number; readonly high: number }
  | { readonly type: 'quniform'; readonly low: number; readonly high: number; readonly q: number }
  | { readonly type: 'qloguniform'; readonly low: number; readonly high: number; readonly q: number }
  | { readonly type: 'normal'; readonly mu: number; readonly sigma: number }
  | { readonly type: 'lognormal'; readonly mu: number; readonly sigma: number }
  | { readonly type: 'qnormal'; readonly mu: number; readonly sigma: number; readonly q: number }
  | { readonly type: 'qlognormal'; readonly mu: number; readonly sigma: number; readonly q: number };

/** The name of an expression's function, e.g. `'loguniform'`. */
export type ExpressionType = Expression['type'];

/** One named parameter of a space. */
export interface Parameter {
  readonly name: string;
  readonly expression: Expression;
}

/**
 * A parameter space: named expressions in the order the user wrote them. An array, not a record,
 * because that order is the grid's enumeration order and JS objects reorder integer-like keys.
 */
export interface Space {
  readonly parameters: readonly Parameter[];
}
