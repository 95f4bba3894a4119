/**
 * Every invalid case of SPEC section 1, with its exact message: the parameter, the rule and the
 * value. Text input adds `line L, column C: ` (the column of the expression, or of the name for
 * name problems); objects and `validateSpace` give the bare `parameter "x": ...` form.
 */
import { describe, expect, it } from 'vitest';
import { InvalidSpaceError } from '../../../src/core/errors';
import {
  choice,
  loguniform,
  parameter,
  parseSpace,
  spaceProblems,
  uniform,
  validateSpace,
  type Space,
} from '../../../src/core/space';

/** The problems `parseSpace(input)` throws, or a failure when it throws something else or nothing. */
function problemsOf(input: string | object): readonly string[] {
  try {
    parseSpace(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidSpaceError);
    const e = error as InvalidSpaceError;
    expect(e.name).toBe('InvalidSpaceError');
    expect(e.message).toBe(e.problems.join('\n'));
    return e.problems;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be invalid`);
}

/**
 * One-entry text spaces `x: EXPR`, with the column the problem points at: the expression's (4),
 * or the inner call's for a bad range or choice value.
 */
const single: [string, string, number?][] = [
  // low >= high
  ['loguniform(-2, -9)', 'loguniform needs low < high (got -2, -9)'],
  ['uniform(1, 1)', 'uniform needs low < high (got 1, 1)'],
  ['quniform(5, 0, 1)', 'quniform needs low < high (got 5, 0)'],
  ['qloguniform(0, -1, 1)', 'qloguniform needs low < high (got 0, -1)'],
  // sigma <= 0
  ['normal(0, 0)', 'normal needs sigma > 0 (got 0)'],
  ['lognormal(0, -1)', 'lognormal needs sigma > 0 (got -1)'],
  ['qnormal(0, 0, 1)', 'qnormal needs sigma > 0 (got 0)'],
  ['qlognormal(0, -0.5, 1)', 'qlognormal needs sigma > 0 (got -0.5)'],
  // q <= 0
  ['quniform(0, 1, 0)', 'quniform needs q > 0 (got 0)'],
  ['qloguniform(0, 1, -0.5)', 'qloguniform needs q > 0 (got -0.5)'],
  ['qnormal(0, 1, 0)', 'qnormal needs q > 0 (got 0)'],
  ['qlognormal(0, 1, -1)', 'qlognormal needs q > 0 (got -1)'],
  // empty choice
  ['choice()', 'choice needs at least one value (got none)'],
  ['choice([])', 'choice needs at least one value (got none)'],
  // unknown function
  [
    'lognuniform(-9, -2)',
    'unknown function "lognuniform" (expected one of choice, randint, uniform, loguniform, quniform, qloguniform, normal, lognormal, qnormal, qlognormal; did you mean "loguniform"?)',
  ],
  [
    'gaussian(0, 1)',
    'unknown function "gaussian" (expected one of choice, randint, uniform, loguniform, quniform, qloguniform, normal, lognormal, qnormal, qlognormal)',
  ],
  ['Uniform(0, 1)', 'unknown function "Uniform" (expected one of choice, randint, uniform, loguniform, quniform, qloguniform, normal, lognormal, qnormal, qlognormal; did you mean "uniform"?)'],
  ['range(1, 4)', 'range(...) is only valid inside choice (write choice(range(...)))'],
  // wrong arity
  ['uniform(1)', 'uniform takes 2 arguments: low, high (got 1; missing high)'],
  ['uniform(1, 2, 3)', 'uniform takes 2 arguments: low, high (got 3)'],
  ['randint()', 'randint takes 1 argument: upper (got 0; missing upper)'],
  ['quniform(0, 1)', 'quniform takes 3 arguments: low, high, q (got 2; missing q)'],
  ['normal(mu=0, scale=1)', 'normal has no argument "scale" (expected mu, sigma)'],
  ['normal(0, mu=1)', 'normal got mu twice'],
  ['normal(mu=0, 1)', 'normal has a positional argument after a keyword argument'],
  // non-finite numbers
  ['uniform(0, inf)', 'uniform needs a finite number for high (got Infinity)'],
  ['normal(nan, 1)', 'normal needs a finite number for mu (got NaN)'],
  ['loguniform(-1e999, 0)', 'loguniform needs a finite number for low (got -Infinity)'],
  ['choice(1, Infinity)', 'choice needs finite numbers (got Infinity at position 2)'],
  // numbers that would overflow when sampled
  ['loguniform(0, 710)', 'loguniform needs high <= 709.78 so that e^high is finite (got 710; the bounds are natural-log exponents)'],
  ['lognormal(700, 5)', 'lognormal would overflow to Infinity (got mu 700, sigma 5; needs mu + 9 * sigma <= 709.78)'],
  ['uniform(-1e308, 1e308)', 'uniform needs high - low to be finite (got -1e+308, 1e+308)'],
  // ranges
  ['choice(range(4, 1))', 'range(4, 1) has no elements (got start 4, stop 1, step 1)', 11],
  ['choice(range(0))', 'range(0) has no elements (got start 0, stop 0, step 1)', 11],
  ['choice(range(1, 5, -1))', 'range(1, 5, -1) has no elements (got start 1, stop 5, step -1)', 11],
  ['choice(range(1, 5, 0))', 'range needs a step other than 0 (got range(1, 5, 0))', 11],
  ['choice(range(0.5, 3))', 'range needs integer arguments (got 0.5)', 11],
  ['choice(range(1, 2, 3, 4))', 'range takes 1 to 3 arguments: start, stop, step (got 4)', 11],
  ['choice(range(0, 1e9))', 'range(0, 1000000000) has 1000000000 elements (at most 100000)', 11],
  // randint
  ['randint(0)', 'randint needs a positive integer upper (got 0)'],
  ['randint(-3)', 'randint needs a positive integer upper (got -3)'],
  ['randint(2.5)', 'randint needs a positive integer upper (got 2.5)'],
  // choice values
  ['choice(1, null)', 'choice values must be numbers, strings or booleans (got null at position 2)'],
  ['choice([1, [2, 3]])', 'choice values must be numbers, strings or booleans (got a list at position 2)'],
  ['choice(1, {"a": 2})', 'choice values must be numbers, strings or booleans (got an object at position 2)'],
  ['choice(uniform(0, 1))', 'choice values must be numbers, strings or booleans (got uniform(...) at position 1)', 11],
  ['choice(1, range(2, 4))', 'choice values must be numbers, strings or booleans (got range(...) (it must be the only argument) at position 2)', 14],
  ['choice(1, "a", 1)', 'choice values must be distinct (got 1 at positions 1 and 3)'],
  // not an expression
  ['0.01', 'needs an expression such as uniform(0, 1) (got 0.01; write choice(0.01) for a fixed value)'],
  ['"uniform(0, 1)"', 'needs an expression such as uniform(0, 1) (got "uniform(0, 1)"; write the expression without quotes)'],
  ['[1, 2]', 'needs an expression such as uniform(0, 1) (got a list; write choice([...]) for a list of values)'],
  ['uniform("0", 1)', 'uniform needs a number for low (got "0")'],
];

describe('one rule at a time, from text', () => {
  it.each(single)('x: %s', (expression, message, column = 4) => {
    expect(problemsOf(`x: ${expression}`)).toEqual([`line 1, column ${column}: parameter "x": ${message}`]);
  });

  it('names the parameter in the exact SPEC form', () => {
    expect(problemsOf('{"lr": loguniform(-2, -9)}')).toEqual(['line 1, column 8: parameter "lr": loguniform needs low < high (got -2, -9)']);
  });

  it('reports duplicate names at the second name, counting entries from 1', () => {
    expect(problemsOf('{\n  "lr": uniform(0, 1),\n  "b": choice(1),\n  "lr": uniform(0, 2)\n}')).toEqual([
      'line 4, column 3: parameter "lr": duplicate name (entries 1 and 3)',
    ]);
  });

  it('rejects empty and reserved names', () => {
    expect(problemsOf('"": uniform(0, 1)')).toEqual(['line 1, column 1: parameter "": name must not be empty']);
    expect(problemsOf('__proto__: uniform(0, 1)')).toEqual(['line 1, column 1: parameter "__proto__": name "__proto__" is reserved']);
  });

  it('rejects an empty space', () => {
    for (const empty of ['', '  # only a comment\n', '{}', '{ }']) {
      expect(problemsOf(empty)).toEqual(['a space needs at least one parameter (got none)']);
    }
  });
});

describe('collecting every problem', () => {
  it('reports all problems of all parameters at once, in reading order', () => {
    const text = [
      'lr: loguniform(-2, -9)',
      'act: lognuniform(1, 2)',
      'units: choice()',
      'drop: uniform(0.5, 0.5, 1)',
      'lr: normal(0, 0)',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'line 1, column 5: parameter "lr": loguniform needs low < high (got -2, -9)',
      'line 2, column 6: parameter "act": unknown function "lognuniform" (expected one of choice, randint, uniform, loguniform, quniform, qloguniform, normal, lognormal, qnormal, qlognormal; did you mean "loguniform"?)',
      'line 3, column 8: parameter "units": choice needs at least one value (got none)',
      'line 4, column 7: parameter "drop": uniform takes 2 arguments: low, high (got 3)',
      'line 5, column 1: parameter "lr": duplicate name (entries 1 and 5)',
      'line 5, column 5: parameter "lr": normal needs sigma > 0 (got 0)',
    ]);
  });

  it('reports several problems of one expression', () => {
    expect(problemsOf('x: uniform(inf, nan)')).toEqual([
      'line 1, column 4: parameter "x": uniform needs a finite number for low (got Infinity)',
      'line 1, column 4: parameter "x": uniform needs a finite number for high (got NaN)',
    ]);
  });
});

describe('objects and validateSpace (no positions)', () => {
  it('validateSpace gives the bare SPEC message and returns a valid space unchanged', () => {
    const bad: Space = { parameters: [parameter('lr', loguniform(-2, -9))] };
    expect(() => validateSpace(bad)).toThrow(InvalidSpaceError);
    expect(spaceProblems(bad)).toEqual(['parameter "lr": loguniform needs low < high (got -2, -9)']);
    const good: Space = { parameters: [parameter('lr', loguniform(-9, -2)), parameter('b', choice(16, 32))] };
    expect(validateSpace(good)).toBe(good);
  });

  it.each([
    [{ lr: { type: 'loguniform', low: -9 } }, 'parameter "lr": loguniform needs a number for high (got nothing)'],
    [{ lr: { type: 'uniform', low: '0', high: 1 } }, 'parameter "lr": uniform needs a number for low (got "0")'],
    [{ lr: { type: 'gauss', mu: 0 } }, 'parameter "lr": unknown function "gauss" (expected one of choice, randint, uniform, loguniform, quniform, qloguniform, normal, lognormal, qnormal, qlognormal)'],
    [{ lr: { low: 0 } }, 'parameter "lr": needs a "type" (one of choice, randint, uniform, loguniform, quniform, qloguniform, normal, lognormal, qnormal, qlognormal)'],
    [{ lr: 5 }, 'parameter "lr": needs an expression such as uniform(0, 1) (got 5)'],
    [{ lr: { type: 'uniform', low: 0, high: 1, q: 1 } }, 'parameter "lr": uniform has no field "q" (expected low, high)'],
    [{ c: { type: 'choice', values: 'abc' } }, 'parameter "c": choice needs a list of values (got "abc")'],
    [{ c: { type: 'choice', values: [1, undefined] } }, 'parameter "c": choice values must be numbers, strings or booleans (got undefined at position 2)'],
    [{ parameters: [{ name: 7, expression: uniform(0, 1) }] }, 'parameter 1: needs a string name (got 7)'],
    [{ parameters: [] }, 'a space needs at least one parameter (got none)'],
    [{}, 'a space needs at least one parameter (got none)'],
  ])('%j', (input, message) => {
    expect(problemsOf(input)).toEqual([message]);
  });

  it('rejects input that is neither text nor an object', () => {
    for (const input of [42, null, undefined, [1, 2], true]) {
      expect(problemsOf(input as unknown as object)).toEqual([expect.stringMatching(/^a space must be text or an object \(got /)]);
    }
  });

  it('spaceProblems accepts any data without throwing', () => {
    expect(spaceProblems(null)).toEqual(['a space needs a list of parameters (got undefined)']);
    expect(spaceProblems({ parameters: 'x' })).toEqual(['a space needs a list of parameters (got "x")']);
    expect(spaceProblems({ parameters: [null] })).toEqual([
      'parameter 1: needs a string name (got undefined)',
      'parameter 1: needs an expression such as uniform(0, 1) (got undefined)',
    ]);
  });
});
