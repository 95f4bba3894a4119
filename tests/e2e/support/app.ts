/**
 * End-to-end harness: serves the built app (`dist/`, from `vite build`) with `vite preview` on a
 * free loopback port and drives Debian's Chromium through playwright-core. Collects console
 * errors and uncaught page errors so every test can assert there were none.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
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

/**
 * For a test file that works on one page with the default demo loaded and writes its uploads to
 * a temp folder: registers the file's beforeAll (open the app, wait for the demo, so a later
 * upload never meets a load in progress) and afterAll (close, remove the folder). `app` reads
 * through to the session once beforeAll has run.
 */
export function demoAppWithFolder(prefix: string): { readonly app: AppSession; readonly dir: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let session: AppSession | undefined;
  const current = (): AppSession => {
    if (!session) throw new Error('the app is not open yet (used before beforeAll)');
    return session;
  };
  beforeAll(async () => {
    session = await openApp();
    await session.page.getByText('Showing').first().waitFor({ timeout: 60_000 });
  });
  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const app: AppSession = {
    get url() {
      return current().url;
    },
    get browser() {
      return current().browser;
    },
    get context() {
      return current().context;
    },
    get page() {
      return current().page;
    },
    get errors() {
      return current().errors;
    },
    close: () => current().close(),
  };
  return { app, dir };
}
