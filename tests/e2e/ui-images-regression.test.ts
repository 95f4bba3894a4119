/**
 * Regression on images in the page: a folder of grey images with a CSV listing each file and its
 * mean brightness is summarised as regression (the target's range), tuned with a cnn on val_mae,
 * and the exported model, applied to new images by README's recipe and preprocessing.json's
 * `value = prediction * targetStd + targetMean`, predicts brightness well under the error of
 * always predicting the mean. An image list whose whole-number target reads as classes is trained
 * as regression once the page's task control says so; regression of a text target is refused.
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { brightnessFiles, greyImage, meanBrightness, pngBytes, readmeImageInputs, writeFiles } from '../fixtures/images';
import { demoAppWithFolder } from './support/app';
import { RESULTS, downloadVia, filesIOHandler, jsonOf, readZip, runOneCnn } from './support/ui';

const { app, dir } = demoAppWithFolder('tabtune-e2e-image-regression-');

interface RegressionPre {
  inputWidth: number;
  output: { kind: string; targetMean: number; targetStd: number };
}

describe('an uploaded image list with a numeric target', () => {
  it('is summarised as regression, tuned on val_mae, and the export predicts the target in its units', async () => {
    const { page } = app;
    const root = writeFiles(join(dir, 'grey'), brightnessFiles(60, 8));
    await page.getByLabel('Colour').selectOption('1');
    await page.getByLabel('Upload image folder').setInputFiles(root);
    await expect.poll(() => page.getByTestId('image-counts').textContent().catch(() => ''), { timeout: 60_000 }).toMatch(/60 images, regression on "brightness" from [\d.]+ to [\d.]+/);
    expect(await page.getByTestId('image-target-thumbs').locator('canvas').count()).toBe(8);
    await expect.poll(() => page.getByLabel('Primary metric').inputValue()).toBe('val_mae');

    await runOneCnn(page, { name: 'grey', units: 16, epochs: 20 });

    const zipPath = `${RESULTS}/ui-images-regression-best.zip`;
    await downloadVia(page, 'Export best model (.zip)', zipPath);
    const files = readZip(zipPath);
    const pre = jsonOf<Record<string, unknown> & RegressionPre>(files, 'preprocessing.json');
    expect(pre).toMatchObject({ input: 'image', task: 'regression', target: 'brightness', imageShape: [32, 32, 1], output: { kind: 'regression' } });
    const model = await tf.loadLayersModel(filesIOHandler(files));
    const imageInputs = readmeImageInputs();
    const tests = Array.from({ length: 12 }, (_, i) => greyImage(30 + i * 17, 8, 8, 5000 + i));
    let error = 0;
    let baseline = 0;
    for (const image of tests) {
      const p = tf.tidy(() => (model.predict(tf.tensor2d(imageInputs(pre, image), [1, pre.inputWidth])) as tf.Tensor).dataSync()[0]);
      const truth = meanBrightness(image);
      error += Math.abs(p * pre.output.targetStd + pre.output.targetMean - truth) / tests.length;
      baseline += Math.abs(pre.output.targetMean - truth) / tests.length;
    }
    model.dispose();
    expect(baseline).toBeGreaterThan(30);
    expect(error).toBeLessThan(0.5 * baseline);
    expect(app.errors).toEqual([]);
  });
});

/** `count` grey PNGs and `list.csv` (`file,level`): whole numbers 0..4, the image brighter with the level. */
function levelFiles(count: number): Record<string, Uint8Array | string> {
  const files: Record<string, Uint8Array | string> = {};
  const rows = ['file,level'];
  for (let i = 0; i < count; i++) {
    files[`img/${i}.png`] = pngBytes(greyImage(30 + 45 * (i % 5), 8, 8, 9000 + i));
    rows.push(`img/${i}.png,${i % 5}`);
  }
  files['list.csv'] = rows.join('\n');
  return files;
}

interface Topology {
  modelTopology: { config: { layers: { class_name: string; config: { activation?: string; units?: number } }[] } };
}

