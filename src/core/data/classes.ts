/**
 * Class labels of a classification target: which distinct values, in which order, how many rows
 * each. Numeric labels sort by value (digit 0..9 becomes class 0..9), text labels by code point.
 */
import type { RawColumn } from './table';

export interface ClassCount {
  readonly label: string;
  readonly count: number;
}

/** Classes found in the given rows of a target column. */
export interface ClassIndex {
  /** Labels in class-index order with their row counts. */
  readonly classes: readonly ClassCount[];
  /** Class index of each table row; -1 for rows not counted or without a value. */
  readonly classOf: Int32Array;
}

/** The value key of a row: its dictionary code when the column has text, else its number (NaN when missing). */
function keyOf(column: RawColumn, row: number): number {
  if (column.codes !== null) {
    const code = column.codes[row];
    return code === -1 ? NaN : code;
  }
  return column.numbers[row];
}

function labelOf(column: RawColumn, key: number): string {
  return column.codes !== null ? column.levels[key] : String(key);
}

function compareLabels(labels: string[]): (a: string, b: string) => number {
  const numeric = labels.every((l) => l.trim() !== '' && Number.isFinite(Number(l)));
  if (numeric) return (a, b) => Number(a) - Number(b);
  return (a, b) => (a < b ? -1 : a > b ? 1 : 0);
}

/** Counts the classes of `column` over `rows` (table row indices). */
export function indexClasses(column: RawColumn, rows: Int32Array): ClassIndex {
  const counts = new Map<number, number>();
  for (const row of rows) {
    const key = keyOf(column, row);
    if (key === key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const byLabel = new Map<string, number>();
  for (const [key, count] of counts) {
    const label = labelOf(column, key);
    byLabel.set(label, (byLabel.get(label) ?? 0) + count);
  }
  const labels = [...byLabel.keys()].sort(compareLabels([...byLabel.keys()]));
  const indexOfLabel = new Map(labels.map((label, i) => [label, i]));
  const indexOfKey = new Map<number, number>();
  for (const key of counts.keys()) indexOfKey.set(key, indexOfLabel.get(labelOf(column, key))!);
  const classOf = new Int32Array(column.numbers.length).fill(-1);
  for (const row of rows) {
    const key = keyOf(column, row);
    if (key === key) classOf[row] = indexOfKey.get(key)!;
  }
  return { classes: labels.map((label) => ({ label, count: byLabel.get(label)! })), classOf };
}
