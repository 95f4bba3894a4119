/**
 * The dataset panel's state: which table is open (a demo or an upload, parsed in the CSV worker,
 * or an image upload, see image-upload.svelte.ts), the user's choices on it, its summary, and
 * `prepare()`, which encodes it and stores it once in IndexedDB for the experiment to use. A failed open keeps the previous table: nothing is lost.
 */
import * as Comlink from 'comlink';
import type { CsvInput, CsvWorkerApi, OpenedDataset } from '../../../workers/csv.worker';
import {
  DEFAULT_DEMO,
  findDemo,
  withExcluded,
  withTarget,
  type DatasetChoices,
  type DatasetSummary,
  type DemoId,
  type EncodedDataset,
  type MissingStrategy,
  type ParseProgress,
  type TaskType,
} from '../../core/data';
import { getDataset, listDatasets, openTabtuneDB, putDataset, type DatasetInfo } from '../../persistence';
import { ImageUploadState } from './image-upload.svelte';
import { storedUploads } from './stored-datasets';

export type DatasetStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Split settings of `prepare()`. */
export interface PrepareOptions {
  readonly seed?: number;
  readonly validationFraction?: number;
}

let worker: Comlink.Remote<CsvWorkerApi> | null = null;

function csvWorker(): Comlink.Remote<CsvWorkerApi> {
  worker ??= Comlink.wrap<CsvWorkerApi>(
    new Worker(new URL('../../../workers/csv.worker.ts', import.meta.url), { type: 'module', name: 'tabtune-csv' }),
  );
  return worker;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class DatasetState {
  status = $state<DatasetStatus>('idle');
  /** Share of the file read, 0..1, while loading. */
  progress = $state(0);
  /** File or demo being loaded. */
  loadingName = $state('');
  /** The last failure, as a sentence for the user; null when the last action worked. */
  error = $state<string | null>(null);
  opened = $state.raw<OpenedDataset | null>(null);
  choices = $state.raw<DatasetChoices | null>(null);
  summary = $state.raw<DatasetSummary | null>(null);
  /** The demo shown in the picker; null for an upload. */
  demoId = $state<DemoId | null>(DEFAULT_DEMO);
  /** Uploads earlier experiments stored in this browser, newest first. */
  storedList = $state.raw<readonly DatasetInfo[]>([]);
  /** The stored upload open in place of a parsed table (its choices are the stored ones); null otherwise. */
  stored = $state.raw<DatasetInfo | null>(null);
  /** Most classes a classification target may have. */
  maxClasses = $state(100);
  /** True when the choices can be encoded. */
  readonly usable = $derived(this.summary !== null && this.summary.problems.length === 0);

  /** Image uploads (zip or folder): decoded in their worker, stored, then open as a stored upload. */
  readonly images = new ImageUploadState(
    async (id) => {
      await this.refreshStored();
      this.openStored(id);
    },
    (message) => (this.error = message),
  );

  /** Ids of datasets already encoded and stored, by choices. */
  private prepared = new Map<string, string>();
  private summaryToken = 0;

  /** Opens a bundled demo. */
  loadDemo(id: DemoId): Promise<void> {
    const demo = findDemo(id);
    if (!demo) return Promise.resolve();
    const url = new URL(`${import.meta.env.BASE_URL}datasets/${demo.file}`, location.href).href;
    return this.open({ kind: 'demo', id, url }, demo.title, id);
  }

  /** Parses a user's CSV or TSV file in the worker. */
  loadFile(file: File): Promise<void> {
    return this.open({ kind: 'file', file }, file.name, null);
  }

  private async open(input: CsvInput, label: string, demoId: DemoId | null): Promise<void> {
    this.status = 'loading';
    this.progress = 0;
    this.loadingName = label;
    this.error = null;
    const onProgress = Comlink.proxy((p: ParseProgress) => {
      if (this.loadingName === label) this.progress = p.totalBytes > 0 ? Math.min(1, p.bytesRead / p.totalBytes) : 1;
    });
    try {
      const opened = await csvWorker().open(input, { maxClasses: this.maxClasses }, onProgress);
      this.opened = opened;
      this.choices = opened.choices;
      this.summary = opened.summary;
      this.demoId = demoId;
      this.stored = null;
      this.images.clear();
      this.prepared.clear();
      this.status = 'ready';
    } catch (error) {
      // A newer load replaced this one: it reports for itself.
      if (error instanceof Error && error.name === 'ParseCanceledError') return;
      this.error = messageOf(error);
      this.status = this.opened ? 'ready' : 'error';
    }
  }

  /** Reads the list of stored uploads again. */
  async refreshStored(): Promise<void> {
    const db = await openTabtuneDB();
    try {
      this.storedList = storedUploads(await listDatasets(db));
    } finally {
      db.close();
    }
  }

  /** Opens stored upload `id` as it was encoded (upload the file again to change its choices). */
  openStored(id: string): void {
    const info = this.storedList.find((d) => d.id === id);
    if (!info) return;
    if (info.id !== this.images.datasetId) this.images.clear();
    this.stored = info;
    this.opened = null;
    this.choices = null;
    this.summary = null;
    this.demoId = null;
    this.error = null;
    this.status = 'ready';
  }

  setTarget(name: string): Promise<void> {
    if (!this.opened || !this.choices) return Promise.resolve();
    return this.choose(withTarget(this.opened.schema, this.choices, name));
  }

  setTask(task: TaskType): Promise<void> {
    return this.choices ? this.choose({ ...this.choices, task }) : Promise.resolve();
  }

  setExcluded(name: string, excluded: boolean): Promise<void> {
    return this.choices ? this.choose(withExcluded(this.choices, name, excluded)) : Promise.resolve();
  }

  setMissing(missing: MissingStrategy): Promise<void> {
    return this.choices ? this.choose({ ...this.choices, missing }) : Promise.resolve();
  }

  /** Applies new choices and refreshes the summary (the latest request wins). */
  private async choose(choices: DatasetChoices): Promise<void> {
    this.choices = choices;
    const token = ++this.summaryToken;
    try {
      const summary = await csvWorker().summarize(choices, { maxClasses: this.maxClasses });
      if (token === this.summaryToken) this.summary = summary;
    } catch (error) {
      if (token === this.summaryToken) this.error = messageOf(error);
    }
  }

  /**
   * Encodes the open table under the current choices and stores it in IndexedDB (once per
   * content id); resolves to its id and the dataset, whose buffers are the caller's own (free to
   * transfer to one worker). Rejects with the problems when the choices cannot be encoded.
   */
  async prepare(options: PrepareOptions = {}): Promise<{ id: string; dataset: EncodedDataset }> {
    if (this.stored) return this.prepareStored(this.stored);
    if (!this.choices || !this.opened) throw new Error('no dataset is open');
    const choices = $state.snapshot(this.choices) as DatasetChoices;
    const key = JSON.stringify([this.opened.source, choices, options]);
    const db = await openTabtuneDB();
    try {
      const known = this.prepared.get(key);
      const stored = known === undefined ? undefined : await getDataset(db, known);
      if (stored) return { id: stored.id, dataset: stored };
      const dataset = await csvWorker().encode(choices, { ...options, maxClasses: this.maxClasses });
      await putDataset(db, dataset);
      this.prepared.set(key, dataset.id);
      if (dataset.source.startsWith('upload:')) void this.refreshStored();
      return { id: dataset.id, dataset };
    } finally {
      db.close();
    }
  }

  private async prepareStored(info: DatasetInfo): Promise<{ id: string; dataset: EncodedDataset }> {
    const db = await openTabtuneDB();
    try {
      const dataset = await getDataset(db, info.id);
      if (!dataset) throw new Error(`the stored dataset ${info.name} is gone (deleted in another tab?): upload it again`);
      return { id: info.id, dataset };
    } finally {
      db.close();
    }
  }
}

/** The page's one dataset state, shared by the dataset panel and the experiment. */
export const datasetState = new DatasetState();
