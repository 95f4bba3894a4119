/**
 * `npm run bench -- conv`: convolution training on tfjs's wasm backend with tabtune's gradient
 * kernels (workers/wasm-grads) against tfjs's cpu backend and PyTorch (Debian's python3-torch,
 * one thread, tests/bench/conv/torch-cnn.py) in the same run, on the CNN (cnn-rate.ts) at
 * 24x24, 32x32, 64x64 inputs with 16 filters and 24x24 with 32. Node (the engine of `tabtune run`)
 * and the page's worker in headless Chromium. Each cell keeps its best of --rounds (other
 * processes only slow a round down). Then a whole digits experiment, cnn vs mlp, on wasm through
 * the scheduler and worker threads: wall time and best val_accuracy. PyTorch and Node rounds
 * alternate, so a busy spell on a shared machine hits both.
 *
 * Target: wasm >= 25% of PyTorch's one-thread samples/s. Options: --rounds N (default 3),
 * --batches N timed batches of 16 (default 20; cpu: --cpu-batches, default 2), --no-browser,
 * --no-experiment. Writes test-results/bench-conv.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { setNodeBackend } from '../../../workers/node-backends';
import { cnnRate, type CnnConfig } from './cnn-rate';
import { browserRates, type Cell } from './browser';
import { digitsExperiments } from './experiment';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    batches: { type: 'string', default: '20' },
    'cpu-batches': { type: 'string', default: '2' },
    'no-browser': { type: 'boolean', default: false },
    'no-experiment': { type: 'boolean', default: false },
  },
});
const ROUNDS = Number(args.rounds);
const SHAPES = [
  { size: 24, filters: 16 },
  { size: 32, filters: 16 },
  { size: 64, filters: 16 },
  { size: 24, filters: 32 },
];
const configs = (batches: number): CnnConfig[] => SHAPES.map((s) => ({ ...s, batches: Math.max(2, Math.round(batches * (24 / s.size) ** 2)) }));

/** PyTorch's samples/s per config (one round), or null when /usr/bin/python3 has no torch. */
function torchRates(list: CnnConfig[]): (number | null)[] {
  const specs = list.map((c) => `${c.size},${c.filters},${c.batches}`);
  const run = spawnSync('/usr/bin/python3', [new URL('./torch-cnn.py', import.meta.url).pathname, ...specs], { encoding: 'utf8' });
  if (run.status !== 0) {
    console.log(`PyTorch skipped: ${(run.stderr || run.error?.message || '').trim().split('\n').at(-1)}`);
    return list.map(() => null);
  }
  return run.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { samplesPerSecond: number }).samplesPerSecond);
}

async function nodeRates(backend: 'wasm' | 'cpu', list: CnnConfig[]): Promise<number[]> {
  await setNodeBackend(backend);
  const rates: number[] = [];
  for (const config of list) rates.push(await cnnRate(config));
  return rates;
}

/** Elementwise best of two rounds (null counts as missing). */
const bestOf = (a: (number | null)[], b: (number | null)[]) => a.map((x, i) => (x == null ? b[i] : b[i] == null ? x : Math.max(x, b[i]!)));

/** PyTorch and tfjs wasm in Node, alternating round by round so both see the same load. */
async function interleaved(list: CnnConfig[]): Promise<{ torch: (number | null)[]; wasm: (number | null)[] }> {
  let torch: (number | null)[] = list.map(() => null);
  let wasm: (number | null)[] = list.map(() => null);
  for (let r = 0; r < ROUNDS; r++) {
    torch = bestOf(torch, torchRates(list));
    wasm = bestOf(wasm, await nodeRates('wasm', list));
  }
  return { torch, wasm };
}

const fmt = (x: number | null | undefined) => (x == null ? '-' : Math.round(x).toLocaleString('en-US'));
const pct = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null ? '-' : `${((100 * a) / b).toFixed(1)}%`);

async function main(): Promise<void> {
  console.log(`bench conv — batch 16, Adam, 1 thread, best of ${ROUNDS}, load average ${loadavg()[0].toFixed(2)}`);
  const wasmList = configs(Number(args.batches));
  const cpuList = configs(Number(args['cpu-batches']));
  const { torch, wasm: nodeWasm } = await interleaved(wasmList);
  const nodeCpu = await nodeRates('cpu', cpuList);
  const cells: Cell[] = [...wasmList.map((c) => ({ backend: 'wasm' as const, ...c })), { backend: 'cpu', ...cpuList[0] }];
  const browser = args['no-browser'] ? cells.map(() => null) : await browserRates(cells, ROUNDS);
  console.log('\ninput      filters  torch 1T  wasm Node (% torch)  wasm page worker (% torch)  cpu Node  cpu page');
  for (const [i, c] of wasmList.entries()) {
    const row = [`${c.size}x${c.size}x3`.padEnd(10), String(c.filters).padEnd(8), fmt(torch[i]).padStart(8)];
    row.push(`${fmt(nodeWasm[i]).padStart(9)} (${pct(nodeWasm[i], torch[i])})`.padEnd(19), `${fmt(browser[i]).padStart(16)} (${pct(browser[i], torch[i])})`.padEnd(26));
    row.push(fmt(nodeCpu[i]).padStart(8), (i === 0 ? fmt(browser.at(-1)) : '-').padStart(8));
    console.log(row.join('  '));
  }
  const experiments = args['no-experiment'] ? [] : await digitsExperiments();
  for (const e of experiments) console.log(`digits experiment ${e.family.padEnd(4)} on wasm: ${e.runs} runs x ${e.epochs} epochs, 2 workers: ${e.wallSeconds.toFixed(1)} s wall, best val_accuracy ${e.best.toFixed(3)}`);
  console.log(`load average after: ${loadavg()[0].toFixed(2)}`);
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/bench-conv.json', `${JSON.stringify({ wasmList, cpuList, torch, nodeWasm, nodeCpu, browser, experiments }, null, 2)}\n`);
}

await main();
