/**
 * Printing a space back: the HyperDrive text form users paste, and the JSON form stored in
 * experiment files. Both round-trip: `parseSpace(printSpace(s))` and `parseSpace(spaceToJson(s))`
 * deep-equal `s` for every valid space.
 */
import { EXPRESSION_FIELDS } from './expressions';
import type { ParamValue } from '../types';
import type { Expression, Space } from './types';

/**
 * A number as the shortest literal that reads back to the same double (JavaScript's own
 * `String`), except -0, which `String` prints as "0".
 */
function printNumber(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

function printValue(value: ParamValue): string {
  return typeof value === 'number' ? printNumber(value) : JSON.stringify(value);
}

/** One expression in the text syntax, e.g. `loguniform(-9, -2)` or `choice("relu", "tanh")`. */
export function printExpression(expression: Expression): string {
  if (expression.type === 'choice') return `choice(${expression.values.map(printValue).join(', ')})`;
  const source = expression as unknown as Record<string, number>;
  const args = EXPRESSION_FIELDS[expression.type].map((field) => printNumber(source[field]));
  return `${expression.type}(${args.join(', ')})`;
}

/**
 * The HyperDrive text form, one entry per line inside braces:
 * ```
 * {
 *   "batch_size": choice(16, 32, 64, 128),
 *   "learning_rate": loguniform(-9, -2)
 * }
 * ```
 */
export function printSpace(space: Space): string {
  const lines = space.parameters.map((p) => `  ${JSON.stringify(p.name)}: ${printExpression(p.expression)}`);
  return `{\n${lines.join(',\n')}\n}`;
}

/** The JSON form of a space: name -> expression object, or the `Space` form itself (see `spaceToJson`). */
export type SpaceJson = Record<string, Expression> | { readonly parameters: readonly { name: string; expression: Expression }[] };

/** True for keys that JavaScript objects enumerate before all others ("0", "42"), whatever their written order. */
function isIndexKey(name: string): boolean {
  return /^(0|[1-9]\d*)$/.test(name) && Number(name) < 4294967295;
}

/**
 * The JSON form `{"lr": {"type": "loguniform", "low": -9, "high": -2}, ...}`, a plain object ready
 * for `JSON.stringify`. When a name looks like an array index ("1"), an object would enumerate it
 * first and lose the written order, which is the grid's order; then the `Space` form
 * `{"parameters": [...]}` is returned instead, which `parseSpace` reads equally.
 */
export function spaceToJson(space: Space): SpaceJson {
  const copy = (e: Expression): Expression => ({ ...e, ...(e.type === 'choice' ? { values: [...e.values] } : {}) });
  if (space.parameters.some((p) => isIndexKey(p.name))) {
    return { parameters: space.parameters.map((p) => ({ name: p.name, expression: copy(p.expression) })) };
  }
  const out: Record<string, Expression> = {};
  for (const p of space.parameters) out[p.name] = copy(p.expression);
  return out;
}
