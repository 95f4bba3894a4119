/**
 * Datasets for `tabtune run`, its one loader: the experiment file's `dataset`: `images:DIR_OR_ZIP`
 * (see image-source.ts), or `demo:NAME` / `file:PATH` streamed from disk through the page's byte
 * decoder (UTF-8, UTF-16 and windows-1252, BOM or not) and encoded by the same core (same inference, same encoding, same split).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  byteSource,
  demoDatasets,
  demoEncodeOptions,
  DEFAULT_CHUNK_BYTES,
  findDemo,
  InvalidDataError,
  loadCsv,
  type CsvSource,
  type EncodedDataset,
  type ImageDatasetSummary,
  type LoadCsvOptions,
} from '../core';
import type { DatasetSpec } from '../core/experiment';
import { loadImagePath } from './image-source';

/** Folder of the bundled demo CSVs (the page serves the same files). */
export const DEMO_DIR = fileURLToPath(new URL('../../public/datasets/', import.meta.url));

/** A {@link CsvSource} streaming the file at `path` in 1 MB chunks. */
export async function fileSource(path: string): Promise<CsvSource> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a regular file');
    size = info.size;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new InvalidDataError(`cannot read the CSV "${path}": ${reason}`);
  }
  return byteSource(basename(path), size, () => createReadStream(path, { highWaterMark: DEFAULT_CHUNK_BYTES }));
}

/** Reads, infers and encodes the CSV at `path`; the dataset's source is `file:<path>`. */
export async function loadCsvFile(path: string, options: LoadCsvOptions = {}): Promise<EncodedDataset> {
  return loadCsv(await fileSource(path), { source: `file:${path}`, name: basename(path), ...options });
}

export interface DatasetSpecOptions extends LoadCsvOptions {
  /** Folder that relative paths start from (default: the working directory). */
  readonly baseDir?: string;
  /** Receives an `images:` dataset's summary (files left out and why) before training starts. */
  readonly onImageSummary?: (summary: ImageDatasetSummary) => void;
}

/**
 * Loads `demo:NAME` from the bundled demos or `file:PATH` (relative paths from `baseDir`, the
 * experiment file's folder). `upload:` datasets live in a browser's storage and are an error here.
 */
export async function loadDatasetSpec(spec: DatasetSpec, options: DatasetSpecOptions = {}): Promise<EncodedDataset> {
  const { baseDir = process.cwd(), onImageSummary: _, ...rest } = options;
  const overrides = { ...rest, ...(spec.target ? { target: spec.target } : {}), ...(spec.task ? { task: spec.task } : {}) };
  if (spec.source.startsWith('demo:')) {
    const demo = findDemo(spec.source);
    if (!demo) {
      const names = demoDatasets.map((d) => `demo:${d.id}`).join(', ');
      throw new InvalidDataError(`dataset.source ${JSON.stringify(spec.source)} is not a bundled demo (choose ${names})`);
    }
    const source = await fileSource(resolve(DEMO_DIR, demo.file));
    return loadCsv(source, { target: demo.target, ...overrides, ...demoEncodeOptions(demo) });
  }
  if (spec.source.startsWith('file:')) {
    const path = spec.source.slice(5);
    return loadCsvFile(resolve(baseDir, path), { ...overrides, source: `file:${path}` });
  }
  if (spec.source.startsWith('images:')) {
    const path = spec.source.slice(7);
    const loaded = await loadImagePath(resolve(baseDir, path), path, {
      ...(spec.size ? { size: spec.size } : {}),
      ...(spec.channels ? { channels: spec.channels } : {}),
      ...(spec.target ? { target: spec.target } : {}),
      ...(spec.task ? { task: spec.task } : {}),
    });
    options.onImageSummary?.(loaded.summary);
    return loaded.dataset;
  }
  throw new InvalidDataError(
    `dataset.source ${JSON.stringify(spec.source)}: tabtune run reads "demo:NAME", "file:PATH" or "images:DIR_OR_ZIP" (uploads live in a browser's storage)`,
  );
}
