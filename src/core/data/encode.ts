/**
 * From a parsed table and the user's choices to the {@link EncodedDataset} that training
 * consumes: rows selected, seeded (stratified) split, encoders fitted on the training rows,
 * row-major Float32 matrices, classification targets as class indices, regression targets
 * standardized with the training mean and std (recorded so metrics can be reported in the
 * target's own units).
 */
import { analyzeChoices } from './analyze';
import type { DataLimits, DatasetChoices } from './choices';
import { datasetId } from './dataset-id';
import { InvalidDataError } from './errors';
import { categoricalEncoder, meanStd, numericEncoder, type CategoricalLimits, type FeatureEncoder } from './feature-encoders';
import { inferSchema, type DatasetSchema } from './infer';
import { isNumericFeature } from './missing';
import { splitRows } from './split';
import type { RawTable } from './table';
import type { DatasetEncoding, DatasetSource, EncodedDataset } from './types';

export interface EncodeOptions extends DataLimits, CategoricalLimits {
  /** Seed of the train/validation split (default 1). */
  readonly seed?: number;
  /** Share of rows held out for validation, 0 < f < 1 (default 0.2). */
  readonly validationFraction?: number;
  /** Default `upload:<table name>`. */
  readonly source?: DatasetSource;
  /** Default: the table's name. */
  readonly name?: string;
  /** Image-like data (digits: [8, 8, 1]): keeps constant pixels so the features fill the image. */
  readonly imageShape?: readonly [number, number, number];
  /** The table's schema when already inferred. */
  readonly schema?: DatasetSchema;
}

function fillMatrix(rows: Int32Array, encoders: readonly FeatureEncoder[], width: number): Float32Array {
  const out = new Float32Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) {
    let offset = i * width;
    for (const encoder of encoders) {
      encoder.write(rows[i], out, offset);
      offset += encoder.width;
    }
  }
  return out;
}

function checkImageShape(shape: readonly [number, number, number], width: number, allNumeric: boolean): void {
  const size = shape[0] * shape[1] * shape[2];
  if (size === width && allNumeric) return;
  throw new InvalidDataError(`imageShape ${shape.join('x')} needs ${size} numeric features (got ${width}${allNumeric ? '' : ', some categorical'})`);
}

/** Encodes `table` under `choices`; throws InvalidDataError listing every problem of the choices. */
export function encodeDataset(table: RawTable, choices: DatasetChoices, options: EncodeOptions = {}): EncodedDataset {
  const seed = options.seed ?? 1;
  const validationFraction = options.validationFraction ?? 0.2;
  const schema = options.schema ?? inferSchema(table);
  const analysis = analyzeChoices(table, schema, choices, options, options.imageShape !== undefined);
  if (analysis.problems.length > 0) throw new InvalidDataError(analysis.problems);
  const target = table.columns[schema.columns.find((c) => c.name === choices.target)!.index];
  const { train, valid } = splitRows(analysis.rows, validationFraction, seed, analysis.classIndex?.classOf ?? null);
  const impute = choices.missing === 'impute';
  const encoders = analysis.features.map((profile) => {
    const column = table.columns[profile.index];
    return isNumericFeature(profile, column) ? numericEncoder(column, train, impute) : categoricalEncoder(column, train, impute, options);
  });
  const featureCount = encoders.reduce((sum, e) => sum + e.width, 0);
  if (options.imageShape) checkImageShape(options.imageShape, featureCount, encoders.every((e) => e.encoding.kind === 'numeric'));

  let encoding: DatasetEncoding = { columns: encoders.map((e) => e.encoding), target: choices.target, task: choices.task };
  let targetOf: (row: number) => number;
  if (analysis.classIndex) {
    const { classOf, classes } = analysis.classIndex;
    encoding = { ...encoding, classLabels: classes.map((c) => c.label) };
    targetOf = (row) => classOf[row];
  } else {
    const { mean, std } = meanStd(target.numbers, train);
    encoding = { ...encoding, targetMean: mean, targetStd: std };
    targetOf = (row) => (target.numbers[row] - mean) / std;
  }
  const trainX = fillMatrix(train, encoders, featureCount);
  const validX = fillMatrix(valid, encoders, featureCount);
  const trainY = Float32Array.from(train, targetOf);
  const validY = Float32Array.from(valid, targetOf);
  const name = options.name ?? table.name;
  const source = options.source ?? `upload:${table.name}`;
  const description = JSON.stringify({ source, encoding, seed, validationFraction, imageShape: options.imageShape });
  return {
    id: datasetId(name, description, [trainX, trainY, validX, validY]),
    name,
    source,
    encoding,
    featureCount,
    outputCount: analysis.classIndex ? analysis.classIndex.classes.length : 1,
    ...(options.imageShape ? { imageShape: [...options.imageShape] as [number, number, number] } : {}),
    trainX,
    trainY,
    validX,
    validY,
    splitSeed: seed,
    validationFraction,
  };
}
