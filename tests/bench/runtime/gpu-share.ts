/**
 * `npm run bench -- gpu-share`: how many training workers should share one WebGPU device? Builds a
 * page (gpu-share/page.ts) that starts N real tabtune training workers (1, 2, 4) training the
 * same MLP (digits, 64-64, batch 64) side by side, first on webgpu, then on wasm for comparison,
 * in headless Chromium with WebGPU enabled (shared/BROWSER.md flags). Prints the total throughput
 * (samples/s over all workers: N x epochs x rows / wall time) and its ratio to one worker. The
 * best N for webgpu is what SHARED_GPU_WORKERS in src/runtime/pool.ts should be.
 *
 * On a machine without a GPU, webgpu runs on SwiftShader (Vulkan on the CPU), so the figures say
 * how a software device shares, not a real GPU; run it on a machine with one to check the constant.
 *
 * Options: --workers 1,2,4, --rounds N (default 2; the best round of each cell is kept),
 * --epochs-webgpu N (default 2), --epochs-wasm N (default 20), --workload ID (a model of
 * tests/bench/webgpu/workloads.ts instead of the digits MLP), --build-only (build into
 * .tmp/bench-gpu-share and stop). Writes test-results/bench-gpu-share.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../../../vite.config';
import type { ShareResult } from './gpu-share/page';

const { values: args } = parseArgs({
  options: {
    workers: { type: 'string', default: '1,2,4' },
    rounds: { type: 'string', default: '2' },
    'epochs-webgpu': { type: 'string', default: '2' },
    'epochs-wasm': { type: 'string', default: '20' },
    workload: { type: 'string', default: '' },
    'build-only': { type: 'boolean', default: false },
  },
});
const root = fileURLToPath(new URL('./gpu-share/', import.meta.url));
const outDir = fileURLToPath(new URL('../../../.tmp/bench-gpu-share', import.meta.url));
const publicDir = fileURLToPath(new URL('../../../public', import.meta.url));

const total = (r: ShareResult) => (r.workers * r.epochs * r.rows) / r.wallSeconds;
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

async function oneRound(url: string): Promise<ShareResult[]> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  try {
    const page = await browser.newPage();
    const query = `workers=${args.workers}&epochs_webgpu=${args['epochs-webgpu']}&epochs_wasm=${args['epochs-wasm']}&workload=${args.workload}`;
    await page.goto(`${url}?${query}`);
    await page.waitForFunction(() => '__benchResult' in window || '__benchError' in window, undefined, { timeout: 900_000 });
    const failure = await page.evaluate(() => (window as unknown as { __benchError?: string }).__benchError);
    if (failure) throw new Error(failure);
    return (await page.evaluate(() => (window as unknown as { __benchResult: ShareResult[] }).__benchResult)) as ShareResult[];
  } finally {
    await browser.close();
  }
}

/** The best round of each (backend, workers) cell: other processes only ever slow a round down. */
function bestCells(rounds: ShareResult[][]): ShareResult[] {
  return rounds[0].map((_, i) => rounds.map((r) => r[i]).reduce((a, b) => (Number.isFinite(total(b)) && !(total(a) >= total(b)) ? b : a)));
}

function report(cells: ShareResult[]): void {
  console.log('backend  workers  epochs  wall s   total samples/s  vs 1 worker  per worker (fit)');
  for (const cell of cells) {
    const one = cells.find((c) => c.backend === cell.backend && c.workers === 1);
    const ratio = one ? total(cell) / total(one) : NaN;
    const perWorker = cell.perWorker.map(fmt).join(', ');
    const row = [cell.backend.padEnd(8), String(cell.workers).padEnd(8), String(cell.epochs).padEnd(7), cell.wallSeconds.toFixed(1).padEnd(8)];
    console.log(`${row.join(' ')} ${fmt(total(cell)).padStart(15)}  ${ratio.toFixed(2).padStart(11)}  ${cell.error ?? perWorker}`);
  }
  for (const backend of new Set(cells.map((c) => c.backend))) {
    const best = cells.filter((c) => c.backend === backend && !c.error).reduce((a, b) => (total(b) > total(a) ? b : a));
    console.log(`fastest on ${backend}: ${best.workers} worker${best.workers === 1 ? '' : 's'} at once`);
  }
}

async function main(): Promise<void> {
  await build({ root, configFile: false, logLevel: 'warn', publicDir, worker: { format: 'es' }, build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 8192 } });
  if (args['build-only']) {
    console.log(`built into ${outDir} (serve it with tests/bench/webgpu/serve.py on a machine without Node)`);
    return;
  }
  const server = await preview({ root, configFile: false, logLevel: 'warn', build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  const rounds: ShareResult[][] = [];
  console.log(`bench gpu-share — ${args.workload || 'digits MLP 64-64, batch 64'}, workers ${args.workers}, ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(2)}`);
  try {
    for (let i = 0; i < Number(args.rounds); i++) {
      rounds.push(await oneRound(url));
      console.log(`round ${i + 1}: ${rounds[i].map((c) => `${c.backend} x${c.workers} ${fmt(total(c))}`).join(', ')} samples/s`);
    }
  } finally {
    await server.close();
  }
  const cells = bestCells(rounds);
  report(cells);
  console.log(`load average after: ${loadavg()[0].toFixed(2)}`);
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/bench-gpu-share.json', `${JSON.stringify({ cells, rounds }, null, 2)}\n`);
}

await main();
