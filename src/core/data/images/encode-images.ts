/**
 * From the files of an image upload (folder or zip, page or `tabtune run`) to an
 * {@link EncodedDataset}: placed by {@link layoutOf}, decoded by the caller's decoder (the page's
 * worker or Node's pure-JS decoders), resized by the one rule in resize.ts, split with the
 * tabular data's seeded split (stratified by class; an image list's numeric target is regression,
 * standardised as tabular targets are, see image-targets.ts). Files that cannot be used are left out with a reason
 * and never fail the load; too few classes or images do, naming the folders.
 */
import { datasetId } from '../dataset-id';
import { InvalidDataError } from '../errors';
import type { DatasetSource, EncodedDataset, TaskType } from '../types';
import { declaredSize, type Dimensions } from './declared-size';
import { sniffImage, type ImageFormat } from './formats';
import { uploadedListLayout } from './image-list';
import { classTargets, regressionTargets, targetRange } from './image-targets';
import { layoutOf, type Layout, type LeftOutFile, type PlacedFile } from './layout';
import { RESIZE_RULE, writeImageInputs, type ImageChannels, type RgbaImage } from './resize';
import { summarizeImages, type ImageDatasetSummary, type ImageSize } from './summary';
import type { ImageFile } from './zip';

/** Decodes one file's bytes to RGBA at natural size; throws with a short reason when it cannot. */
export type ImageDecoder = (bytes: Uint8Array, format: ImageFormat, path: string) => RgbaImage | Promise<RgbaImage>;

/** Side lengths offered for image datasets (any size from 4 to 256 is accepted). */
export const IMAGE_SIZES: readonly number[] = [32, 48, 64, 96];

/** Images larger than this many pixels are left out, by their header before decoding when it says (a decoded 8k x 8k image is 256 MB). */
export const MAX_IMAGE_PIXELS = 40_000_000;

export interface ImageLoadOptions {
  /** Output side in pixels, 4-256 (default 32). */
  readonly size?: number;
  /** 1 (grayscale) or 3 (RGB, the default). */
  readonly channels?: ImageChannels;
  readonly seed?: number;
  readonly validationFraction?: number;
  readonly name: string;
  readonly source: DatasetSource;
  /** Called after each file with files done and total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** An image list CSV's target column (default: the first column that is not the paths). */
  readonly target?: string;
  /** An image list CSV's task (default: inferred from its target as for a tabular CSV). */
  readonly task?: TaskType;
  /** Where each file belongs, when not the folder layout (an image list CSV, see image-list.ts). */
  readonly layout?: Layout;
  /** Checked between files; when it returns true the load stops with 'canceled'. */
  readonly canceled?: () => boolean;
}

export interface LoadedImages {
  readonly dataset: EncodedDataset;
  readonly summary: ImageDatasetSummary;
}

interface Decoded {
  readonly inputs: Float32Array;
  readonly labels: string[];
  /** Regression targets of the decoded images (NaN for class-folder files). */
  readonly values: number[];
  readonly sizes: ImageSize[];
  readonly leftOut: LeftOutFile[];
}

function tooLarge({ width, height }: Dimensions): string | null {
  if (width * height <= MAX_IMAGE_PIXELS) return null;
  return `too large (${width} x ${height} pixels; at most ${MAX_IMAGE_PIXELS.toLocaleString('en')})`;
}

async function decodeOne(file: ImageFile, decode: ImageDecoder): Promise<RgbaImage | string> {
  if (file.bytes.length === 0) return 'zero size';
  const format = sniffImage(file.bytes);
  if (!format) return 'corrupt or not an image (its bytes are not PNG, JPEG, GIF, WebP or BMP)';
  // Checked on the header first: decoding a huge image would allocate its pixels before any check.
  const declared = declaredSize(file.bytes, format);
  const refused = declared && tooLarge(declared);
  if (refused) return refused;
  let image: RgbaImage;
  try {
    image = await decode(file.bytes, format, file.path);
  } catch (error) {
    return `corrupt or unreadable ${format.toUpperCase()}: ${(error as Error).message}`;
  }
  if (!(image.width > 0 && image.height > 0)) return `corrupt ${format.toUpperCase()}: zero width or height`;
  return tooLarge(image) ?? image;
}

