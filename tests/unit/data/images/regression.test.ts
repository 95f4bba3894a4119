/**
 * Regression on images: an image list CSV with a numeric target becomes a regression dataset with
 * the tabular loader's treatment (task inferred the same way, target standardised with the
 * training rows' mean and std), its summary shows the target's range, and the export says how to
 * turn a prediction back into the target's units.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { imageSummaryLines, preprocessingJson, thumbnailsOf } from '../../../../src/core/data';
import { loadImagePath } from '../../../../src/cli/image-source';
import { brightnessFiles, writeFiles } from '../../../fixtures/images';

const root = mkdtempSync(join(tmpdir(), 'tabtune-image-regression-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const folder = (files: Record<string, Uint8Array | string>): string => writeFiles(join(root, `set${n++}`), files);

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

describe('an image list CSV with a numeric target', () => {
  it('is regression: targets standardised with the training mean and std, each image beside its own value', async () => {
    const dir = folder(brightnessFiles(30));
    const { dataset, summary } = await loadImagePath(join(dir, 'list.csv'), 'list.csv', { size: 10, channels: 1 });
    expect(dataset.encoding).toMatchObject({ task: 'regression', target: 'brightness' });
    expect(dataset.encoding.classLabels).toBeUndefined();
    expect(dataset.outputCount).toBe(1);
    expect(dataset.trainY.length + dataset.validY.length).toBe(30);
    expect(dataset.validY.length).toBe(6);
    const { targetMean = NaN, targetStd = NaN } = dataset.encoding;
    expect(mean(dataset.trainY)).toBeCloseTo(0, 5);
    expect(Math.sqrt(mean(Array.from(dataset.trainY, (y) => y * y)))).toBeCloseTo(1, 5);
    expect(targetStd).toBeGreaterThan(20);
    // At full size and grayscale, each image's mean input x 255 is its brightness: rows stay paired.
    for (const [x, y] of [[dataset.trainX, dataset.trainY], [dataset.validX, dataset.validY]] as const) {
      for (let row = 0; row < y.length; row++) {
        expect(mean(x.subarray(row * 100, (row + 1) * 100)) * 255).toBeCloseTo(y[row] * targetStd + targetMean, 1);
      }
    }
    expect(summary.classes).toEqual([]);
    expect(summary.imbalance).toBe(1);
    expect(summary.target?.name).toBe('brightness');
    expect(summary.target!.min).toBeLessThan(summary.target!.mean);
    expect(imageSummaryLines(summary)[0]).toMatch(/^list\.csv: 30 images, regression on "brightness" from [\d.]+ to [\d.]+ \(mean [\d.]+\)$/);
  });

  it('leaves out rows whose target is text by line; a task override forces regression or refuses text', async () => {
    const files = brightnessFiles(24);
    const csv = `${files['list.csv'] as string}\nimg/0.png,dark\nimg/1.png,\n`;
    const dir = folder({ ...files, 'list.csv': csv });
    const { summary } = await loadImagePath(join(dir, 'list.csv'), 'list.csv', { size: 8 });
    expect(summary.images).toBe(24);
    expect(summary.leftOut).toEqual([
      { file: 'img/0.png', reason: '"brightness" is not a number on its row ("dark", line 26)' },
      { file: 'img/1.png', reason: 'no "brightness" on its row (line 27)' },
    ]);
    // Few integer values read as classes, as for a tabular CSV; task "regression" makes them a target.
    const few = folder({ ...files, 'list.csv': ['file,stars', ...Array.from({ length: 24 }, (_, i) => `img/${i}.png,${1 + (i % 3)}`)].join('\n') });
    const inferred = await loadImagePath(join(few, 'list.csv'), 'l', { size: 8 });
    expect(inferred.dataset.encoding.classLabels).toEqual(['1', '2', '3']);
    // The summary names the list's target and task: the page offers the other task from it.
    expect(inferred.summary.list).toEqual({ target: 'stars', task: 'classification' });
    const forced = await loadImagePath(join(few, 'list.csv'), 'l', { size: 8, task: 'regression' });
    expect(forced.dataset.encoding).toMatchObject({ task: 'regression', target: 'stars', targetMean: expect.closeTo(2, 0) });
    expect(forced.summary.list).toEqual({ target: 'stars', task: 'regression' });
    // Other encoded data, other content id: both can be stored side by side.
    expect(forced.dataset.id).not.toBe(inferred.dataset.id);
    const text = folder({ ...files, 'list.csv': ['file,mood', ...Array.from({ length: 24 }, (_, i) => `img/${i}.png,${i % 2 ? 'sad' : 'glad'}`)].join('\n') });
    await expect(loadImagePath(join(text, 'list.csv'), 'l', { task: 'regression' })).rejects.toThrow(/"list\.csv": regression needs a numeric "mood" \(it holds text, e\.g\. "glad" at line 2\)/);
  });

  it('refuses fewer than two usable images, naming the target', async () => {
    const files = brightnessFiles(3);
    const missing = Array.from({ length: 20 }, (_, i) => `img/gone-${i}.png,${i + 0.5}`);
    const dir = folder({ ...files, 'list.csv': ['file,brightness', 'img/0.png,12.5', 'img/1.png,x', 'img/2.png,', ...missing].join('\n') });
    await expect(loadImagePath(join(dir, 'list.csv'), 'l', { task: 'regression' })).rejects.toThrow(
      /"list\.csv" needs at least two images with a "brightness" value for a train\/validation split \(found 1\)/,
    );
  });

  it('is read from an uploaded zip too; thumbnails run from the lowest target to the highest; the export un-standardises', async () => {
    const dir = folder(brightnessFiles(40));
    writeFileSync(join(dir, 'notes.txt'), 'not listed, not read');
    const { dataset } = await loadImagePath(join(dir, 'list.csv'), 'list.csv', { size: 6 });
    const groups = thumbnailsOf(dataset, 5);
    expect(groups.map((g) => [g.label, g.images.length])).toEqual([['brightness, lowest to highest', 5]]);
    const levels = groups[0].images.map((rgba) => mean(rgba.filter((_, i) => i % 4 === 0)));
    expect(levels).toEqual([...levels].sort((a, b) => a - b));
    expect(preprocessingJson(dataset.encoding)).toMatchObject({
      input: 'image',
      task: 'regression',
      target: 'brightness',
      output: { kind: 'regression', targetMean: dataset.encoding.targetMean, targetStd: dataset.encoding.targetStd, apply: 'value = prediction * targetStd + targetMean' },
    });
  });
});
