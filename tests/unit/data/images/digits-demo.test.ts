/** The one-click image demo zip matches the bundled digits CSV it was made from (tests/tools/make-digits-images.ts). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadImagePath } from '../../../../src/cli/image-source';

describe('public/datasets/digits-images.zip', () => {
  it('holds the 1,797 digits as 8x8 PNGs in 10 class folders, pixels = value / 16 (to 1/255)', async () => {
    const { dataset, summary } = await loadImagePath('public/datasets/digits-images.zip', 'digits', { size: 8, channels: 1 });
    expect(summary.images).toBe(1797);
    expect(summary.classes.map((c) => c.label)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(summary.leftOut).toEqual([{ file: 'digits-images/LICENSE.txt', reason: expect.stringMatching(/^not inside a class folder/) }]);
    const rows = readFileSync('public/datasets/digits.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number).slice(0, 64).map((v) => Math.round((v * 255) / 16)).join());
    const known = new Set(rows);
    const all = [dataset.trainX, dataset.validX].flatMap((x) => Array.from({ length: x.length / 64 }, (_, i) => Array.from(x.subarray(i * 64, i * 64 + 64), (v) => Math.round(v * 255)).join()));
    expect(all.every((r) => known.has(r))).toBe(true);
  });
});
