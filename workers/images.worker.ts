/**
 * The image upload worker: reads a zip or a folder's files, decodes each image at natural size with
 * createImageBitmap + OffscreenCanvas (off the main thread, so thousands of images never freeze the
 * tab), and hands the RGBA pixels to core's image loader (the resize rule `tabtune run` uses too).
 * The encoded matrices go to the page as Blobs made here: the page stores them in IndexedDB as they
 * are, where storing the arrays themselves serialised them on its main thread (about 220 ms for
 * 5,000 images at 32x32x3, `npm run bench -- images`).
 */
import * as Comlink from 'comlink';
import {
  checkUploadBytes,
  isReadInUpload,
  loadImageFiles,
  thumbnailsOf,
  unzipImages,
  type ClassThumbnails,
  type EncodedDataset,
  type ImageChannels,
  type ImageDatasetSummary,
  type ImageFile,
  type RgbaImage,
  type TaskType,
} from '../src/core/data';

/** What to read: a zip file, or a folder's files with their paths below the folder. */
export type ImagesInput =
  | { readonly kind: 'zip'; readonly file: File }
  | { readonly kind: 'files'; readonly name: string; readonly files: readonly { readonly path: string; readonly file: File }[] };

type Matrix = 'trainX' | 'trainY' | 'validX' | 'validY';

/** An encoded dataset whose matrices are Blobs of their Float32 bytes (persistence stores these as they are). */
export type EncodedBlobs = Omit<EncodedDataset, Matrix> & { readonly [K in Matrix]: Blob };

export interface ImagesResult {
  readonly dataset: EncodedBlobs;
  readonly summary: ImageDatasetSummary;
  readonly thumbnails: readonly ClassThumbnails[];
}

let canceled = false;

/** Decodes at natural size; GIF gives its first frame. Colours are left as stored so Node sees the same pixels. */
async function decode(bytes: Uint8Array): Promise<RgbaImage> {
  const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]), { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('no 2d canvas in this worker');
    context.drawImage(bitmap, 0, 0);
    return { width: bitmap.width, height: bitmap.height, data: context.getImageData(0, 0, bitmap.width, bitmap.height).data };
  } finally {
    bitmap.close();
  }
}

async function readFiles(input: ImagesInput, maxBytes?: number): Promise<{ name: string; files: ImageFile[] }> {
  if (input.kind === 'zip') {
    checkUploadBytes(input.file.size, input.file.name, maxBytes);
    return { name: input.file.name, files: unzipImages(new Uint8Array(await input.file.arrayBuffer()), input.file.name) };
  }
  checkUploadBytes(input.files.reduce((n, f) => n + f.file.size, 0), input.name, maxBytes);
  const files: ImageFile[] = [];
  // Files that are not images or image lists are left out by their name alone: never read them.
  for (const f of input.files) files.push({ path: f.path, bytes: isReadInUpload(f.path) ? new Uint8Array(await f.file.arrayBuffer()) : new Uint8Array(0) });
  return { name: input.name, files };
}

const api = {
  /**
   * Reads and encodes `input`; `onProgress(done, total)` at most every 1% of the files. `task`
   * overrides the inferred task of an image list CSV's target (ignored for class folders).
   */
  async load(input: ImagesInput, options: { size: number; channels: ImageChannels; maxBytes?: number; task?: TaskType }, onProgress?: (done: number, total: number) => void): Promise<ImagesResult> {
    canceled = false;
    const { name, files } = await readFiles(input, options.maxBytes);
    let reported = 0;
    const { dataset, summary } = await loadImageFiles(files, decode, {
      size: options.size,
      channels: options.channels,
      task: options.task,
      name,
      source: `upload:${name}`,
      canceled: () => canceled,
      onProgress: (done, total) => {
        if (done === total || done - reported >= total / 100) onProgress?.((reported = done), total);
      },
    });
    const thumbnails = thumbnailsOf(dataset);
    const { trainX, trainY, validX, validY, ...rest } = dataset;
    const blob = (m: Float32Array): Blob => new Blob([m as Float32Array<ArrayBuffer>]);
    const blobs: EncodedBlobs = { ...rest, trainX: blob(trainX), trainY: blob(trainY), validX: blob(validX), validY: blob(validY) };
    return Comlink.transfer({ dataset: blobs, summary, thumbnails }, thumbnails.flatMap((t) => t.images.map((i) => i.buffer as ArrayBuffer)));
  },

  /** Stops the load in progress after the image being decoded. */
  cancel(): void {
    canceled = true;
  },
};

export type ImagesWorkerApi = typeof api;

Comlink.expose(api);
