/**
 * Image flow of the UI: upload a generated folder of PNGs (3 classes, plus two files that must be
 * left out), read the summary, tune a cnn on it, export the best run, and classify new images with
 * the exported model through README's "Classifying a new image" recipe.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHAPES, readmeImageInputs, shapeFiles, shapeImage, writeFiles } from '../fixtures/images';
import { openApp, type AppSession } from './support/app';
import { RESULTS, downloadVia, filesIOHandler, jsonOf, readZip, runOneCnn } from './support/ui';

let app: AppSession;
const dir = mkdtempSync(join(tmpdir(), 'tabtune-e2e-images-'));

beforeAll(async () => {
  app = await openApp();
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('an uploaded image folder', () => {
  it('is summarised, tuned with a cnn and exported; the export classifies new images', async () => {
    const { page } = app;
    const root = writeFiles(join(dir, 'shapes'), { ...shapeFiles(12), 'square/notes.txt': 'not an image', 'hbar/broken.png': 'PNG?' });
    await page.getByLabel('Colour').selectOption('1');
    await page.getByLabel('Upload image folder').setInputFiles(root);
    const summary = page.getByTestId('image-summary');
    await summary.waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('image-counts').textContent()).toContain('36 images in 3 classes, imbalance 1.00');
    await expect.poll(() => page.getByTestId('left-out-count').textContent()).toBe('2 files left out');
    await expect.poll(() => summary.textContent()).toMatch(/shapes\/hbar\/broken\.png: corrupt or not an image/);
    expect(await page.getByTestId('image-class').count()).toBe(3);
    expect(await summary.locator('canvas').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${RESULTS}/ui-images-summary.png`, fullPage: true });

    await runOneCnn(page, { name: 'shapes', units: 8, epochs: 12 });

    const zipPath = `${RESULTS}/ui-images-best.zip`;
    await downloadVia(page, 'Export best model (.zip)', zipPath);
    const files = readZip(zipPath);
    const pre = jsonOf<Record<string, unknown> & { inputWidth: number; output: { classLabels: string[] } }>(files, 'preprocessing.json');
    expect(pre).toMatchObject({ input: 'image', imageSize: 32, channels: 1, imageShape: [32, 32, 1], output: { classLabels: ['hbar', 'square', 'vbar'] } });
    const model = await tf.loadLayersModel(filesIOHandler(files));
    const imageInputs = readmeImageInputs();
    const tests = SHAPES.flatMap((shape) => [0, 1, 2, 3].map((i) => ({ shape, image: shapeImage(shape, 14 + i * 3, 14, 9000 + i) })));
    const correct = tests.filter(({ shape, image }) => {
      const p = Array.from(tf.tidy(() => (model.predict(tf.tensor2d(imageInputs(pre, image), [1, pre.inputWidth])) as tf.Tensor).dataSync()));
      return pre.output.classLabels[p.indexOf(Math.max(...p))] === shape;
    }).length;
    model.dispose();
    expect(correct / tests.length).toBeGreaterThanOrEqual(0.75);
  });

  it('loads the digits image demo in one click, and a zip that is not one is refused keeping the dataset', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Build', exact: true }).click();
    await page.getByLabel('Image size').selectOption('32');
    await page.getByRole('button', { name: 'Digits as images (demo)' }).click();
    await expect.poll(() => page.getByTestId('image-counts').textContent(), { timeout: 60_000 }).toContain('1,797 images in 10 classes');
    await page.getByLabel('Upload images (.zip)').setInputFiles({ name: 'notes.zip', mimeType: 'application/zip', buffer: Buffer.from('plain text') });
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('"notes.zip" is not a zip file');
    expect(await page.getByTestId('image-counts').textContent()).toContain('1,797 images in 10 classes');
  });

  it('waits while the image demo is fetched, and a failed fetch is named and keeps the dataset', async () => {
    const { page } = app;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/datasets/digits-images.zip', async (route) => {
      await held;
      await route.fulfill({ status: 404, body: 'gone' });
    });
    try {
      await page.getByRole('button', { name: 'Digits as images (demo)' }).click();
      const busy = page.getByRole('button', { name: 'Fetching the image demo…' });
      await expect.poll(() => busy.isDisabled()).toBe(true);
      release();
      await expect.poll(() => page.getByTestId('demo-error').textContent()).toMatch(/Digits as images \(demo\): fetching http:\/\/\S+\/datasets\/digits-images\.zip failed \(the server answered 404/);
      expect(await page.getByTestId('demo-error').textContent()).toContain('the dataset you had is kept');
      expect(await page.getByRole('button', { name: 'Digits as images (demo)' }).isEnabled()).toBe(true);
      expect(await page.getByTestId('image-counts').textContent()).toContain('1,797 images in 10 classes');
    } finally {
      release();
      await page.unroute('**/datasets/digits-images.zip');
    }
  });
});