async function decodeAll(placed: readonly PlacedFile[], byPath: Map<string, ImageFile>, decode: ImageDecoder, options: ImageLoadOptions, size: number, channels: ImageChannels): Promise<Decoded> {
  const width = size * size * channels;
  const inputs = new Float32Array(placed.length * width);
  const labels: string[] = [];
  const values: number[] = [];
  const sizes: ImageSize[] = [];
  const leftOut: LeftOutFile[] = [];
  for (let i = 0; i < placed.length; i++) {
    if (options.canceled?.()) throw new InvalidDataError('canceled: the image upload was canceled');
    const file = byPath.get(placed[i].path);
    const result = file ? await decodeOne(file, decode) : 'listed but no such file';
    if (typeof result === 'string') leftOut.push({ file: placed[i].path, reason: result });
    else {
      writeImageInputs(result, size, channels, inputs, labels.length * width);
      labels.push(placed[i].label);
      values.push(placed[i].value ?? NaN);
      sizes.push({ width: result.width, height: result.height });
    }
    options.onProgress?.(i + 1, placed.length);
  }
  return { inputs: inputs.subarray(0, labels.length * width), labels, values, sizes, leftOut };
}

function checkSize(size: number): void {
  if (!(Number.isInteger(size) && size >= 4 && size <= 256)) throw new InvalidDataError(`image size must be an integer from 4 to 256 pixels (got ${size})`);
}

function gather(inputs: Float32Array, rows: Int32Array, width: number, targets: Float32Array): [Float32Array, Float32Array] {
  const x = new Float32Array(rows.length * width);
  const y = new Float32Array(rows.length);
  rows.forEach((row, i) => {
    x.set(inputs.subarray(row * width, (row + 1) * width), i * width);
    y[i] = targets[row];
  });
  return [x, y];
}

/** Decodes, resizes and splits `files`; see the module comment. */
export async function loadImageFiles(files: readonly ImageFile[], decode: ImageDecoder, options: ImageLoadOptions): Promise<LoadedImages> {
  const { size = 32, channels = 3, seed = 1, validationFraction = 0.2 } = options;
  checkSize(size);
  if (files.length === 0 && !options.layout) throw new InvalidDataError(`"${options.name}" is empty: no files found`);
  const layout = options.layout ?? (await uploadedListLayout(files, options.target, options.task)) ?? layoutOf(files.map((f) => f.path));
  const byPath = new Map(files.map((f) => [f.path.replace(/\\/g, '/').replace(/^\.?\//, ''), f]));
  const decoded = await decodeAll(layout.placed, byPath, decode, options, size, channels);
  const leftOut = [...layout.leftOut, ...decoded.leftOut];
  const regression = layout.task === 'regression';
  const targetName = layout.target ?? 'target';
  const targets = regression
    ? regressionTargets(decoded.values, targetName, options.name, seed, validationFraction)
    : classTargets(decoded.labels, layout.folders, options.name, seed, validationFraction);
  const width = size * size * channels;
  const [trainX, trainY] = gather(decoded.inputs, targets.split.train, width, targets.y);
  const [validX, validY] = gather(decoded.inputs, targets.split.valid, width, targets.y);
  const image = { size, channels, resize: RESIZE_RULE, scale: 1 / 255 };
  const what = regression ? `regression ${targetName}` : (targets.encoding.classLabels ?? []).join('\u0000');
  const description = `images ${size}x${size}x${channels} seed ${seed} valid ${validationFraction} ${what}`;
  const dataset: EncodedDataset = {
    id: datasetId(options.name, description, [trainX, trainY, validX, validY]),
    name: options.name,
    source: options.source,
    encoding: { columns: [], ...targets.encoding, image },
    featureCount: width,
    outputCount: targets.outputCount,
    imageShape: [size, size, channels],
    trainX,
    trainY,
    validX,
    validY,
    splitSeed: seed,
    validationFraction,
  };
  const range = regression ? targetRange(targetName, decoded.values) : undefined;
  const list = layout.target === undefined ? undefined : { target: layout.target, task: regression ? ('regression' as const) : ('classification' as const) };
  const summary = summarizeImages(options.name, decoded.labels, targets.encoding.classLabels ?? [], decoded.sizes, leftOut, layout.folders, range, list);
  return { dataset, summary };
}
