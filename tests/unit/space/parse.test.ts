/**
 * `parseSpace`: every written form gives the same typed space; syntax errors carry line and
 * column; and no input, however broken, escapes as anything but `InvalidSpaceError`.
 */
import { describe, expect, it } from 'vitest';
import { InvalidSpaceError } from '../../../src/core/errors';
import { createRng } from '../../../src/core/rng';
import {
  choice,
  loguniform,
  normal,
  parameter,
  parseSpace,
  qnormal,
  quniform,
  spaceProblems,
  uniform,
  type Space,
} from '../../../src/core/space';

const expected: Space = {
  parameters: [
    parameter('batch_size', choice(16, 32, 64, 128)),
    parameter('learning_rate', loguniform(-9, -2)),
    parameter('layers', choice(1, 2, 3)),
    parameter('activation', choice('relu', 'tanh')),
  ],
};

function problemOf(input: string): string {
  try {
    parseSpace(input);
  } catch (error) {
    expect((error as Error).name).toBe('InvalidSpaceError');
    return (error as InvalidSpaceError).problems.join('\n');
  }
  throw new Error(`expected ${JSON.stringify(input)} to be invalid`);
}

describe('the written forms', () => {
  it.each([
    ['a HyperDrive dict on one line', '{"batch_size": choice(16, 32, 64, 128), "learning_rate": loguniform(-9, -2), "layers": choice(range(1, 4)), "activation": choice("relu", "tanh")}'],
    ['a dict over lines with a trailing comma and comments', '{\n  # batch\n  "batch_size": choice(16, 32, 64, 128),  # powers of two\n  "learning_rate": loguniform(-9, -2),\n  "layers": choice([1, 2, 3]),\n  "activation": choice(\'relu\', \'tanh\'),\n}\n'],
    ['one name: expr per line, unquoted names', 'batch_size: choice(16, 32, 64, 128)\nlearning_rate: loguniform(-9, -2)\nlayers: choice(range(1, 4))\nactivation: choice("relu", "tanh")\n'],
    ['one "name": expr per line with trailing commas and CRLF', '"batch_size": choice(16, 32, 64, 128),\r\n"learning_rate": loguniform(-9, -2),\r\n"layers": choice(values=[1, 2, 3]),\r\n"activation": choice("relu", "tanh"),\r\n'],
    ['keyword arguments in any order', 'batch_size: choice(16, 32, 64, 128)\nlearning_rate: loguniform(high=-2, low=-9)\nlayers: choice(range(1, 4, 1))\nactivation: choice(["relu", "tanh"])'],
    ['JSON text', '{"batch_size": {"type": "choice", "values": [16, 32, 64, 128]}, "learning_rate": {"type": "loguniform", "low": -9, "high": -2}, "layers": {"type": "choice", "values": [1, 2, 3]}, "activation": {"type": "choice", "values": ["relu", "tanh"]}}'],
    ['JSON text with fields in another order', '{"batch_size": {"values": [16, 32, 64, 128], "type": "choice"}, "learning_rate": {"high": -2, "low": -9, "type": "loguniform"}, "layers": {"type": "choice", "values": [1, 2, 3]}, "activation": {"type": "choice", "values": ["relu", "tanh"]}}'],
    ['the Space form as JSON text', JSON.stringify(expected)],
  ])('%s', (_, text) => {
    expect(parseSpace(text)).toEqual(expected);
  });

  it('reads the JSON form and the Space form as objects', () => {
    const json = {
      batch_size: { type: 'choice', values: [16, 32, 64, 128] },
      learning_rate: { high: -2, type: 'loguniform', low: -9 },
      layers: { type: 'choice', values: [1, 2, 3] },
      activation: { type: 'choice', values: ['relu', 'tanh'] },
    };
    expect(parseSpace(json)).toEqual(expected);
    expect(parseSpace(expected)).toEqual(expected);
    expect(parseSpace(expected)).not.toBe(expected);
  });

  it('gives expressions exactly their documented fields in documented order', () => {
    const space = parseSpace('{"x": {"sigma": 2, "type": "normal", "mu": 1}}');
    expect(Object.keys(space.parameters[0].expression)).toEqual(['type', 'mu', 'sigma']);
  });

  it('reads numbers as Python and JSON write them', () => {
    const space = parseSpace('a: uniform(-1e-3, +2.5E2)\nb: uniform(.5, 5.)\nc: quniform(-10, -1, 0.25)\nd: normal(-0, 1)');
    expect(space.parameters.map((p) => p.expression)).toEqual([uniform(-0.001, 250), uniform(0.5, 5), quniform(-10, -1, 0.25), normal(-0, 1)]);
  });

  it('reads booleans as JSON and Python write them, and string escapes', () => {
    const space = parseSpace(`a: choice(true, False)\nb: choice(True, false)\nc: choice("a\\"b", 'it\\'s', "\\u00e9\\n")`);
    expect(space.parameters.map((p) => p.expression)).toEqual([choice(true, false), choice(true, false), choice('a"b', "it's", 'é\n')]);
  });

  it('expands range like Python: one, two or three arguments, negative steps', () => {
    const values = (text: string) => {
      const expression = parseSpace(`x: ${text}`).parameters[0].expression;
      return expression.type === 'choice' ? expression.values : [];
    };
    expect(values('choice(range(4))')).toEqual([0, 1, 2, 3]);
    expect(values('choice(range(2, 5))')).toEqual([2, 3, 4]);
    expect(values('choice(range(0, 10, 4))')).toEqual([0, 4, 8]);
    expect(values('choice(range(3, 0, -1))')).toEqual([3, 2, 1]);
    expect(values('choice(range(-2, 1))')).toEqual([-2, -1, 0]);
  });

  it('keeps the written order, even of names JavaScript objects would move first', () => {
    const names = (input: string) => parseSpace(input).parameters.map((p) => p.name);
    expect(names('{"b": choice(1), "10": choice(2), "a": choice(3), "2": choice(4)}')).toEqual(['b', '10', 'a', '2']);
    expect(names('{"b": {"type": "choice", "values": [1]}, "1": {"type": "choice", "values": [2]}}')).toEqual(['b', '1']);
  });

  it('accepts names HyperDrive users write: script flags, dots, unicode', () => {
    const names = parseSpace('--learning-rate: uniform(0, 1)\nopt.beta1: uniform(0, 1)\n"taux d\'apprentissage": uniform(0, 1)').parameters.map((p) => p.name);
    expect(names).toEqual(['--learning-rate', 'opt.beta1', "taux d'apprentissage"]);
  });

  it('reports duplicate keys of JSON text instead of keeping the last, as JSON.parse would', () => {
    expect(problemOf('{"x": {"type": "uniform", "low": 0, "low": 1, "high": 2}}')).toBe('line 1, column 37: parameter "x": duplicate key "low"');
  });
});

