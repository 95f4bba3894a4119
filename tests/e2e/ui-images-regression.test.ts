/**
 * Regression on images in the page: a folder of grey images with a CSV listing each file and its
 * mean brightness is summarised as regression (the target's range), tuned with a cnn on val_mae,
 * and the exported model, applied to new images by README's recipe and preprocessing.json's
 * `value = prediction * targetStd + targetMean`, predicts brightness well under the error of
 * always predicting the mean.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brightnessFiles, greyImage, meanBrightness, readmeImageInputs, writeFiles } from '../fixtures/images';
import { openApp, type AppSession } from './support/app';
import { RESULTS, downloadVia, fillBuilder, filesIOHandler, jsonOf, readZip, waitForStatus } from './support/ui';

let app: AppSession;
const dir = mkdtempSync(join(tmpdir(), 'tabtune-e2e-image-regression-'));

beforeAll(async () => {
  app = await openApp();
  await app.page.getByText('Showing').first().waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

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

    await page.getByLabel('Model family').selectOption('cnn');
    await fillBuilder(page, {
      name: 'grey',
      space: '{\n  "learning_rate": choice(0.01),\n  "units": choice(16),\n  "number_of_hidden_layers": choice(1),\n  "batch_size": choice(8)\n}',
      epochs: 20,
      runs: 1,
    });
    await page.getByRole('button', { name: 'Start experiment' }).click();
    await waitForStatus(page, ['completed'], 240_000);

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
