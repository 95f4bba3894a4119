/**
 * The parameter space as the builder edits it: text in the HyperDrive syntax (the source of truth)
 * and the same entries as rows. Checks the text live and places every problem on its line, so the
 * editor can show each error under the line it belongs to.
 */
import { InvalidSpaceError, isTunerError } from '../../core/errors';
import { checkHyperparameter, HYPERPARAMETER_NAMES, isHyperparameterName } from '../../core/experiment';
import { gridSize, parseSpace, printExpression, type Expression, type Space } from '../../core/space';
import type { ParamValue, SamplingType } from '../../core/types';

/** One problem of the space; `line` is 1-based, null when it belongs to no line. */
export interface SpaceProblem {
  readonly line: number | null;
  readonly column: number | null;
  readonly message: string;
}

/**
 * One entry `"name": expression` as a row; `line` is where it sits in the text, `column` (1-based)
 * where the entry starts when its line holds several entries.
 */
export interface SpaceRow {
  readonly name: string;
  readonly expression: string;
  readonly line: number | null;
  readonly column?: number;
}

/** The text checked: the space when valid, every problem, and the rows (null when the text has no row form). */
export interface SpaceCheck {
  readonly space: Space | null;
  readonly problems: readonly SpaceProblem[];
  readonly rows: readonly SpaceRow[] | null;
}

const POSITION = /^line (\d+), column (\d+): (.*)$/s;
const ENTRY = /^\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z_][\w.-]*))\s*:\s*(.*?)\s*,?\s*$/;
const NAMED = /parameter "((?:[^"\\]|\\.)*)"/;

/** `line 3, column 7: message` split into its parts. */
function located(message: string): SpaceProblem {
  const match = POSITION.exec(message);
  if (!match) return { line: null, column: null, message };
  return { line: Number(match[1]), column: Number(match[2]), message: match[3] };
}

/**
 * `line` cut at its top-level commas (outside brackets and quotes) into entries with their 1-based
 * start columns; null when a bracket or quote stays open, so one entry cannot swallow the next.
 */
function entriesOfLine(line: string): { text: string; column: number }[] | null {
  const out: { text: string; column: number }[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      out.push({ text: line.slice(start, i), column: start + 1 });
      start = i + 1;
    }
  }
  if (depth !== 0 || quote) return null;
  out.push({ text: line.slice(start), column: start + 1 });
  return out.filter((e) => e.text.trim() !== '');
}

/** Rows read line by line: one or more entries per line, braces on their own or around the entries. */
export function rowsOfText(text: string): SpaceRow[] | null {
  const rows: SpaceRow[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*\{/.exec(lines[i])?.[0].length ?? 0;
    const entries = entriesOfLine(lines[i].slice(open).replace(/\}\s*,?\s*$/, ''));
    if (!entries) return null;
    for (const entry of entries) {
      const match = ENTRY.exec(entry.text);
      if (!match) return null;
      const name = match[1] !== undefined ? JSON.parse(`"${match[1]}"`) as string : (match[2] ?? match[3]);
      const column = entries.length > 1 ? { column: open + entry.column } : {};
      rows.push({ name, expression: match[4], line: i + 1, ...column });
    }
  }
  return rows;
}

/** The problems shown with `row`: those of its line, and of its stretch of the line when it shares one. */
export function problemsOfRow(row: SpaceRow, rows: readonly SpaceRow[], problems: readonly SpaceProblem[]): SpaceProblem[] {
  if (row.line === null) return [];
  const sameLine = rows.filter((r) => r.line === row.line);
  return problems.filter((p) => {
    if (p.line !== row.line) return false;
    if (row.column === undefined || p.column === null) return true;
    const owner = sameLine.filter((r) => (r.column ?? 1) <= p.column!).at(-1) ?? sameLine[0];
    return owner === row;
  });
}

/** The text of `rows`: one entry per line inside braces, as `printSpace` writes it. */
export function textOfRows(rows: readonly Pick<SpaceRow, 'name' | 'expression'>[]): string {
  const lines = rows.map((row) => `  ${JSON.stringify(row.name)}: ${row.expression.trim()}`);
  return `{\n${lines.join(',\n')}\n}`;
}

/** Values an expression can take at its ends, to check against the model's domains. */
function endpoints(e: Expression): ParamValue[] {
  switch (e.type) {
    case 'choice':
      return [...e.values];
    case 'randint':
      return [0, e.upper - 1];
    case 'uniform':
    case 'quniform':
      return [e.low, e.high];
    case 'loguniform':
    case 'qloguniform':
      return [Math.exp(e.low), Math.exp(e.high)];
    default:
      return [];
  }
}

