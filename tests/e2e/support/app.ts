/**
 * End-to-end harness: serves the built app (`dist/`, from `vite build`) with `vite preview` on a
 * free loopback port and drives Debian's Chromium through playwright-core. Collects console
 * errors and uncaught page errors so every test can assert there were none.
 */
import { existsSync } from 'node:fs';
import { preview, type PreviewServer } from 'vite';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumArgs } from '../../../vite.config';

/** A running app plus a browser page on it. */
export interface AppSession {
  readonly url: string;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught exceptions seen so far, as text. */
  readonly errors: string[];
  close(): Promise<void>;
}

/** Serves the built app (`dist/`) with `vite preview` on a free loopback port. */
export async function serveBuiltApp(): Promise<{ url: string; server: PreviewServer }> {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npx vite build` before the e2e tests');
  const server = await preview({ preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  return { url, server };
}

/** Starts `vite preview` on the built app and opens one page on it. Build first (`vite build`). */
export async function openApp(path = '/'): Promise<AppSession> {
  const { url, server } = await serveBuiltApp();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
  await page.goto(new URL(path, url).href);
  return {
    url,
    browser,
    context,
    page,
    errors,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