describe('the task of an image list target, chosen in the page', () => {
  it('reads whole numbers 0..4 as classes by default; regression chosen re-encodes them, trains a linear output and shows val_mae', async () => {
    const { page } = app;
    // Back from the dashboard of the test above.
    await page.getByRole('button', { name: 'Build', exact: true }).click();
    const root = writeFiles(join(dir, 'levels'), levelFiles(40));
    await page.getByLabel('Colour').selectOption('1');
    await page.getByLabel('Upload image folder').setInputFiles(root);
    const counts = (): Promise<string> => page.getByTestId('image-counts').textContent().then((t) => t ?? '', () => '');
    await expect.poll(counts, { timeout: 60_000 }).toMatch(/^40 images in 5 classes/);
    const task = page.getByLabel(/^Task of \W?level\W?$/);
    expect(await task.inputValue()).toBe('classification');
    await expect.poll(() => page.getByLabel('Primary metric').inputValue()).toBe('val_accuracy');

    await task.selectOption('regression');
    await expect.poll(counts, { timeout: 60_000 }).toMatch(/^40 images, regression on "level" from 0 to 4 \(mean 2\)/);
    expect(await task.inputValue()).toBe('regression');
    await expect(page.getByTestId('stored-dataset').textContent()).resolves.toMatch(/stored levels: target level \(regression\)/);
    // Each task is its own stored dataset (other targets and split, other content id).
    const stored = page.getByLabel('Demo or stored dataset').locator('option');
    await expect.poll(() => stored.filter({ hasText: /^levels: level \(regression\), 40 rows/ }).count()).toBe(1);
    await expect.poll(() => stored.filter({ hasText: /^levels: class \(classification\), 40 rows/ }).count()).toBe(1);
    await expect.poll(() => page.getByLabel('Primary metric').inputValue()).toBe('val_mae');

    await runOneCnn(page, { name: 'levels', units: 8, epochs: 3 });
    const headline = page.getByRole('region', { name: 'Best run' });
    await expect(headline.getByText(/best val_mae/).textContent()).resolves.toMatch(/Run \d+: best val_mae/);
    expect(Number(await page.getByTestId('best-value').textContent())).toBeGreaterThan(0);

    const zipPath = `${RESULTS}/ui-images-task-best.zip`;
    await downloadVia(page, 'Export best model (.zip)', zipPath);
    const files = readZip(zipPath);
    expect(jsonOf(files, 'preprocessing.json')).toMatchObject({ input: 'image', task: 'regression', target: 'level', output: { kind: 'regression' } });
    const last = jsonOf<Topology>(files, 'model.json').modelTopology.config.layers.at(-1)!;
    expect(last.config).toMatchObject({ units: 1, activation: 'linear' });
    expect(app.errors).toEqual([]);
  });

  it('refuses regression of a text target with the CLI message, keeping the dataset open', async () => {
    const { page } = app;
    const files = brightnessFiles(12, 8);
    const list = ['file,mood', ...Array.from({ length: 12 }, (_, i) => `img/${i}.png,${i % 2 ? 'sad' : 'glad'}`)].join('\n');
    await page.getByRole('button', { name: 'Build', exact: true }).click();
    const root = writeFiles(join(dir, 'moods'), { ...files, 'list.csv': list });
    await page.getByLabel('Upload image folder').setInputFiles(root);
    const counts = (): Promise<string> => page.getByTestId('image-counts').textContent().then((t) => t ?? '', () => '');
    await expect.poll(counts, { timeout: 60_000 }).toMatch(/^12 images in 2 classes/);
    const task = page.getByLabel(/^Task of \W?mood\W?$/);
    await task.selectOption('regression');
    const alert = page.locator('.load-error');
    await expect.poll(() => alert.textContent().catch(() => ''), { timeout: 60_000 }).toContain('"list.csv": regression needs a numeric "mood" (it holds text, e.g. "glad" at line 2)');
    expect(await task.inputValue()).toBe('classification');
    expect(await counts()).toMatch(/^12 images in 2 classes/);
    await expect(page.getByTestId('stored-dataset').textContent()).resolves.toMatch(/stored moods: target class \(classification\)/);
    expect(app.errors).toEqual([]);
  });
});
