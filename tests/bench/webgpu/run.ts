/**
 * `npm run bench -- webgpu`: how fast each tfjs backend trains real tabtune runs on this machine's
 * graphics, side by side in one headless Chromium: the demo MLP, a wide MLP and three CNNs
 * (workloads.ts), each on webgpu, webgl, wasm and wasm-fused (mlp only), in a fresh training
 * worker per cell; then what `backend: "auto"` would choose. Prints samples/s, the ratio of
 * webgpu to the fastest CPU backend, the WebGPU adapter and the WebGL renderer it ran on.
 *
 * Without a GPU, webgpu runs on SwiftShader (Vulkan on the CPU) and webgl on SwiftShader's GL: the
 * figures then say what a software device costs. On a machine with a GPU but without Node, build
 * here with `--build-only`, carry the folder and the browser, and run `serve.py` there (see its
 * header): it serves the same page and prints the same report.
 *
 * Options: --workloads a,b (default all), --backends (default webgpu,webgl,wasm,wasm-fused),
 * --auto a,b (workloads to calibrate; default mlp-demo,cnn-32), --cell-s N (per-cell limit,
 * default 180), --chromium PATH (default /usr/bin/chromium), --gpu (REAL_GPU_ARGS: the flags that
 * give headless Chromium a real GPU), --build-only (build into .tmp/bench-webgpu and stop). Writes test-results/bench-webgpu.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../../../vite.config';
import type { WebgpuBenchResult } from './report';

const { values: args } = parseArgs({
  options: {
    workloads: { type: 'string', default: '' },
    backends: { type: 'string', default: '' },
    auto: { type: 'string', default: 'mlp-demo,cnn-32' },
    'cell-s': { type: 'string', default: '180' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
    'build-only': { type: 'boolean', default: false },
    gpu: { type: 'boolean', default: false },
  },
});

/**
 * What headless Chromium on Linux needs to train on a real GPU (NVIDIA H200, Chromium 150): without
 * `--enable-gpu` and the Vulkan features its WebGPU adapter is SwiftShader even where WebGL reaches
 * the GPU. serve.py's `--gpu` adds the same list.
 */
export const REAL_GPU_ARGS = ['--enable-gpu', '--enable-features=Vulkan,VulkanFromANGLE,DefaultANGLEVulkan', '--use-vulkan=native', '--use-angle=vulkan', '--ignore-gpu-blocklist'];
const root = fileURLToPath(new URL('./page/', import.meta.url));
const outDir = fileURLToPath(new URL('../../../.tmp/bench-webgpu', import.meta.url));
const publicDir = fileURLToPath(new URL('../../../public', import.meta.url));

async function main(): Promise<void> {
  // base './': the folder can be served from any path by any static server (serve.py).
  await build({ root, base: './', configFile: false, logLevel: 'warn', publicDir, worker: { format: 'es' }, build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 8192 } });
  if (args['build-only']) {
    console.log(`built into ${outDir}`);
    return;
  }
  const server = await preview({ root, configFile: false, logLevel: 'warn', build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  const query = new URLSearchParams({ auto: args.auto, cell_s: args['cell-s'] });
  if (args.workloads) query.set('workloads', args.workloads);
  if (args.backends) query.set('backends', args.backends);
  const browser = await chromium.launch({ executablePath: args.chromium, args: [...chromiumArgs, ...(args.gpu ? REAL_GPU_ARGS : [])] });
  try {
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') console.log(`browser: ${message.text()}`);
      else if (message.text().startsWith('[bench] ')) console.log(message.text().slice(8));
    });
    await page.goto(`${url}?${query}`);
    await page.waitForFunction(() => '__benchReport' in window || '__benchError' in window, undefined, { timeout: 3_600_000, polling: 1000 });
    const failure = await page.evaluate(() => (window as unknown as { __benchError?: string }).__benchError);
    if (failure) throw new Error(failure);
    const { result, report } = await page.evaluate(() => {
      const w = window as unknown as { __benchResult: WebgpuBenchResult; __benchReport: string };
      return { result: w.__benchResult, report: w.__benchReport };
    });
    console.log(`bench webgpu\n${report}`);
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/bench-webgpu.json', `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
