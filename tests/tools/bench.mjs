#!/usr/bin/env node
// `npm run bench -- NAME [options]`: runs one benchmark (each prints its ratios against a
// baseline run side by side in the same process). Without a name, lists them.
import { spawnSync } from 'node:child_process';

const benches = {
  sampling: ['tests/bench/sampling/run.ts', 'tabtune samplers vs Optuna 3.1 on 7 test functions (~15 min)'],
  policies: ['tests/bench/policies/run.ts', 'policies vs Optuna pruners on LCBench learning curves (~1 min)'],
  runtime: ['tests/bench/runtime/run.ts', 'bare tfjs vs tabtune worker + scheduler throughput, idle share, start latency, MLP samples/s vs PyTorch 1 thread'],
  'gpu-share': ['tests/bench/runtime/gpu-share.ts', 'total throughput of 1, 2, 4 workers sharing webgpu (and wasm) in headless Chromium (~3 min)'],
  ui: ['tests/bench/ui/run.ts', 'dashboard update time and longest main-thread task with 1000 runs'],
  scheduler: ['tests/bench/scheduler.ts', 'time per scheduler event at 100, 500 and 1000 runs (8 workers, 4 policies, random sampler), and its growth (~1 min)'],
  space: ['tests/bench/space-sampling.ts', 'samples per second of a 10-parameter random space'],
  images: ['tests/bench/images.ts', 'image dataset load speed: 5,000 generated PNGs in Node (folder, zip, 32/64/96) and in the page worker, longest main-thread task of a page upload (~2 min)'],
  csv: ['tests/bench/csv-parse.ts', 'CSV parse speed on a generated 50 MB numeric file'],
  fused: ['tests/bench/runtime/fused.ts', 'MLP training samples/s: tfjs wasm fit vs backend wasm-fused vs PyTorch 1 thread, batch 16/128, 1-3x128 hidden (~1 min)'],
  experiment: ['tests/bench/experiment/run.ts', 'a whole digits experiment (30 runs x 20 epochs): tabtune run vs Optuna TPE + MedianPruner + PyTorch, same rows (~4 min)'],
  distributed: ['tests/bench/distributed/run.ts', 'runs/min of 1, 2, 3 tabtune_optuna.py workers on PostgreSQL vs tabtune run alone; coordination overhead per run; options: [runs] [backend] (~3 min)'],
  webgpu: ['tests/bench/webgpu/run.ts', 'samples/s of the demo MLP, a wide MLP and three CNNs on webgpu, webgl, wasm and wasm-fused in headless Chromium, and what backend "auto" picks (~3 min on a GPU; far longer over SwiftShader: pick models with --workloads)'],
  conv: ['tests/bench/conv/run.ts', 'CNN training samples/s: tfjs wasm (tabtune gradients) vs cpu vs PyTorch 1 thread, Node and page worker, digits cnn vs mlp (~5 min)'],
};

const [name, ...rest] = process.argv.slice(2);
if (!name || !(name in benches)) {
  if (name) console.error(`unknown benchmark "${name}"\n`);
  console.log('Usage: npm run bench -- NAME [options]\n');
  for (const [key, [, what]] of Object.entries(benches)) console.log(`  ${key.padEnd(10)} ${what}`);
  process.exit(name ? 2 : 0);
}
const result = spawnSync('npx', ['tsx', benches[name][0], ...rest], { stdio: 'inherit' });
process.exit(result.status ?? 1);
