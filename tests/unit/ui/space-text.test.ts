import { describe, expect, it } from 'vitest';
import { parseSpace, printSpace } from '../../../src/core/space';
import { checkSpaceText, problemsByLine, problemsOfRow, rowsOfText, textOfRows, type SpaceProblem } from '../../../src/ui/state/space-text';

/** A multi-line space, one entry per line starting at line 2 (line 1 is the opening brace). */
function space(...entries: string[]): string {
  return `{\n${entries.map((e) => `  ${e}`).join(',\n')}\n}`;
}

const LR = '"learning_rate": loguniform(-9, -2)';
const BATCH = '"batch_size": choice(16, 32, 64)';

/** The one problem of `problems`, failing when there are none or several. */
function only(problems: readonly SpaceProblem[]): SpaceProblem {
  expect(problems).toHaveLength(1);
  return problems[0];
}

describe('checkSpaceText: a valid space', () => {
  it('returns the parsed space, no problems, and one row per entry on its own line', () => {
    const check = checkSpaceText(space(LR, BATCH, '"keep_probability": uniform(0.5, 1)'), 'random');
    expect(check.problems).toEqual([]);
    expect(check.space?.parameters.map((p) => p.name)).toEqual(['learning_rate', 'batch_size', 'keep_probability']);
    expect(check.rows).toEqual([
      { name: 'learning_rate', expression: 'loguniform(-9, -2)', line: 2 },
      { name: 'batch_size', expression: 'choice(16, 32, 64)', line: 3 },
      { name: 'keep_probability', expression: 'uniform(0.5, 1)', line: 4 },
    ]);
  });

  it('gives rows without lines for a one-line dict (the text has no row form)', () => {
    const check = checkSpaceText('{"learning_rate": loguniform(-9, -2), "units": choice(32, 64)}', 'random');
    expect(check.problems).toEqual([]);
    expect(check.rows).toEqual([
      { name: 'learning_rate', expression: 'loguniform(-9, -2)', line: null },
      { name: 'units', expression: 'choice(32, 64)', line: null },
    ]);
  });

  it('a grid of choices only is fine for grid sampling', () => {
    const check = checkSpaceText(space(BATCH, '"units": choice(32, 64)'), 'grid');
    expect(check.problems).toEqual([]);
    expect(check.space).not.toBeNull();
  });
});

describe('checkSpaceText: each problem sits under the line it belongs to', () => {
  // [what, text, sampling, expected line, a fragment of the message]
  const cases: [string, string, 'random' | 'grid' | 'bayesian', number, RegExp][] = [
    ['low >= high on the 3rd entry', space(LR, BATCH, '"keep_probability": uniform(1, 0.5)'), 'random', 4, /"keep_probability".*low < high/],
    ['unknown function', space(LR, '"batch_size": chice(16, 32)'), 'random', 3, /unknown function "chice".*did you mean "choice"/],
    ['duplicate name', space(LR, BATCH, '"batch_size": choice(8)'), 'random', 4, /"batch_size".*duplicate/],
    ['not a hyperparameter of the models', space(LR, '"layers": choice(1, 2)'), 'random', 3, /"layers": not a hyperparameter.*known: .*number_of_hidden_layers/],
    ['choice value outside the domain', space(LR, '"batch_size": choice(0, 32)'), 'random', 3, /"batch_size".*integer >= 1.*got 0/],
    ['uniform end outside the domain', space(LR, BATCH, '"keep_probability": uniform(0.5, 2)'), 'bayesian', 4, /"keep_probability".*<= 1.*got 2/],
    ['loguniform checked in real units (e^1 is fine, e^0.1 > 1 is not)', space('"keep_probability": loguniform(-3, 0.1)'), 'random', 2, /"keep_probability".*got 1\.10/],
    ['enum value not an option', space(LR, '"optimizer": choice("adam", "nadam")'), 'random', 3, /"optimizer".*one of adam, sgd, rmsprop.*"nadam"/],
    ['grid with a non-choice expression', space(BATCH, LR), 'grid', 3, /"learning_rate": grid sampling needs choice.*loguniform/],
  ];

  it.each(cases)('%s', (_what, text, sampling, line, message) => {
    const check = checkSpaceText(text, sampling);
    const problem = only(check.problems);
    expect(problem.line).toBe(line);
    expect(problem.message).toMatch(message);
    expect(check.space).toBeNull();
  });

  it('the same space is valid for random sampling but not for grid (grid-only-choice)', () => {
    const text = space(BATCH, '"keep_probability": uniform(0.5, 1)');
    expect(checkSpaceText(text, 'random').problems).toEqual([]);
    expect(checkSpaceText(text, 'bayesian').problems).toEqual([]);
    expect(only(checkSpaceText(text, 'grid').problems)).toMatchObject({ line: 3, message: expect.stringMatching(/keep_probability.*grid sampling needs choice/) });
  });

  it('a syntax error carries its column as well as its line', () => {
    const problem = only(checkSpaceText(space(LR, '"units": uniform(5, 3)'), 'random').problems);
    expect(problem).toMatchObject({ line: 3, column: expect.any(Number) });
    expect(problem.message).not.toMatch(/^line \d+/); // the position is split out of the text
  });

  it('reports a model problem of a valid row even when another row does not parse', () => {
    const check = checkSpaceText(space(LR, '"batch_size": choice(0, 32)', '"units": chice(3)'), 'random');
    const byLine = problemsByLine(check.problems);
    expect(byLine.get(4)?.[0].message).toMatch(/unknown function "chice"/);
    expect(byLine.get(3)?.[0].message).toMatch(/"batch_size".*got 0/);
    expect(byLine.has(2)).toBe(false);
    expect(check.rows?.map((r) => r.line)).toEqual([2, 3, 4]);
  });

  it('places a problem on the line quoting the name when rows have no lines (a comment line)', () => {
    const text = `{\n  # the learning rate\n  ${LR},\n  "batch_size": choice(0, 32)\n}`;
    const problem = only(checkSpaceText(text, 'random').problems);
    expect(problem.line).toBe(4);
  });

  it('Windows line endings do not move problems or rows', () => {
    const text = space(LR, '"batch_size": choice(0, 32)').replace(/\n/g, '\r\n');
    const check = checkSpaceText(text, 'random');
    expect(only(check.problems).line).toBe(3);
    expect(check.rows?.map((r) => [r.name, r.expression])).toEqual([
      ['learning_rate', 'loguniform(-9, -2)'],
      ['batch_size', 'choice(0, 32)'],
    ]);
  });

  it('an empty text is one problem of no line, not a crash', () => {
    const check = checkSpaceText('', 'random');
    expect(check.space).toBeNull();
    expect(only(check.problems)).toMatchObject({ line: null, message: expect.stringMatching(/at least one parameter/) });
  });

  it('every problem of a space with several is listed, each on its own line', () => {
    const text = space(LR, '"optimizer": choice("adam", "nadam")', '"units": choice(0, 64)');
    const lines = checkSpaceText(text, 'random').problems.map((p) => p.line);
    expect(lines.sort()).toEqual([3, 4]);
  });
});

