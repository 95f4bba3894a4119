/**
 * Writes public/datasets/digits-images.zip, the one-click image demo: the bundled 8x8 digits
 * (UCI "Optical Recognition of Handwritten Digits", E. Alpaydin and C. Kaynak, CC BY 4.0) as
 * grayscale PNGs in one folder per class, pixel = round(value x 255 / 16).
 * Run: `npx tsx tests/tools/make-digits-images.ts` (deterministic: same CSV, same zip).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import pngjs from 'pngjs';

const CSV = new URL('../../public/datasets/digits.csv', import.meta.url);
const OUT = new URL('../../public/datasets/digits-images.zip', import.meta.url);

const lines = readFileSync(CSV, 'utf8').trim().split('\n').slice(1);
const files: Record<string, [Uint8Array, { mtime: Date }]> = {
  'digits-images/LICENSE.txt': [
    new TextEncoder().encode('Optical Recognition of Handwritten Digits, E. Alpaydin and C. Kaynak, UCI Machine Learning Repository.\nhttps://archive.ics.uci.edu/dataset/80\nLicensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). Converted to 8x8 PNGs by tabtune.\n'),
    { mtime: new Date('2024-01-01T00:00:00Z') },
  ],
};
lines.forEach((line, i) => {
  const cells = line.split(',').map(Number);
  const label = cells.pop()!;
  const png = new pngjs.PNG({ width: 8, height: 8 });
  cells.forEach((v, p) => {
    const g = Math.round((v * 255) / 16);
    png.data.set([g, g, g, 255], p * 4);
  });
  files[`digits-images/${label}/${String(i).padStart(4, '0')}.png`] = [new Uint8Array(pngjs.PNG.sync.write(png)), { mtime: new Date('2024-01-01T00:00:00Z') }];
});
writeFileSync(OUT, zipSync(files, { level: 9 }));
console.log(`wrote ${OUT.pathname}: ${lines.length} images`);
