/**
 * Drag and drop onto the image upload area, as a person does it: a real browser drag carrying
 * files from disk (Chrome DevTools Protocol `Input.dispatchDragEvent`, the path Chromium's own
 * drag and drop takes), so a dropped folder arrives as a directory entry (`webkitGetAsEntry`) and
 * is walked like a picked folder. A folder, three class folders at once, and a zip; and a drop
 * while a dataset loads, refused with a message naming it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shapeFiles, writeFiles, zipBytes } from '../fixtures/images';
import { demoAppWithFolder } from './support/app';

// A drop while a dataset loads is refused (the last test): wait for the default demo.
const { app, dir } = demoAppWithFolder('tabtune-e2e-drop-');

/** Drags `paths` (files or folders on disk) from outside the page and drops them on the drop zone. */
async function drop(page: Page, paths: string[]): Promise<void> {
  const zone = page.getByRole('region', { name: 'Drop an image folder or zip here' });
  await zone.scrollIntoViewIfNeeded();
  const box = (await zone.boundingBox())!;
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const cdp = await app.context.newCDPSession(page);
  try {
    const data = { items: [], files: paths, dragOperationsMask: 1 };
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
  } finally {
    await cdp.detach();
  }
}

async function counts(page: Page, expected: string): Promise<void> {
  await expect.poll(() => page.getByTestId('image-counts').textContent().catch(() => ''), { timeout: 60_000 }).toContain(expected);
}

describe('dropping images on the upload area', () => {
  it('reads a dropped folder of class folders, leaving out what is not an image', async () => {
    const root = writeFiles(join(dir, 'shapes'), { ...shapeFiles(3), 'square/notes.txt': 'not an image' });
    await drop(app.page, [root]);
    await counts(app.page, '9 images in 3 classes, imbalance 1.00');
    await expect.poll(() => app.page.getByTestId('left-out-count').textContent()).toBe('1 file left out');
    expect(await app.page.getByTestId('image-summary').textContent()).toContain('shapes/square/notes.txt: not an image');
    expect(app.errors).toEqual([]);
  });

  it('reads several class folders dropped at once', async () => {
    const root = writeFiles(join(dir, 'loose'), shapeFiles(4));
    await drop(app.page, ['hbar', 'square', 'vbar'].map((c) => join(root, c)));
    await counts(app.page, '12 images in 3 classes, imbalance 1.00');
    expect(app.errors).toEqual([]);
  });

  it('reads a dropped zip', async () => {
    const files = Object.fromEntries(Object.entries(shapeFiles(5)).filter(([path]) => !path.startsWith('vbar/')));
    const zip = join(dir, 'two.zip');
    writeFileSync(zip, zipBytes(files));
    await drop(app.page, [zip]);
    await counts(app.page, '10 images in 2 classes, imbalance 1.00');
    expect(app.errors).toEqual([]);
  });

  it('refuses a drop while a dataset loads, naming what was dropped and why, and takes it once the load is done', async () => {
    const { page } = app;
    // The iris demo's request is held, so the drop surely lands while it loads.
    const held = new Promise<Route>((resolve) => void page.context().route('**/datasets/iris.csv', (route) => resolve(route)));
    await page.getByLabel('Demo or stored dataset').selectOption('iris');
    const route = await held;
    await page.getByRole('status').filter({ hasText: /Reading Iris flowers/ }).waitFor();
    const root = writeFiles(join(dir, 'late'), shapeFiles(2));
    await drop(app.page, [root]);
    const refused = page.getByTestId('drop-refused');
    await expect.poll(() => refused.textContent().catch(() => ''), { timeout: 30_000 }).toBe(
      'Not loaded: "late", dropped while "Iris flowers" was still loading. Drop it again once that has finished (or cancel it).',
    );
    expect(await refused.getAttribute('role')).toBe('alert');
    await route.continue();
    await page.context().unroute('**/datasets/iris.csv');
    await page.getByText(/Showing.*iris\.csv/).waitFor({ timeout: 60_000 });
    // The refused drop was not queued behind the demo: the demo is open, no image upload began.
    expect(await page.getByTestId('image-summary').count()).toBe(0);
    expect(await page.getByRole('status').filter({ hasText: /Reading late/ }).count()).toBe(0);

    await drop(app.page, [root]);
    await counts(app.page, '6 images in 3 classes, imbalance 1.00');
    expect(await refused.count()).toBe(0);
    expect(app.errors).toEqual([]);
  });
});