describe('problemsByLine', () => {
  it('groups problems by line in order, key 0 for problems of no line', () => {
    const a = { line: 2, column: null, message: 'a' };
    const b = { line: null, column: null, message: 'b' };
    const c = { line: 2, column: 5, message: 'c' };
    const grouped = problemsByLine([a, b, c]);
    expect([...grouped.keys()]).toEqual([2, 0]);
    expect(grouped.get(2)).toEqual([a, c]);
    expect(grouped.get(0)).toEqual([b]);
  });
});

describe('rowsOfText and textOfRows', () => {
  it('reads double-quoted, single-quoted and bare names, with or without braces and trailing commas', () => {
    expect(rowsOfText(`{\n  "a": choice(1, 2),\n  'b': uniform(0, 1),\n  c: normal(0, 1)\n}`)).toEqual([
      { name: 'a', expression: 'choice(1, 2)', line: 2 },
      { name: 'b', expression: 'uniform(0, 1)', line: 3 },
      { name: 'c', expression: 'normal(0, 1)', line: 4 },
    ]);
    expect(rowsOfText('a: choice(1, 2)\n\nb: uniform(0, 1)')).toEqual([
      { name: 'a', expression: 'choice(1, 2)', line: 1 },
      { name: 'b', expression: 'uniform(0, 1)', line: 3 },
    ]);
  });

  it('unescapes JSON escapes in quoted names', () => {
    expect(rowsOfText('"a\\"b": choice(1)')?.[0].name).toBe('a"b');
  });

  it('is null when a line is not an entry', () => {
    expect(rowsOfText('{\n  "a": choice(1, 2),\n  oops\n}')).toBeNull();
  });

  it('textOfRows writes what rowsOfText reads back, and what parses to the same space', () => {
    const rows = [
      { name: 'learning_rate', expression: ' loguniform(-9, -2) ' },
      { name: 'batch_size', expression: 'choice(16, 32)' },
    ];
    const text = textOfRows(rows);
    expect(rowsOfText(text)).toEqual([
      { name: 'learning_rate', expression: 'loguniform(-9, -2)', line: 2 },
      { name: 'batch_size', expression: 'choice(16, 32)', line: 3 },
    ]);
    expect(printSpace(parseSpace(text))).toBe(printSpace(parseSpace('{"learning_rate": loguniform(-9, -2), "batch_size": choice(16, 32)}')));
  });
});

describe('rows of a space that does not parse', () => {
  it('a one-line dict with a bad entry gives one row per entry, the problem on the bad one only', () => {
    const text = '{"learning_rate": loguniform(-9, ), "units": choice(8, 8)}';
    const check = checkSpaceText(text, 'random');
    expect(check.space).toBeNull();
    expect(check.rows?.map((r) => [r.name, r.expression])).toEqual([
      ['learning_rate', 'loguniform(-9, )'],
      ['units', 'choice(8, 8)'],
    ]);
    const [lr, units] = check.rows!;
    const onLr = problemsOfRow(lr, check.rows!, check.problems);
    expect(onLr.length).toBeGreaterThan(0);
    expect(onLr.every((p) => check.problems.includes(p))).toBe(true);
    // The duplicate choice value is reported on the units entry, not on learning_rate.
    expect(problemsOfRow(units, check.rows!, check.problems).map((p) => p.message).join(' ')).not.toMatch(/loguniform/);
  });

  it('a line whose brackets do not close cannot be read as rows (no scrambled row)', () => {
    expect(rowsOfText('{"learning_rate": loguniform(-9, "units": choice(8, 8)}')).toBeNull();
  });

  it('rows on lines of their own take every problem of their line', () => {
    const check = checkSpaceText(space(LR, '"units": chice(3)'), 'random');
    const [lr, units] = check.rows!;
    expect(problemsOfRow(lr, check.rows!, check.problems)).toEqual([]);
    expect(problemsOfRow(units, check.rows!, check.problems)[0].message).toMatch(/chice/);
  });
});