describe('syntax errors name the line and column', () => {
  it.each([
    ['{"a": choice(1, 2', 'line 1, column 18: "(" opened at line 1, column 13 is never closed'],
    ['{"a": choice(1, 2)', 'line 1, column 19: "{" opened at line 1, column 1 is never closed'],
    ['a: choice([1, 2)', 'line 1, column 16: expected "," between list items (got ")")'],
    ['a: uniform(0, 1) b: uniform(0, 1)', 'line 1, column 18: expected "," or a line break between entries (got "b")'],
    ['a uniform(0, 1)', 'line 1, column 3: expected ":" after the name "a" (got "uniform")'],
    ['a: uniform(0 1)', 'line 1, column 14: expected "," between the arguments of uniform(...) (got "1")'],
    ['a: @', 'line 1, column 4: unexpected character "@"'],
    ['\n\n  a: uniform(0, \'x)', 'line 3, column 17: unterminated string (no closing quote)'],
    ['a: choice("x\ny")', 'line 1, column 11: unterminated string (a string must end on the line it starts)'],
    ['a: choice("\\q")', 'line 1, column 11: invalid escape "\\q" in string'],
    ['a: uniform(0, 1.2.3)', 'line 1, column 15: malformed number "1.2.3"'],
    ['a: uniform(0, 1e)', 'line 1, column 15: malformed number "1e"'],
    ['a: choice(relu, tanh)', 'line 1, column 11: unknown name "relu" (strings need quotes, e.g. "relu")'],
    ['a: uniform(-"1", 2)', 'line 1, column 12: "-" must be followed by a number'],
    ['{"a": uniform(0, 1)} extra', 'line 1, column 22: unexpected "extra" after the end of the space'],
    [': uniform(0, 1)', 'line 1, column 1: expected a parameter name such as "learning_rate" (got ":")'],
    ['a:', 'line 1, column 3: expected a value (got the end of the input)'],
    ['a: ' + '['.repeat(100), 'line 1, column 68: nesting deeper than 64 levels'],
  ])('%j', (input, message) => {
    expect(problemOf(input)).toBe(message);
  });
});

