/**
 * The parsed, not yet encoded table: one column store per CSV column. Numbers are kept as
 * Float64Array and text as dictionary codes, so a 200 MB file fits in memory and inference and
 * encoding are single passes over typed arrays.
 */
import { isMissingToken, parseNumber } from './values';

/** One parsed column. A cell is missing when `numbers` is NaN and its code (if any) is -1. */
export interface RawColumn {
  readonly name: string;
  /** The number in each row; NaN where the cell is missing or holds text. */
  readonly numbers: Float64Array;
  /** Dictionary code of each row (-1 = missing) once the column holds any text; null while all-numeric. */
  readonly codes: Int32Array | null;
  /** Dictionary of `codes`: the trimmed text of each distinct non-missing cell. */
  readonly levels: readonly string[];
}

/** A parsed CSV: header names, the columns, and the file line of each data row (for messages). */
export interface RawTable {
  readonly name: string;
  readonly rowCount: number;
  readonly columns: readonly RawColumn[];
  /** 1-based line in the file where each data row starts. */
  readonly lines: Int32Array;
  readonly delimiter: string;
  /** Size of the source in bytes. */
  readonly byteSize: number;
  /** Things fixed up while parsing (renamed headers, skipped blank lines), for the user to see. */
  readonly warnings: readonly string[];
}

/** Is row `row` of `column` missing (no number, no text)? */
export function isMissing(column: RawColumn, row: number): boolean {
  const n = column.numbers[row];
  if (n === n) return false;
  return column.codes === null || column.codes[row] === -1;
}

/** The text of a cell as the user wrote it (numbers printed back), or '' when missing. */
export function cellText(column: RawColumn, row: number): string {
  if (column.codes !== null && column.codes[row] >= 0) return column.levels[column.codes[row]];
  const n = column.numbers[row];
  return n === n ? String(n) : '';
}

function grow<T extends Float64Array | Int32Array>(array: T, make: (n: number) => T): T {
  const next = make(array.length * 2);
  next.set(array);
  return next;
}

/** Accumulates one column while parsing; switches to dictionary codes at the first text cell. */
export class ColumnBuilder {
  private numbers = new Float64Array(1024);
  private codes: Int32Array | null = null;
  private readonly dictionary = new Map<string, number>();
  private readonly levels: string[] = [];
  private size = 0;

  constructor(
    readonly name: string,
    private readonly decimalComma: boolean,
  ) {}

  /** Appends one cell. */
  push(cell: string): void {
    if (this.size === this.numbers.length) {
      this.numbers = grow(this.numbers, (n) => new Float64Array(n));
      if (this.codes) this.codes = grow(this.codes, (n) => new Int32Array(n));
    }
    const row = this.size++;
    const n = cell.length === 0 ? NaN : parseNumber(cell, this.decimalComma);
    this.numbers[row] = n;
    if (n === n) {
      // Numbers are coded by their printed value, so "1.0" and "1" are one level.
      if (this.codes) this.codes[row] = this.code(String(n));
      return;
    }
    const missing = cell.length === 0 || isMissingToken(cell);
    if (missing) {
      if (this.codes) this.codes[row] = -1;
      return;
    }
    this.codes ??= this.startCodes(row);
    this.codes[row] = this.code(cell.trim());
  }

  private code(text: string): number {
    let code = this.dictionary.get(text);
    if (code === undefined) {
      code = this.levels.length;
      this.dictionary.set(text, code);
      this.levels.push(text);
    }
    return code;
  }

  /** Codes for the rows before the first text cell: their numbers printed back. */
  private startCodes(upTo: number): Int32Array {
    const codes = new Int32Array(this.numbers.length);
    for (let row = 0; row < upTo; row++) {
      const n = this.numbers[row];
      codes[row] = n === n ? this.code(String(n)) : -1;
    }
    return codes;
  }

  /** The finished column, trimmed to its length. */
  build(): RawColumn {
    return {
      name: this.name,
      numbers: this.numbers.slice(0, this.size),
      codes: this.codes ? this.codes.slice(0, this.size) : null,
      levels: this.levels,
    };
  }
}
