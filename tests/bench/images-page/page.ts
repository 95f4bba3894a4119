/**
 * The page of `npm run bench -- images`: the generated images (the zip the Node bench loads),
 * unpacked into File objects before any timing, then
 * 1. decode throughput of the real image worker (createImageBitmap + OffscreenCanvas + core's
 *    resize) for the folder at 32x32x3, as a page upload sends it;
 * 2. the page's whole upload path (ImageUploadState: worker decode with progress, the encoded
 *    dataset stored in IndexedDB, the stored list read again as the app does), recording every main-thread task over 50 ms (Long Tasks API)
 *    from the click to the stored dataset, and the longest frame gap, so a frozen tab would show.
 * Results land in `window.__benchResult`.
 */
import * as Comlink from 'comlink';
import { unzipSync } from 'fflate';
import type { ImagesWorkerApi } from '../../../workers/images.worker';
import { listDatasets, openTabtuneDB } from '../../../src/persistence';
import { folderInput, ImageUploadState } from '../../../src/ui/state/image-upload.svelte';

/** What the page measures (read back by run.ts). */
export interface PageImagesResult {
  images: number;
  workerSeconds: number;
  uploadSeconds: number;
  storedImages: number;
  progressUpdates: number;
  longTasks: number[];
  /** Long tasks that started after the decode's last progress report (receiving and storing the dataset). */
  longTasksAfterDecode: number[];
  longestFrameGapMs: number;
}

async function files(): Promise<{ path: string; file: File }[]> {
  const zip = new Uint8Array(await (await fetch('shapes.zip')).arrayBuffer());
  return Object.entries(unzipSync(zip)).map(([path, bytes]) => ({ path: `shapes/${path}`, file: new File([bytes as Uint8Array<ArrayBuffer>], path.split('/').pop()!) }));
}

/** Seconds the bare worker takes to decode and encode `input` at 32x32x3. */
async function workerSeconds(input: ReturnType<typeof folderInput>): Promise<number> {
  const worker = new Worker(new URL('../../../workers/images.worker.ts', import.meta.url), { type: 'module' });
  try {
    const api = Comlink.wrap<ImagesWorkerApi>(worker);
    const start = performance.now();
    await api.load(input, { size: 32, channels: 3 }, undefined);
    return (performance.now() - start) / 1000;
  } finally {
    worker.terminate();
  }
}

/** Runs `work` while recording long tasks and the longest gap between animation frames. */
async function watched(work: () => Promise<void>): Promise<{ longTasks: PerformanceEntry[]; longestFrameGapMs: number }> {
  const longTasks: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => {
    longTasks.push(...list.getEntries());
  });
  observer.observe({ type: 'longtask', buffered: false });
  let last = performance.now();
  let longest = 0;
  let running = true;
  const tick = (now: number): void => {
    longest = Math.max(longest, now - last);
    last = now;
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  try {
    await work();
  } finally {
    running = false;
    observer.disconnect();
  }
  return { longTasks, longestFrameGapMs: longest };
}

async function main(): Promise<void> {
  const found = await files();
  const input = folderInput(found);
  const worker = await workerSeconds(input);
  let stored = '';
  let failure = '';
  let progressUpdates = 0;
  let decodedAt = Infinity;
  // As the app's dataset state does once the upload is stored: read the list of stored datasets again.
  const state = new ImageUploadState(async (id) => {
    const db = await openTabtuneDB();
    try {
      if ((await listDatasets(db)).some((d) => d.id === id)) stored = id;
    } finally {
      db.close();
    }
  }, (message) => void (failure = message));
  const start = performance.now();
  const watch = await watched(async () => {
    const loading = state.load(input, 'shapes');
    // The progress the page shows is read from these fields; count the distinct values seen.
    let seen = -1;
    while (state.loading) {
      if (state.done !== seen) progressUpdates += 1;
      if (state.total > 0 && state.done === state.total) decodedAt = Math.min(decodedAt, performance.now());
      seen = state.done;
      await new Promise((resolve) => setTimeout(resolve, 16));
    }
    await loading;
  });
  if (!stored || !state.summary) throw new Error(`the upload did not store a dataset: ${failure}`);
  const result: PageImagesResult = {
    images: found.length,
    workerSeconds: worker,
    uploadSeconds: (performance.now() - start) / 1000,
    storedImages: state.summary.images,
    progressUpdates,
    longTasks: watch.longTasks.map((t) => t.duration),
    longTasksAfterDecode: watch.longTasks.filter((t) => t.startTime >= decodedAt - 20).map((t) => t.duration),
    longestFrameGapMs: watch.longestFrameGapMs,
  };
  (window as unknown as { __benchResult: PageImagesResult }).__benchResult = result;
}

main().catch((error: unknown) => {
  (window as unknown as { __benchError: string }).__benchError = error instanceof Error ? `${error.message}\n${error.stack}` : String(error);
});
