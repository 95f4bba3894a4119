/**
 * One pass over a column: counts of numbers, text and missing cells, distinct values, range,
 * whether the numbers are integers counting up by one (a row number). Inference reads these.
 */
import { cellText, type RawColumn } from './table';

/** Distinct numbers counted exactly up to this many; beyond, the count is a lower bound. */
export const DISTINCT_CAP = 1000;

/** Statistics of one column, over all rows. */
export interface ColumnStats {
  readonly missing: number;
  readonly numericCount: number;
  /** Non-missing cells that are not numbers. */
  readonly textCount: number;
  /** Distinct non-missing values; exact unless `distinctCapped`. */
  readonly distinct: number;
  readonly distinctCapped: boolean;
  /** Every number is an integer (vacuously true without numbers). */
  readonly integer: boolean;
  /** Numbers run 1 apart in row order (n, n+1, n+2 ...), with no missing cell. */
  readonly sequential: boolean;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** First cell that is not a number, with its file line. */
  readonly firstText?: { readonly line: number; readonly value: string };
  readonly firstMissingLine?: number;
  /** Up to three distinct values as written, for display. */
  readonly examples: readonly string[];
}

/** Computes {@link ColumnStats} for `column`; `lines` maps rows to file lines. */
export function profileColumn(column: RawColumn, lines: Int32Array): ColumnStats {
  const { numbers, codes } = column;
  const seen = new Set<number>();
  const examples: string[] = [];
  let missing = 0;
  let numericCount = 0;
  let textCount = 0;
  let integer = true;
  let sequential = true;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let prev = NaN;
  let firstText: ColumnStats['firstText'];
  let firstMissingLine: number | undefined;
  for (let row = 0; row < numbers.length; row++) {
    const n = numbers[row];
    if (n === n) {
      numericCount++;
      sum += n;
      if (n < min) min = n;
      if (n > max) max = n;
      if (integer && n % 1 !== 0) integer = false;
      if (sequential && row > 0 && n !== prev + 1) sequential = false;
      prev = n;
      if (codes === null && seen.size <= DISTINCT_CAP) seen.add(n);
    } else if (codes !== null && codes[row] >= 0) {
      textCount++;
      sequential = false;
      firstText ??= { line: lines[row], value: column.levels[codes[row]] };
    } else {
      missing++;
      sequential = false;
      firstMissingLine ??= lines[row];
    }
    if (examples.length < 3 && !(n !== n && (codes === null || codes[row] < 0))) {
      const text = cellText(column, row);
      if (!examples.includes(text)) examples.push(text);
    }
  }
  const distinct = codes === null ? seen.size : column.levels.length;
  return {
    missing,
    numericCount,
    textCount,
    distinct,
    distinctCapped: codes === null && seen.size > DISTINCT_CAP,
    integer,
    sequential: sequential && numericCount > 0,
    min: numericCount > 0 ? min : NaN,
    max: numericCount > 0 ? max : NaN,
    mean: numericCount > 0 ? sum / numericCount : NaN,
    firstText,
    firstMissingLine,
    examples,
  };
}

/** True when the numbers of `column` are all different (sorts a copy; used for id-named columns only). */
export function allNumbersDistinct(column: RawColumn): boolean {
  const values = column.numbers.filter((n) => n === n).sort();
  for (let i = 1; i < values.length; i++) if (values[i] === values[i - 1]) return false;
  return true;
}
