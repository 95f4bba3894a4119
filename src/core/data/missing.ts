/**
 * Missing values: which rows lack a target (always left out: nothing to learn from), which lack a
 * feature value (dropped or imputed, as the user chooses), reported per column with the first line.
 */
import { featureColumns, type DatasetChoices, type MissingStrategy } from './choices';
import { findColumn, type ColumnProfile, type DatasetSchema } from './infer';
import type { RawColumn, RawTable } from './table';

export interface ColumnMissing {
  readonly name: string;
  /** Cells without a usable value (for numeric features this includes stray text). */
  readonly count: number;
  readonly firstLine: number;
}

export interface MissingReport {
  readonly strategy: MissingStrategy;
  /** Rows without a target value: never used. */
  readonly targetMissing: number;
  /** Rows with a target but a missing feature value: dropped or imputed per `strategy`. */
  readonly rowsWithMissing: number;
  /** Feature columns (and the target) with missing cells. */
  readonly columns: readonly ColumnMissing[];
  readonly keptRows: number;
  readonly droppedRows: number;
}

/** Whether a feature column is encoded as numbers (else one-hot): numeric columns, and ids or constants without text. */
export function isNumericFeature(profile: ColumnProfile, column: RawColumn): boolean {
  return profile.kind === 'numeric' || (profile.kind !== 'categorical' && column.codes === null);
}

/** Marks, per row, whether the column has no usable value there. */
function markMissing(column: RawColumn, numeric: boolean, flags: Uint8Array): { count: number; first: number } {
  let count = 0;
  let first = -1;
  const { numbers, codes } = column;
  for (let row = 0; row < numbers.length; row++) {
    const missing = numeric || codes === null ? numbers[row] !== numbers[row] : codes[row] === -1;
    if (!missing) continue;
    flags[row] = 1;
    count++;
    if (first === -1) first = row;
  }
  return { count, first };
}

/**
 * The rows used for training and validation under `choices` (in file order) and the report of
 * what was missing. `keepConstant` as in {@link featureColumns}.
 */
export function selectRows(
  table: RawTable,
  schema: DatasetSchema,
  choices: DatasetChoices,
  keepConstant = false,
): { rows: Int32Array; report: MissingReport } {
  const n = table.rowCount;
  const targetProfile = findColumn(schema, choices.target)!;
  const targetFlags = new Uint8Array(n);
  const targetColumn = table.columns[targetProfile.index];
  const target = markMissing(targetColumn, choices.task === 'regression', targetFlags);
  const featureFlags = new Uint8Array(n);
  const columns: ColumnMissing[] = [];
  if (target.count > 0) columns.push({ name: targetProfile.name, count: target.count, firstLine: table.lines[target.first] });
  for (const profile of featureColumns(schema, choices, keepConstant)) {
    const column = table.columns[profile.index];
    const marked = markMissing(column, isNumericFeature(profile, column), featureFlags);
    if (marked.count > 0) columns.push({ name: profile.name, count: marked.count, firstLine: table.lines[marked.first] });
  }
  let rowsWithMissing = 0;
  const kept = new Int32Array(n);
  let k = 0;
  for (let row = 0; row < n; row++) {
    if (targetFlags[row]) continue;
    if (featureFlags[row]) {
      rowsWithMissing++;
      if (choices.missing === 'drop') continue;
    }
    kept[k++] = row;
  }
  const report: MissingReport = {
    strategy: choices.missing,
    targetMissing: target.count,
    rowsWithMissing,
    columns,
    keptRows: k,
    droppedRows: n - k,
  };
  return { rows: kept.slice(0, k), report };
}
