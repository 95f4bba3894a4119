/**
 * The page half of `npm run bench -- images`: builds tests/bench/images-page, serves it with the
 * generated zip beside it, and runs it in headless Chromium (the flags of vite.config.ts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { chromiumArgs } from '../../../vite.config';
import type { PageImagesResult } from './page';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../../.tmp/bench-images-page', import.meta.url));

/** Loads the images of `zip` (class folders) in the bench page; see page.ts for what is measured. */
export async function pageImages(zip: Uint8Array): Promise<PageImagesResult> {
  await build({ root, configFile: false, logLevel: 'warn', plugins: [svelte({ configFile: false })], worker: { format: 'es' }, build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 8192 } });
  writeFileSync(join(outDir, 'shapes.zip'), zip);
  const server = await preview({ root, configFile: false, logLevel: 'warn', build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => '__benchResult' in window || '__benchError' in window, undefined, { timeout: 900_000, polling: 500 });
    const failure = await page.evaluate(() => (window as unknown as { __benchError?: string }).__benchError);
    if (failure) throw new Error(failure);
    return (await page.evaluate(() => (window as unknown as { __benchResult: PageImagesResult }).__benchResult)) as PageImagesResult;
  } finally {
    await browser.close();
    await server.close();
  }
}
