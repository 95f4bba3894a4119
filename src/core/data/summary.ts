/**
 * What the dataset panel shows before any training: rows, columns, features, the classes and
 * their balance (or the target's range), missing values and any problem with the choices.
 */
import { analyzeChoices } from './analyze';
import type { DataLimits, DatasetChoices } from './choices';
import { delimiterName } from './csv-sniff';
import { findColumn, type DatasetSchema } from './infer';
import type { MissingReport } from './missing';
import type { RawTable } from './table';
import type { TaskType } from './types';

export interface ClassShare {
  readonly label: string;
  readonly count: number;
  /** count / usable rows, in [0, 1]. */
  readonly share: number;
}

export interface DatasetSummary {
  readonly name: string;
  /** Data rows in the file. */
  readonly rows: number;
  /** Columns in the file. */
  readonly columns: number;
  /** Columns used as features. */
  readonly features: number;
  /** Rows that will be split into train and validation. */
  readonly usableRows: number;
  readonly target: string;
  readonly task: TaskType;
  /** Classification: each class with its share, in class-index order. */
  readonly classes?: readonly ClassShare[];
  /** Classification: largest class count / smallest (1 = balanced). */
  readonly imbalance?: number;
  /** Regression: the target's range and mean over the whole file. */
  readonly targetRange?: { readonly min: number; readonly max: number; readonly mean: number };
  readonly missing: MissingReport | null;
  /** Why the choices cannot be encoded yet; empty when they can. */
  readonly problems: readonly string[];
  readonly warnings: readonly string[];
  /** "comma", "semicolon", "tab" ... */
  readonly delimiter: string;
}

/** Summarizes `table` under `choices`. */
export function summarizeDataset(
  table: RawTable,
  schema: DatasetSchema,
  choices: DatasetChoices,
  limits: DataLimits = {},
  keepConstant = false,
): DatasetSummary {
  const analysis = analyzeChoices(table, schema, choices, limits, keepConstant);
  const usableRows = analysis.rows.length;
  const base = {
    name: table.name,
    rows: table.rowCount,
    columns: table.columns.length,
    features: analysis.features.length,
    usableRows,
    target: choices.target,
    task: choices.task,
    missing: analysis.report,
    problems: analysis.problems,
    warnings: table.warnings,
    delimiter: delimiterName(table.delimiter),
  };
  const classIndex = analysis.classIndex;
  if (classIndex && classIndex.classes.length > 0) {
    const counts = classIndex.classes.map((c) => c.count);
    const classes = classIndex.classes.slice(0, 200).map((c) => ({ ...c, share: c.count / Math.max(1, usableRows) }));
    const largest = counts.reduce((a, b) => Math.max(a, b), 0);
    const smallest = counts.reduce((a, b) => Math.min(a, b), Infinity);
    return { ...base, classes, imbalance: largest / smallest };
  }
  const target = findColumn(schema, choices.target);
  if (choices.task === 'regression' && target && target.numericCount > 0) {
    return { ...base, targetRange: { min: target.min, max: target.max, mean: target.mean } };
  }
  return base;
}
