/**
 * Column type and task inference. Each column is numeric, categorical, constant (one value: no
 * information) or identifier-like (a row number or a value unique to each row: it would only let a
 * model memorise rows). The last column is proposed as the target.
 */
import type { TaskType } from './types';
import { allNumbersDistinct, profileColumn, type ColumnStats } from './profile';
import type { RawColumn, RawTable } from './table';

export type ColumnKind = 'numeric' | 'categorical' | 'constant' | 'identifier';

/** A column's inferred kind, why, and its statistics. */
export interface ColumnProfile extends ColumnStats {
  readonly name: string;
  readonly index: number;
  readonly kind: ColumnKind;
  /** One short sentence for the user: why this kind. */
  readonly reason: string;
}

/** What inference found in a table. Plain data: it crosses postMessage to the page. */
export interface DatasetSchema {
  readonly name: string;
  readonly rowCount: number;
  readonly delimiter: string;
  readonly columns: readonly ColumnProfile[];
  /** The last column. */
  readonly proposedTarget: string;
  readonly warnings: readonly string[];
}

export interface InferOptions {
  /** A numeric target with integer values and at most this many distinct values is a classification target (default 20). */
  readonly maxAutoClasses?: number;
}

/** Most distinct whole-number target values inferred as classes by default (digit labels 0..9 fit). */
export const DEFAULT_MAX_AUTO_CLASSES = 20;

/** Share of text cells up to which a column of numbers stays numeric (the text counts as missing). */
export const MOSTLY_NUMERIC = 0.05;
/** Text columns with at least this many values, nearly all different, are identifiers. */
const IDENTIFIER_MIN_VALUES = 20;
const ID_NAME = /(^|[_\s.-])(id|uuid|guid|key)$|[a-z]Id$|^(index|idx|row|rownum|row_?number)$/i;

function kindOf(column: RawColumn, stats: ColumnStats): { kind: ColumnKind; reason: string } {
  const nonMissing = stats.numericCount + stats.textCount;
  if (stats.distinct <= 1) {
    return { kind: 'constant', reason: nonMissing === 0 ? 'no values' : `one value only (${stats.examples[0]})` };
  }
  if (stats.textCount === 0) {
    const many = nonMissing >= 10 && stats.integer;
    if (many && stats.sequential) return { kind: 'identifier', reason: 'row numbers (integers counting up by one)' };
    if (many && ID_NAME.test(column.name) && allNumbersDistinct(column)) {
      return { kind: 'identifier', reason: 'an id: a different integer in every row' };
    }
    return { kind: 'numeric', reason: 'numbers' };
  }
  if (stats.numericCount > 0 && stats.textCount <= nonMissing * MOSTLY_NUMERIC) {
    const t = stats.firstText!;
    return {
      kind: 'numeric',
      reason: `numbers, with ${stats.textCount} text value${stats.textCount === 1 ? '' : 's'} (first ${JSON.stringify(t.value)} at line ${t.line})`,
    };
  }
  if (nonMissing >= IDENTIFIER_MIN_VALUES && stats.distinct >= 0.9 * nonMissing) {
    return { kind: 'identifier', reason: `${stats.distinct} different values in ${nonMissing} rows` };
  }
  return { kind: 'categorical', reason: `text, ${stats.distinct} levels` };
}

/** Profiles every column of `table` and proposes its last column as the target. */
export function inferSchema(table: RawTable): DatasetSchema {
  const columns = table.columns.map((column, index): ColumnProfile => {
    const stats = profileColumn(column, table.lines);
    return { name: column.name, index, ...stats, ...kindOf(column, stats) };
  });
  return {
    name: table.name,
    rowCount: table.rowCount,
    delimiter: table.delimiter,
    columns,
    proposedTarget: columns[columns.length - 1].name,
    warnings: table.warnings,
  };
}

/**
 * Classification for text targets and for integer targets with at most `maxAutoClasses` distinct
 * values (digit labels 0..9); regression for other numbers.
 */
export function inferTask(target: ColumnProfile, options: InferOptions = {}): TaskType {
  const maxAutoClasses = options.maxAutoClasses ?? DEFAULT_MAX_AUTO_CLASSES;
  if (target.kind !== 'numeric') return 'classification';
  if (target.integer && !target.distinctCapped && target.distinct <= maxAutoClasses) return 'classification';
  return 'regression';
}

/** The profile of column `name`, or undefined. */
export function findColumn(schema: DatasetSchema, name: string): ColumnProfile | undefined {
  return schema.columns.find((c) => c.name === name);
}
