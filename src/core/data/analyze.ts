/**
 * Checks the user's choices against the table and gathers what both the summary and the encoder
 * need: the rows used, the missing-value report, the feature columns, the classes. Every problem
 * is a sentence naming the column, the rule and the value.
 */
import { DEFAULT_MAX_CLASSES, featureColumns, type DataLimits, type DatasetChoices } from './choices';
import { indexClasses, type ClassIndex } from './classes';
import { findColumn, type ColumnProfile, type DatasetSchema } from './infer';
import { selectRows, type MissingReport } from './missing';
import type { RawTable } from './table';
import { quote } from './values';

export interface ChoiceAnalysis {
  /** Rows used (file order); empty when the target is unknown. */
  readonly rows: Int32Array;
  readonly report: MissingReport | null;
  readonly features: readonly ColumnProfile[];
  /** Classification only. */
  readonly classIndex: ClassIndex | null;
  /** Empty when the choices can be encoded. */
  readonly problems: readonly string[];
}

function classProblems(target: ColumnProfile, classIndex: ClassIndex, maxClasses: number): string[] {
  const count = classIndex.classes.length;
  const name = JSON.stringify(target.name);
  if (count === 0) return [`target ${name} has no values in the rows used`];
  if (count === 1) {
    return [`target ${name} has only one class (${quote(classIndex.classes[0].label)}); classification needs at least two`];
  }
  if (count > maxClasses) {
    const hint = target.kind === 'numeric' ? 'choose regression, or another target' : 'choose another target';
    return [`target ${name} has ${count} classes, more than the limit of ${maxClasses}; ${hint}`];
  }
  return [];
}

function regressionProblems(target: ColumnProfile): string[] {
  const name = JSON.stringify(target.name);
  if (target.textCount > 0) {
    const t = target.firstText!;
    const more = target.textCount > 1 ? ` (and ${target.textCount - 1} more text value${target.textCount > 2 ? 's' : ''})` : '';
    return [`target ${name} must be numeric for regression, but line ${t.line} has the text ${quote(t.value)}${more}`];
  }
  if (target.distinct <= 1) return [`target ${name} has the same value in every row; there is nothing to predict`];
  return [];
}

/** Analyses `choices` on `table`; `keepConstant` keeps constant features (image pixels). */
export function analyzeChoices(
  table: RawTable,
  schema: DatasetSchema,
  choices: DatasetChoices,
  limits: DataLimits = {},
  keepConstant = false,
): ChoiceAnalysis {
  const target = findColumn(schema, choices.target);
  if (!target) {
    const names = schema.columns.map((c) => JSON.stringify(c.name)).join(', ');
    return { rows: new Int32Array(0), report: null, features: [], classIndex: null, problems: [`target column ${JSON.stringify(choices.target)} is not in the file (columns: ${names})`] };
  }
  const problems: string[] = [];
  for (const name of choices.excluded) {
    if (!findColumn(schema, name)) problems.push(`excluded column ${JSON.stringify(name)} is not in the file`);
  }
  const features = featureColumns(schema, choices, keepConstant);
  if (features.length === 0) {
    problems.push(`no feature columns left: every column other than the target ${JSON.stringify(target.name)} is excluded or constant`);
  }
  const { rows, report } = selectRows(table, schema, choices, keepConstant);
  let classIndex: ClassIndex | null = null;
  if (choices.task === 'classification') {
    classIndex = indexClasses(table.columns[target.index], rows);
    problems.push(...classProblems(target, classIndex, limits.maxClasses ?? DEFAULT_MAX_CLASSES));
  } else {
    problems.push(...regressionProblems(target));
  }
  if (problems.length === 0 && rows.length < 2) {
    const why = report.droppedRows > 0 ? ` (${report.droppedRows} dropped for missing values)` : '';
    problems.push(`only ${rows.length} usable row${rows.length === 1 ? '' : 's'}${why}; a train/validation split needs at least 2`);
  }
  return { rows, report, features, classIndex, problems };
}
