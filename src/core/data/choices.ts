/**
 * The user's choices on a table: target, task, excluded columns, what to do with missing values.
 * Plain data; the defaults come from inference and every one can be changed.
 */
import type { TaskType } from './types';
import { findColumn, inferTask, type ColumnProfile, type DatasetSchema, type InferOptions } from './infer';

/** Rows with a missing feature value are dropped, or the value is imputed (mean / most frequent). */
export type MissingStrategy = 'drop' | 'impute';

export interface DatasetChoices {
  readonly target: string;
  readonly task: TaskType;
  /** Columns left out of the features (the target is never a feature). */
  readonly excluded: readonly string[];
  readonly missing: MissingStrategy;
}

/** Limits that turn a choice into an error. */
export interface DataLimits {
  /** Most classes a classification target may have (default {@link DEFAULT_MAX_CLASSES}). */
  readonly maxClasses?: number;
}

export const DEFAULT_MAX_CLASSES = 100;

/** Constant and identifier columns start excluded. */
function excludedByDefault(column: ColumnProfile): boolean {
  return column.kind === 'constant' || column.kind === 'identifier';
}

export interface DefaultChoiceOptions extends InferOptions {
  /** Keep constant columns (image pixels that are blank in every image). */
  readonly keepConstant?: boolean;
}

/** Default choices: the proposed (or given) target, its inferred task, constants and ids excluded, impute. */
export function defaultChoices(
  schema: DatasetSchema,
  target = schema.proposedTarget,
  options: DefaultChoiceOptions = {},
): DatasetChoices {
  const profile = findColumn(schema, target) ?? findColumn(schema, schema.proposedTarget)!;
  const excluded = schema.columns.filter(
    (c) => c.name !== profile.name && excludedByDefault(c) && !(options.keepConstant && c.kind === 'constant'),
  );
  return { target: profile.name, task: inferTask(profile, options), excluded: excluded.map((c) => c.name), missing: 'impute' };
}

/**
 * `choices` with a new target: its task is inferred again, it leaves the excluded list, and the
 * previous target returns to the features unless it is constant or an identifier.
 */
export function withTarget(schema: DatasetSchema, choices: DatasetChoices, target: string, options: InferOptions = {}): DatasetChoices {
  const profile = findColumn(schema, target);
  if (!profile) return choices;
  const previous = findColumn(schema, choices.target);
  const excluded = choices.excluded.filter((name) => name !== target);
  if (previous && previous.name !== target && excludedByDefault(previous)) excluded.push(previous.name);
  return { ...choices, target, task: inferTask(profile, options), excluded };
}

/** `choices` with column `name` excluded or included. */
export function withExcluded(choices: DatasetChoices, name: string, excluded: boolean): DatasetChoices {
  const rest = choices.excluded.filter((n) => n !== name);
  return { ...choices, excluded: excluded ? [...rest, name] : rest };
}

/**
 * The feature columns in input order: every column but the target and the excluded ones. Constant
 * columns carry no information and are left out unless `keepConstant` (image pixels keep their place).
 */
export function featureColumns(schema: DatasetSchema, choices: DatasetChoices, keepConstant = false): ColumnProfile[] {
  const excluded = new Set(choices.excluded);
  return schema.columns.filter(
    (c) => c.name !== choices.target && !excluded.has(c.name) && (keepConstant || c.kind !== 'constant'),
  );
}