/**
 * Problems the space has as a space of the model (names and the built-in domains) and for
 * `sampling`. `names`: the parameters the model has (null: the user's code decides, any name goes).
 */
function modelProblems(space: Space, sampling: SamplingType, names: readonly string[] | null): string[] {
  const out: string[] = [];
  for (const { name, expression } of space.parameters) {
    if (names && !names.includes(name)) {
      out.push(`parameter ${JSON.stringify(name)}: not a hyperparameter of the model (known: ${names.join(', ')})`);
      continue;
    }
    if (!isHyperparameterName(name)) continue;
    for (const value of endpoints(expression)) {
      try {
        checkHyperparameter(name, value);
      } catch (error) {
        out.push(`parameter ${JSON.stringify(name)}: ${(error as Error).message.replace(/^hyperparameter "[^"]+" /, '')}`);
        break;
      }
    }
  }
  if (sampling === 'grid') {
    try {
      gridSize(space);
    } catch (error) {
      if (!(error instanceof InvalidSpaceError)) throw error;
      out.push(...error.problems);
    }
  }
  return out;
}

/** Puts a problem that names a parameter on that parameter's line (its row's, else the first line quoting the name). */
function placed(message: string, rows: readonly SpaceRow[] | null, text: string): SpaceProblem {
  const quoted = NAMED.exec(message)?.[0].slice('parameter '.length);
  if (quoted === undefined) return { line: null, column: null, message };
  const row = rows?.find((r) => JSON.stringify(r.name) === quoted);
  if (row?.line) return { line: row.line, column: null, message };
  const index = text.split('\n').findIndex((line) => line.includes(quoted));
  return { line: index < 0 ? null : index + 1, column: null, message };
}

/** Rows that match the parsed space entry for entry (a one-line dict does not). */
function matchingRows(rows: readonly SpaceRow[] | null, space: Space): readonly SpaceRow[] | null {
  // Entries sharing a line keep the parsed, printed form (a one-line dict has no row form).
  if (!rows || rows.length !== space.parameters.length || rows.some((r) => r.column !== undefined)) return null;
  return rows.every((row, i) => row.name === space.parameters[i].name) ? rows : null;
}

/** Model problems of each row that parses on its own, placed on its line (for text that does not parse whole). */
function rowProblems(rows: readonly SpaceRow[], sampling: SamplingType, names: readonly string[] | null): SpaceProblem[] {
  const out: SpaceProblem[] = [];
  for (const row of rows) {
    let space: Space;
    try {
      space = parseSpace(`${JSON.stringify(row.name)}: ${row.expression}`);
    } catch (error) {
      // The whole-text parse already reported this row's syntax or rule problem.
      if (isTunerError(error)) continue;
      throw error;
    }
    for (const message of modelProblems(space, sampling, names)) out.push({ line: row.line, column: null, message });
  }
  return out;
}

/**
 * Checks `text` as the space of an experiment sampled with `sampling`, for a model whose parameters
 * are `names` (core's `tunableNames`; null: the user's code decides). Never throws for bad input.
 */
export function checkSpaceText(text: string, sampling: SamplingType, names: readonly string[] | null = HYPERPARAMETER_NAMES): SpaceCheck {
  const lineRows = rowsOfText(text);
  let space: Space;
  try {
    space = parseSpace(text);
  } catch (error) {
    // Only the space's own errors are expected here; anything else is a bug to surface.
    if (!isTunerError(error)) throw error;
    const problems = error instanceof InvalidSpaceError ? error.problems.map(located) : [located(error.message)];
    return { space: null, problems: [...problems, ...(lineRows ? rowProblems(lineRows, sampling, names) : [])], rows: lineRows };
  }
  const rows = matchingRows(lineRows, space) ?? space.parameters.map((p) => ({ name: p.name, expression: printExpression(p.expression), line: null }));
  const problems = modelProblems(space, sampling, names).map((message) => placed(message, rows, text));
  return { space: problems.length === 0 ? space : null, problems, rows };
}

/** Problems grouped by line (key 0: problems of no line). */
export function problemsByLine(problems: readonly SpaceProblem[]): Map<number, SpaceProblem[]> {
  const out = new Map<number, SpaceProblem[]>();
  for (const problem of problems) {
    const key = problem.line ?? 0;
    out.set(key, [...(out.get(key) ?? []), problem]);
  }
  return out;
}
