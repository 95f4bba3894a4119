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

/** One entry `"name": expression` as a row; `line` is where it sits in the text. */
export interface SpaceRow {
  readonly name: string;
  readonly expression: string;
  readonly line: number | null;
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

/** Rows read line by line: one entry per line, braces on their own or around the entries. */
export function rowsOfText(text: string): SpaceRow[] | null {
  const rows: SpaceRow[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/^\s*\{/, '').replace(/\}\s*,?\s*$/, '');
    if (line.trim() === '') continue;
    const match = ENTRY.exec(line);
    if (!match) return null;
    const name = match[1] !== undefined ? JSON.parse(`"${match[1]}"`) as string : (match[2] ?? match[3]);
    rows.push({ name, expression: match[4], line: i + 1 });
  }
  return rows;
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
 * Problems the space has as a space of the built-in models (names and domains) and for `sampling`.
 * With `anyNames` (the user's model code reads the parameters) other names are the code's own.
 */
function modelProblems(space: Space, sampling: SamplingType, anyNames: boolean): string[] {
  const out: string[] = [];
  for (const { name, expression } of space.parameters) {
    if (!isHyperparameterName(name)) {
      if (!anyNames) out.push(`parameter ${JSON.stringify(name)}: not a hyperparameter of the models (known: ${HYPERPARAMETER_NAMES.join(', ')})`);
      continue;
    }
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
  if (!rows || rows.length !== space.parameters.length) return null;
  return rows.every((row, i) => row.name === space.parameters[i].name) ? rows : null;
}

/** Model problems of each row that parses on its own, placed on its line (for text that does not parse whole). */
function rowProblems(rows: readonly SpaceRow[], sampling: SamplingType, anyNames: boolean): SpaceProblem[] {
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
    for (const message of modelProblems(space, sampling, anyNames)) out.push({ line: row.line, column: null, message });
  }
  return out;
}

/**
 * Checks `text` as the space of an experiment sampled with `sampling`; `anyNames` when the model is
 * the user's code (any parameter name is allowed). Never throws for bad input.
 */
export function checkSpaceText(text: string, sampling: SamplingType, anyNames = false): SpaceCheck {
  const lineRows = rowsOfText(text);
  let space: Space;
  try {
    space = parseSpace(text);
  } catch (error) {
    // Only the space's own errors are expected here; anything else is a bug to surface.
    if (!isTunerError(error)) throw error;
    const problems = error instanceof InvalidSpaceError ? error.problems.map(located) : [located(error.message)];
    return { space: null, problems: [...problems, ...(lineRows ? rowProblems(lineRows, sampling, anyNames) : [])], rows: lineRows };
  }
  const rows = matchingRows(lineRows, space) ?? space.parameters.map((p) => ({ name: p.name, expression: printExpression(p.expression), line: null }));
  const problems = modelProblems(space, sampling, anyNames).map((message) => placed(message, rows, text));
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
