/** The browser side of `npm run bench -- conv`: builds page/, serves it, runs it in headless Chromium. */
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../../../vite.config';
import type { BackendName } from '../../../workers/backends';
import type { CnnConfig } from './cnn-rate';

export type Cell = { readonly backend: BackendName } & CnnConfig;

const root = fileURLToPath(new URL('./page/', import.meta.url));
const outDir = fileURLToPath(new URL('../../../.tmp/bench-conv', import.meta.url));

async function oneRound(url: string, cells: readonly Cell[]): Promise<(number | null)[]> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.goto(`${url}?cells=${encodeURIComponent(JSON.stringify(cells))}`);
    await page.waitForFunction(() => '__benchResult' in window, undefined, { timeout: 900_000 });
    const { rates, errors } = await page.evaluate(() => {
      const w = window as unknown as { __benchResult: (number | null)[]; __benchErrors: string[] };
      return { rates: w.__benchResult, errors: w.__benchErrors };
    });
    for (const error of errors) console.log(`browser: ${error}`);
    return rates;
  } finally {
    await browser.close();
  }
}

/** Samples/s of each cell in the page's worker, best of `rounds` (null where it failed). */
export async function browserRates(cells: readonly Cell[], rounds: number): Promise<(number | null)[]> {
  await build({ root, configFile: false, logLevel: 'warn', worker: { format: 'es' }, build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 8192 } });
  const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
  const server = await preview({ root, configFile: false, logLevel: 'warn', build: { outDir }, preview: { port: 0, host: '127.0.0.1', headers } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  try {
    // The cpu cell is slow: measured in the first round only.
    const best = await oneRound(url, cells);
    const wasmCells = cells.filter((c) => c.backend === 'wasm');
    for (let r = 1; r < rounds; r++) {
      const more = await oneRound(url, wasmCells);
      more.forEach((rate, i) => (best[i] = Math.max(best[i] ?? 0, rate ?? 0) || null));
    }
    return best;
  } finally {
    await server.close();
  }
}
