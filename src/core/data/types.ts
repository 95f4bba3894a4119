/**
 * The encoded dataset: what training consumes, what IndexedDB stores once per dataset, and what
 * workers receive as transferable buffers (never re-parsed per run). Produced from a CSV or a
 * bundled demo by the data module; consumed by the training worker and by model export.
 */

/** Classification (softmax over classes) or regression (one real output). */
export type TaskType = 'classification' | 'regression';

/** How one raw column became model inputs (kept so an exported model can be applied to raw rows). */
export type ColumnEncoding =
  | { readonly kind: 'numeric'; readonly name: string; readonly mean: number; readonly std: number; readonly impute?: number }
  | {
      readonly kind: 'categorical';
      readonly name: string;
      /** One input per level, in this order; levels not listed map to `otherLevel` when set. */
      readonly levels: readonly string[];
      readonly otherLevel?: string;
      readonly impute?: string;
    };

/** How an image dataset's files became inputs (see core/data/images/resize.ts). */
export interface ImageEncoding {
  /** Output side in pixels: inputs are size x size x channels, HWC order. */
  readonly size: number;
  readonly channels: 1 | 3;
  /** The crop / resize / grayscale rule in words. */
  readonly resize: string;
  /** Inputs are pixel values (0-255) times this. */
  readonly scale: number;
}

/** Everything needed to turn a raw row into model inputs and outputs back into labels / units. */
export interface DatasetEncoding {
  /** Feature columns in input order (excluded, constant and identifier columns are absent). */
  readonly columns: readonly ColumnEncoding[];
  readonly target: string;
  readonly task: TaskType;
  /** Classification: class label of each output index. */
  readonly classLabels?: readonly string[];
  /** Regression: the target is standardized inside training; metrics are reported in its own units. */
  readonly targetMean?: number;
  readonly targetStd?: number;
  /** Image datasets: how an image file becomes inputs (`columns` is then empty). */
  readonly image?: ImageEncoding;
}

/** Where a dataset came from (SPEC section 11 `dataset.source`; `images:PATH` is a folder or zip of images). */
export type DatasetSource = `demo:${string}` | `file:${string}` | `upload:${string}` | `images:${string}`;

/** An encoded, split dataset. Feature matrices are row-major `rows x featureCount`. */
export interface EncodedDataset {
  readonly id: string;
  readonly name: string;
  readonly source: DatasetSource;
  readonly encoding: DatasetEncoding;
  readonly featureCount: number;
  /** Output units: classes for classification, 1 for regression. */
  readonly outputCount: number;
  /** For image-like data (8x8 digits): [height, width, channels], enabling the CNN family. */
  readonly imageShape?: readonly [number, number, number];
  readonly trainX: Float32Array;
  /** Classification: class index per row; regression: standardized target per row. */
  readonly trainY: Float32Array;
  readonly validX: Float32Array;
  readonly validY: Float32Array;
  /** Seed of the stratified train/validation split. */
  readonly splitSeed: number;
  readonly validationFraction: number;
}
