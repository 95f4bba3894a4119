/**
 * The CSV worker: parses uploads and demos off the main thread (streaming, with progress), keeps
 * the parsed table here, and answers summaries and encodings for the user's choices. Only plain
 * results cross to the page; the encoded matrices are transferred, not cloned.
 */
import * as Comlink from 'comlink';
import {
  blobSource,
  defaultChoices,
  demoEncodeOptions,
  encodeDataset,
  findDemo,
  inferSchema,
  parseCsv,
  ParseCanceledError,
  summarizeDataset,
  type DataLimits,
  type DatasetChoices,
  type DatasetSchema,
  type DatasetSource,
  type DatasetSummary,
  type DemoId,
  type EncodedDataset,
  type EncodeOptions,
  type ParseProgress,
  type RawTable,
} from '../src/core/data';

/** What to open: a user's file, or a bundled demo at `url`. */
export type CsvInput = { readonly kind: 'file'; readonly file: File } | { readonly kind: 'demo'; readonly id: DemoId; readonly url: string };

/** Settings of an open. */
export interface OpenOptions extends DataLimits {
  /** Largest accepted file in bytes (the core's default is 200 MB). */
  readonly maxBytes?: number;
}

/** A table opened in the worker: what the page shows and edits. */
export interface OpenedDataset {
  readonly source: DatasetSource;
  readonly fileName: string;
  readonly bytes: number;
  readonly schema: DatasetSchema;
  readonly choices: DatasetChoices;
  readonly summary: DatasetSummary;
  readonly imageShape?: readonly [number, number, number];
  readonly parseSeconds: number;
}

interface Current {
  readonly table: RawTable;
  readonly schema: DatasetSchema;
  readonly source: DatasetSource;
  readonly name: string;
  readonly imageShape?: readonly [number, number, number];
}

let current: Current | null = null;
let generation = 0;

async function demoBlob(url: string, id: string): Promise<Blob> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load the demo "${id}" from ${url}: HTTP ${response.status}`);
  return response.blob();
}

interface ReadTable {
  readonly table: RawTable;
  readonly source: DatasetSource;
  readonly name: string;
  readonly bytes: number;
  readonly imageShape?: readonly [number, number, number];
}

async function readTable(
  input: CsvInput,
  options: OpenOptions,
  onProgress: ((p: ParseProgress) => void) | undefined,
  mine: number,
): Promise<ReadTable> {
  const shouldStop = () => mine !== generation;
  if (input.kind === 'file') {
    const table = await parseCsv(blobSource(input.file, input.file.name), { ...options, onProgress, shouldStop });
    return { table, source: `upload:${input.file.name}`, name: input.file.name, bytes: input.file.size };
  }
  const demo = findDemo(input.id);
  if (!demo) throw new Error(`unknown demo "${input.id}"`);
  const blob = await demoBlob(input.url, demo.id);
  const table = await parseCsv(blobSource(blob, demo.file), { ...options, onProgress, shouldStop });
  const { imageShape } = demoEncodeOptions(demo);
  return { table, source: `demo:${demo.id}`, name: demo.id, bytes: blob.size, ...(imageShape ? { imageShape } : {}) };
}

const api = {
  /**
   * Parses `input` and makes it the current table. A newer `open` cancels this one; a failed one
   * leaves the previous table in place (nothing the user had is lost).
   */
  async open(input: CsvInput, options: OpenOptions = {}, onProgress?: (p: ParseProgress) => void): Promise<OpenedDataset> {
    const mine = ++generation;
    const started = performance.now();
    const read = await readTable(input, options, onProgress, mine);
    if (mine !== generation) throw new ParseCanceledError();
    const schema = inferSchema(read.table);
    const keepConstant = read.imageShape !== undefined;
    current = { table: read.table, schema, source: read.source, name: read.name, imageShape: read.imageShape };
    const choices = defaultChoices(schema, undefined, { keepConstant });
    return {
      source: read.source,
      fileName: read.table.name,
      bytes: read.bytes,
      schema,
      choices,
      summary: summarizeDataset(read.table, schema, choices, options, keepConstant),
      ...(read.imageShape ? { imageShape: read.imageShape } : {}),
      parseSeconds: (performance.now() - started) / 1000,
    };
  },

  /** The summary of the current table under `choices`. */
  summarize(choices: DatasetChoices, limits: DataLimits = {}): DatasetSummary {
    const table = requireCurrent();
    return summarizeDataset(table.table, table.schema, choices, limits, table.imageShape !== undefined);
  },

  /** Encodes the current table under `choices`; the matrices are transferred to the caller. */
  encode(choices: DatasetChoices, options: Pick<EncodeOptions, 'seed' | 'validationFraction' | 'maxClasses'> = {}): EncodedDataset {
    const table = requireCurrent();
    const dataset = encodeDataset(table.table, choices, {
      ...options,
      schema: table.schema,
      source: table.source,
      name: table.name,
      ...(table.imageShape ? { imageShape: table.imageShape } : {}),
    });
    const buffers = new Set([dataset.trainX.buffer, dataset.trainY.buffer, dataset.validX.buffer, dataset.validY.buffer]);
    return Comlink.transfer(dataset, [...buffers] as ArrayBuffer[]);
  },
};

function requireCurrent(): Current {
  if (!current) throw new Error('no dataset is open in the CSV worker');
  return current;
}

export type CsvWorkerApi = typeof api;

Comlink.expose(api);
