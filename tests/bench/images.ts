/**
 * Image dataset loading speed in Node (what `tabtune run` does for `images:`): a generated folder
 * of N PNGs (default 5,000, 3 classes, sizes 24-96 px), read from a folder and from its zip,
 * decoded with pngjs and resized by the core rule to 32, 64 and 96 px. Baseline: pngjs decode
 * alone. Run: `npm run bench -- images [count]`. Prints one JSON line per measurement.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pngjs from 'pngjs';
import { loadImagePath } from '../../src/cli/image-source';
import { shapeFiles, writeFiles, zipBytes } from '../fixtures/images';

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
  writeFiles(join(dir, 'shapes'), files);
  writeFileSync(join(dir, 'shapes.zip'), zipBytes(files));
  console.log(JSON.stringify({ step: 'generate', images, megabytes: +(bytes / 2 ** 20).toFixed(1), seconds: +seconds(start).toFixed(2) }));

  start = process.hrtime.bigint();
  for (const b of Object.values(files)) pngjs.PNG.sync.read(Buffer.from(b));
  const decode = seconds(start);
  console.log(JSON.stringify({ step: 'baseline: pngjs decode only', imagesPerSecond: Math.round(images / decode) }));

  for (const [source, path] of [['folder', join(dir, 'shapes')], ['zip', join(dir, 'shapes.zip')]] as const) {
    for (const size of source === 'folder' ? [32, 64, 96] : [32]) {
      start = process.hrtime.bigint();
      const { dataset } = await loadImagePath(path, source, { size, channels: 3 });
      const s = seconds(start);
      const rows = dataset.trainY.length + dataset.validY.length;
      console.log(JSON.stringify({ step: `load ${source} -> ${size}x${size}x3`, images: rows, seconds: +s.toFixed(2), imagesPerSecond: Math.round(rows / s), vsDecodeOnly: +(s / decode).toFixed(2) }));
    }
  }
  console.log(JSON.stringify({ load1: loadavg()[0] }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