describe('robustness: nothing but InvalidSpaceError, ever', () => {
  const valid = '{\n  "lr": loguniform(-9, -2),  # comment\n  "bs": choice(range(16, 129, 16)),\n  \'act\': choice("relu", True, -1.5e-3),\n  "x": qnormal(mu=0, sigma=1, q=0.5),\n  "y": {"type": "uniform", "low": 0, "high": 1},\n}';
  const alphabet = '{}()[],:=+-."\'#\\ \n\tabcdefxyz0123456789eEqlogunifrmchTFN_';

  /** parseSpace must return a valid space or throw InvalidSpaceError with at least one problem. */
  function check(input: string | object): void {
    let space: Space;
    try {
      space = parseSpace(input as string);
    } catch (error) {
      if (!(error instanceof InvalidSpaceError) || error.problems.length === 0) throw new Error(`parseSpace(${JSON.stringify(input)}) threw ${String(error)}`);
      for (const problem of error.problems) expect(problem).not.toMatch(/function undefined|\[object/);
      return;
    }
    expect(spaceProblems(space)).toEqual([]);
  }

  it('survives random strings', () => {
    const rng = createRng(31337);
    for (let i = 0; i < 3000; i++) {
      const length = rng.int(40);
      check(Array.from({ length }, () => alphabet[rng.int(alphabet.length)]).join(''));
    }
  });

  it('survives random edits of a valid space', () => {
    const rng = createRng(4242);
    expect(() => parseSpace(valid)).not.toThrow();
    for (let i = 0; i < 3000; i++) {
      let text = valid;
      for (let edits = 1 + rng.int(3); edits > 0; edits--) {
        const at = rng.int(text.length + 1);
        const op = rng.int(3);
        const char = alphabet[rng.int(alphabet.length)];
        text = op === 0 ? text.slice(0, at) + text.slice(at + 1) : op === 1 ? text.slice(0, at) + char + text.slice(at) : text.slice(0, at) + char + text.slice(at + 1);
      }
      check(text);
    }
  });

  it('survives random objects', () => {
    const rng = createRng(99);
    const atoms: unknown[] = [0, -1, 1e308, NaN, Infinity, '', 'choice', 'uniform', 'low', true, null, undefined, () => 1, Symbol('s'), 10n];
    const randomValue = (depth: number): unknown => {
      const kind = depth > 3 ? 0 : rng.int(3);
      if (kind === 0) return atoms[rng.int(atoms.length)];
      if (kind === 1) return Array.from({ length: rng.int(4) }, () => randomValue(depth + 1));
      const keys = ['type', 'low', 'high', 'values', 'mu', 'sigma', 'q', 'upper', 'parameters', 'name', 'expression', '__proto__'];
      return Object.fromEntries(Array.from({ length: rng.int(5) }, () => [keys[rng.int(keys.length)], randomValue(depth + 1)]));
    };
    for (let i = 0; i < 3000; i++) check(randomValue(0) as object);
  });

  it('accepts the edge of validity', () => {
    expect(parseSpace('x: qnormal(0, 1e-300, 1e-300)').parameters[0].expression).toEqual(qnormal(0, 1e-300, 1e-300));
    expect(parseSpace('x: loguniform(-745, 709.78)').parameters).toHaveLength(1);
  });
});
