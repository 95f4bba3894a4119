/**
 * Image dataset loading speed in Node (what `tabtune run` does for `images:`): a generated folder
 * of N PNGs (default 5,000, 3 classes, sizes 24-96 px), read from a folder and from its zip,
 * decoded with pngjs and resized by the core rule to 32, 64 and 96 px. Baseline: pngjs decode
 * alone. Then the same images in headless Chromium (images-page/): the real image worker's decode
 * throughput at 32 px beside Node's, and the page's whole upload (worker decode, progress, the
 * IndexedDB store) with the longest main-thread task (target: none over 50 ms, so the tab never
 * freezes). Run: `npm run bench -- images [count]`. Prints one JSON line per measurement.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pngjs from 'pngjs';
import { loadImagePath } from '../../src/cli/image-source';
import { shapeFiles, writeFiles, zipBytes } from '../fixtures/images';
import { pageImages } from './images-page/run';

const count = Number(process.argv[2] ?? 5000);
const perClass = Math.ceil(count / 3);
const dir = mkdtempSync(join(tmpdir(), 'tabtune-bench-images-'));

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

try {
  let start = process.hrtime.bigint();
  const files = shapeFiles(perClass, [[32, 32], [48, 40], [96, 96], [24, 24], [64, 48]]);
  const images = Object.keys(files).length;
  const bytes = Object.values(files).reduce((n, b) => n + b.length, 0);
  const zip = zipBytes(files);
  writeFiles(join(dir, 'shapes'), files);
  writeFileSync(join(dir, 'shapes.zip'), zip);
  console.log(JSON.stringify({ step: 'generate', images, megabytes: +(bytes / 2 ** 20).toFixed(1), seconds: +seconds(start).toFixed(2) }));

  start = process.hrtime.bigint();
  for (const b of Object.values(files)) pngjs.PNG.sync.read(Buffer.from(b));
  const decode = seconds(start);
  console.log(JSON.stringify({ step: 'baseline: pngjs decode only', imagesPerSecond: Math.round(images / decode) }));

  let nodeFolder32 = 0;
  for (const [source, path] of [['folder', join(dir, 'shapes')], ['zip', join(dir, 'shapes.zip')]] as const) {
    for (const size of source === 'folder' ? [32, 64, 96] : [32]) {
      start = process.hrtime.bigint();
      const { dataset } = await loadImagePath(path, source, { size, channels: 3 });
      const s = seconds(start);
      const rows = dataset.trainY.length + dataset.validY.length;
      if (source === 'folder' && size === 32) nodeFolder32 = rows / s;
      console.log(JSON.stringify({ step: `load ${source} -> ${size}x${size}x3`, images: rows, seconds: +s.toFixed(2), imagesPerSecond: Math.round(rows / s), vsDecodeOnly: +(s / decode).toFixed(2) }));
    }
  }

  const page = await pageImages(zip);
  const pageRate = page.images / page.workerSeconds;
  console.log(JSON.stringify({ step: 'page worker decode, folder -> 32x32x3 (headless Chromium)', images: page.images, seconds: +page.workerSeconds.toFixed(2), imagesPerSecond: Math.round(pageRate), nodeImagesPerSecond: Math.round(nodeFolder32), pageVsNode: +(pageRate / nodeFolder32).toFixed(2) }));
  const longest = Math.round(Math.max(0, ...page.longTasks));
  console.log(JSON.stringify({
    step: 'page upload: worker decode + progress + IndexedDB store, main thread watched',
    images: page.storedImages,
    seconds: +page.uploadSeconds.toFixed(2),
    progressUpdatesSeen: page.progressUpdates,
    tasksOver50ms: page.longTasks.length,
    longestTaskMs: longest,
    tasksOver50msAfterDecode: page.longTasksAfterDecode.map(Math.round),
    longestFrameGapMs: Math.round(page.longestFrameGapMs),
    target: 'no main-thread task over 50 ms',
    ok: longest <= 50,
  }));
  console.log(JSON.stringify({ load1: loadavg()[0] }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
