/**
 * Image uploads in the page: a zip or a folder (picker or drag and drop) read and decoded in the
 * image worker with progress and cancel, the encoded dataset stored once in IndexedDB (content
 * id), then opened like any stored upload. A failed or canceled upload keeps the open dataset.
 * An image list's task, once changed, reads the same files again under it: the stored dataset is
 * encoded data (split, targets, id), so a new task is a new stored dataset, as a CSV's is.
 */
import * as Comlink from 'comlink';
import type { ImagesInput, ImagesWorkerApi } from '../../../workers/images.worker';
import type { ClassThumbnails, ImageChannels, ImageDatasetSummary, TaskType } from '../../core/data';
import { openTabtuneDB, putDataset } from '../../persistence';

let worker: Comlink.Remote<ImagesWorkerApi> | null = null;

function imagesWorker(): Comlink.Remote<ImagesWorkerApi> {
  worker ??= Comlink.wrap<ImagesWorkerApi>(
    new Worker(new URL('../../../workers/images.worker.ts', import.meta.url), { type: 'module', name: 'tabtune-images' }),
  );
  return worker;
}

/** Files of a folder with their paths below it (from `webkitRelativePath` or a dropped folder's entries). */
export function folderInput(files: readonly { path: string; file: File }[]): ImagesInput {
  const top = files[0]?.path.split('/')[0] ?? 'images';
  return { kind: 'files', name: files.every((f) => f.path.startsWith(`${top}/`)) ? top : 'images', files };
}

export class ImageUploadState {
  /** Side of the square inputs in pixels. */
  size = $state(32);
  channels = $state<ImageChannels>(3);
  loading = $state(false);
  loadingName = $state('');
  done = $state(0);
  total = $state(0);
  /** The summary of the image dataset open now; null when the open dataset is not an upload of images. */
  summary = $state.raw<ImageDatasetSummary | null>(null);
  thumbnails = $state.raw<readonly ClassThumbnails[]>([]);
  /** Stored id of the dataset the summary describes. */
  datasetId = $state<string | null>(null);
  /** What the open image dataset was read from, kept to read it again under another task. */
  private source: { input: ImagesInput; label: string } | null = null;

  /**
   * @param onStored called with the stored dataset's id once it is in IndexedDB (the caller opens it)
   * @param onError called with a sentence for the user when the upload cannot be used
   */
  constructor(
    private readonly onStored: (id: string) => Promise<void>,
    private readonly onError: (message: string) => void,
  ) {}

  /**
   * Reads, decodes and stores `input` (shown as `label` while loading); `task` overrides an image
   * list's inferred task. The caller refuses uploads while one loads (see DatasetImagePicker).
   */
  async load(input: ImagesInput, label: string, task?: TaskType): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    this.loadingName = label;
    this.done = 0;
    this.total = 0;
    const onProgress = Comlink.proxy((done: number, total: number) => {
      this.done = done;
      this.total = total;
    });
    try {
      const result = await imagesWorker().load(input, { size: this.size, channels: this.channels, task }, onProgress);
      const db = await openTabtuneDB();
      try {
        await putDataset(db, result.dataset);
      } finally {
        db.close();
      }
      this.summary = result.summary;
      this.thumbnails = result.thumbnails;
      this.datasetId = result.dataset.id;
      this.source = { input, label };
      await this.onStored(result.dataset.id);
    } catch (error) {
      this.onError(error instanceof Error ? error.message : String(error));
    } finally {
      this.loading = false;
    }
  }

  /**
   * Encodes the open image list again with its target as `task` (same files; size and colour as
   * chosen now);
   * regression of a text target is refused with the CLI's message and the open dataset stays.
   */
  setTask(task: TaskType): Promise<void> {
    if (!this.source || this.summary?.list?.task === task) return Promise.resolve();
    return this.load(this.source.input, this.source.label, task);
  }

  /** Stops the upload in progress (the open dataset stays). */
  cancel(): void {
    if (this.loading) void imagesWorker().cancel();
  }

  /** Forgets the summary when another dataset is opened. */
  clear(): void {
    this.summary = null;
    this.thumbnails = [];
    this.datasetId = null;
    this.source = null;
  }
}
