/**
 * Grid enumeration of choice-only spaces (SPEC section 2): the Cartesian product in a stable
 * order, like nested loops in written order (the first parameter varies slowest), each
 * configuration once (choice values are distinct, which validation guarantees).
 */
import { InvalidSpaceError } from '../errors';
import type { ParamValue, ParamValues } from '../types';
import type { Expression, Space } from './types';

type ChoiceExpression = Extract<Expression, { type: 'choice' }>;

/** The choice lists of a space, or `InvalidSpaceError` naming every parameter that is not a choice. */
function choiceLists(space: Space): (readonly ParamValue[])[] {
  const problems = space.parameters
    .filter((p) => p.expression.type !== 'choice')
    .map((p) => `parameter ${JSON.stringify(p.name)}: grid sampling needs choice (got ${p.expression.type})`);
  if (problems.length > 0) throw new InvalidSpaceError(problems);
  return space.parameters.map((p) => (p.expression as ChoiceExpression).values);
}

/**
 * How many configurations the grid has: the product of the choice lengths. Exact up to 2^53
 * (beyond, an approximation; `maxTotalRuns` caps experiments at 1000 anyway).
 * Throws `InvalidSpaceError` when any parameter is not a choice.
 */
export function gridSize(space: Space): number {
  return choiceLists(space).reduce((size, values) => size * values.length, 1);
}

/**
 * Configuration number `index` (0-based) of the grid, without enumerating those before it: the
 * index in mixed radix, the last parameter being the fastest digit. Lets a resumed experiment
 * continue the grid from the number of runs already stored.
 */
export function gridPoint(space: Space, index: number): ParamValues {
  const lists = choiceLists(space);
  const size = lists.reduce((n, values) => n * values.length, 1);
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new RangeError(`grid index must be an integer in 0..${size - 1} (got ${index})`);
  }
  const digits: number[] = [];
  let rest = index;
  for (let i = lists.length - 1; i >= 0; i--) {
    digits[i] = rest % lists[i].length;
    rest = Math.floor(rest / lists[i].length);
  }
  const values: ParamValues = {};
  space.parameters.forEach((p, i) => (values[p.name] = lists[i][digits[i]]));
  return values;
}

/**
 * Every configuration of the grid, in `gridPoint` order, lazily (a grid may be larger than the
 * runs an experiment will take). Throws `InvalidSpaceError` on the first `next()` when any
 * parameter is not a choice.
 */
export function* enumerateGrid(space: Space): Generator<ParamValues, void, undefined> {
  const lists = choiceLists(space);
  const digits = lists.map(() => 0);
  while (true) {
    const values: ParamValues = {};
    space.parameters.forEach((p, i) => (values[p.name] = lists[i][digits[i]]));
    yield values;
    // An odometer: bump the last digit, carrying leftwards; done when the first one wraps.
    let i = lists.length - 1;
    while (i >= 0 && ++digits[i] === lists[i].length) digits[i--] = 0;
    if (i < 0) return;
  }
}
