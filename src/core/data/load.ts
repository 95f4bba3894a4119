/**
 * One call from CSV to {@link EncodedDataset} with the page's defaults (what `tabtune run` uses):
 * parse, infer, apply any target / task / exclusions given, encode.
 */
import { defaultChoices, type DatasetChoices, type MissingStrategy } from './choices';
import { parseCsv, type ParseCsvOptions } from './csv-parse';
import { textSource, type CsvSource } from './csv-source';
import { demoSource, type DemoDataset } from './demos';
import { encodeDataset, type EncodeOptions } from './encode';
import { InvalidDataError } from './errors';
import { findColumn, inferSchema, type DatasetSchema } from './infer';
import type { EncodedDataset, TaskType } from './types';

export interface LoadCsvOptions extends ParseCsvOptions, EncodeOptions {
  /** Target column (default: the last column). */
  readonly target?: string;
  /** Default: inferred from the target. */
  readonly task?: TaskType;
  /** Columns to leave out, in addition to constant and identifier-like ones. */
  readonly exclude?: readonly string[];
  /** Default 'impute'. */
  readonly missing?: MissingStrategy;
}

/** Default choices for `schema` with the overrides in `options`; an unknown column is an error naming the columns. */
export function choicesFor(schema: DatasetSchema, options: LoadCsvOptions = {}): DatasetChoices {
  const names = schema.columns.map((c) => JSON.stringify(c.name)).join(', ');
  for (const name of [...(options.target === undefined ? [] : [options.target]), ...(options.exclude ?? [])]) {
    if (!findColumn(schema, name)) throw new InvalidDataError(`column ${JSON.stringify(name)} is not in "${schema.name}" (columns: ${names})`);
  }
  const choices = defaultChoices(schema, options.target, { keepConstant: options.imageShape !== undefined });
  const excluded = [...new Set([...choices.excluded, ...(options.exclude ?? [])])].filter((n) => n !== choices.target);
  return { ...choices, task: options.task ?? choices.task, excluded, missing: options.missing ?? choices.missing };
}

/** Parses `source` and encodes it with {@link choicesFor}. */
export async function loadCsv(source: CsvSource, options: LoadCsvOptions = {}): Promise<EncodedDataset> {
  const table = await parseCsv(source, options);
  const schema = inferSchema(table);
  return encodeDataset(table, choicesFor(schema, options), { ...options, schema });
}

/** {@link loadCsv} over text in memory; `options.name` names it in messages (default "data.csv"). */
export function loadCsvText(text: string, options: LoadCsvOptions = {}): Promise<EncodedDataset> {
  return loadCsv(textSource(options.name ?? 'data.csv', text), options);
}

/** Encode options that make a demo's dataset: its source, title and image shape. */
export function demoEncodeOptions(demo: DemoDataset): Pick<EncodeOptions, 'source' | 'name' | 'imageShape'> {
  return { source: demoSource(demo), name: demo.id, ...(demo.imageShape ? { imageShape: demo.imageShape } : {}) };
}
