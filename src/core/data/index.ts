/**
 * Public face of the data module: CSV parsing (page worker and Node alike), column and task
 * inference, missing values, the seeded stratified split, encoding to {@link EncodedDataset},
 * summaries and the bundled demos. Pure TypeScript plus papaparse.
 */
export type { ColumnEncoding, ImageEncoding, DatasetEncoding, DatasetSource, EncodedDataset, TaskType } from './types';
export { InvalidDataError, ParseCanceledError } from './errors';
export { MISSING_TOKENS, countOf, formatBytes } from './values';
export { blobSource, byteSource, sniffEncoding, textSource, DEFAULT_CHUNK_BYTES, type CsvChunk, type CsvSource } from './csv-source';
export { CANDIDATE_DELIMITERS, delimiterName, detectDelimiter, type Delimiter } from './csv-sniff';
export { DEFAULT_MAX_BYTES, parseCsv, type ParseCsvOptions, type ParseProgress } from './csv-parse';
export type { RawColumn, RawTable } from './table';
export { DEFAULT_MAX_AUTO_CLASSES, inferSchema, inferTask, findColumn, type ColumnKind, type ColumnProfile, type DatasetSchema, type InferOptions } from './infer';
export {
  DEFAULT_MAX_CLASSES,
  defaultChoices,
  featureColumns,
  withExcluded,
  withTarget,
  type DataLimits,
  type DefaultChoiceOptions,
  type DatasetChoices,
  type MissingStrategy,
} from './choices';
export type { ClassCount } from './classes';
export type { ColumnMissing, MissingReport } from './missing';
export { splitRows, type Split } from './split';
export { OTHER_LEVEL, type CategoricalLimits } from './feature-encoders';
export { encodeDataset, type EncodeOptions } from './encode';
export { summarizeDataset, type ClassShare, type DatasetSummary } from './summary';
export { DEFAULT_DEMO, demoDatasets, demoSource, findDemo, type DemoDataset, type DemoId } from './demos';
export { choicesFor, demoEncodeOptions, loadCsv, loadCsvText, type LoadCsvOptions } from './load';
export { preprocessingJson } from './preprocessing';
export {
  DEFAULT_MAX_INFLATED_BYTES,
  DEFAULT_MAX_UPLOAD_BYTES,
  checkUploadBytes,
  IMAGE_EXTENSIONS,
  IMAGE_SIZES,
  isReadInUpload,
  MAX_CLASS_DEPTH,
  MAX_IMAGE_PIXELS,
  RESIZE_RULE,
  imageListLayout,
  parseImageList,
  imageSummaryLines,
  targetRangeText,
  layoutOf,
  loadImageFiles,
  sniffImage,
  thumbnailsOf,
  type ClassThumbnails,
  unzipImages,
  writeImageInputs,
  type ImageChannels,
  type ImageDatasetSummary,
  type ImageListTarget,
  type ImageDecoder,
  type ImageFile,
  type ImageFormat,
  type ImageLoadOptions,
  type Layout,
  type LeftOutFile,
  type LoadedImages,
  type RgbaImage,
  type TargetRange,
} from './images';
