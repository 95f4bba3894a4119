/**
 * The PyTorch section of `npm run bench:runtime` (issue 13): per-sample training throughput of
 * three small MLPs (Adam 1e-3, one thread, random data: 64 features, 10 classes) trained by
 * (a) plain tfjs wasm `model.fit` in a worker thread (mlp-fit-worker.mjs), (b) tabtune runs on
 * each training backend (tabtune-mlp-rate.ts), (c) PyTorch with one thread (Debian's
 * python3-torch under /usr/bin/python3, torch-mlp.py), side by side: per config and round the
 * three back to back, so that a busy spell on a shared machine hits every column. Each cell is
 * per-run samples/s: median and best over all rounds (the best of N is the less noisy estimate
 * under load); the ratio to PyTorch uses the best. Target (issue 13): >= 50% of PyTorch.
 */
import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import type { EncodedDataset } from '../../../src/core/data';
import { randomDataset } from './random-dataset';
import { measuredBackends, tabtuneMlpRates, type MlpConfig } from './tabtune-mlp-rate';

/** The issue's three configurations. */
export const TORCH_CONFIGS: readonly MlpConfig[] = [
  { batch: 16, layers: 3, units: 128 },
  { batch: 16, layers: 1, units: 128 },
  { batch: 128, layers: 1, units: 128 },
];

/** Options of the section: training rows (validation: 1/8 of that, tabtune only), epochs per run, timed runs per round, rounds. */
export interface PytorchColumnOptions {
  readonly rows: number;
  readonly epochs: number;
  readonly runs: number;
  readonly rounds: number;
}

const PYTHON = '/usr/bin/python3';

/** PyTorch's per-run samples/s of `config` (its own process: a warm-up run, then `runs` timed), or the reason it cannot run. */
function torchRates(config: MlpConfig, options: PytorchColumnOptions): number[] | string {
  const spec = `${config.batch},${config.layers},${config.units}`;
  const script = new URL('./torch-mlp.py', import.meta.url).pathname;
  const run = spawnSync(PYTHON, [script, String(options.rows), String(options.epochs), String(options.runs), spec], { encoding: 'utf8' });
  if (run.status !== 0) return (run.stderr || run.error?.message || `exit ${run.status}`).trim().split('\n').at(-1)!;
  return (JSON.parse(run.stdout.trim()) as { samplesPerSecond: number[] }).samplesPerSecond;
}

/** Plain tfjs `model.fit` in a fresh worker thread: samples/s of `runs` runs after a warm-up run. */
function fitRates(data: EncodedDataset, config: MlpConfig, options: PytorchColumnOptions): Promise<number[]> {
  const { trainX, trainY, featureCount, outputCount } = data;
  const workerData = { trainX, trainY, featureCount, outputCount, config, epochs: options.epochs, runs: options.runs };
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./mlp-fit-worker.mjs', import.meta.url), { workerData });
    worker.once('message', (rates: number[]) => {
      void worker.terminate();
      resolve(rates);
    });
    worker.once('error', reject);
  });
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const cell = (xs: readonly number[]) => (xs.length === 0 ? '-' : `${fmt(median(xs))} / ${fmt(Math.max(...xs))}`);
const pct = (xs: readonly number[], torch: readonly number[]) => (xs.length && torch.length ? `${((100 * Math.max(...xs)) / Math.max(...torch)).toFixed(1)}%` : '-');

/** Runs the section and prints its table (one line per config). */
export async function pytorchColumn(options: PytorchColumnOptions): Promise<void> {
  const data = randomDataset(options.rows, Math.round(options.rows / 8));
  const backends = measuredBackends();
  const columns = ['fit', ...backends.map((b) => `tabtune ${b}`), 'torch'];
  const rates = TORCH_CONFIGS.map(() => new Map(columns.map((c) => [c, [] as number[]])));
  const ranOn = new Set<string>();
  let torchSkipped = '';
  console.log(`\nPyTorch comparison: random data ${options.rows} x 64, 10 classes, ${options.epochs} epochs, Adam 1e-3, 1 thread, ${options.rounds} rounds x ${options.runs} runs; tabtune backends: ${backends.join(', ')}`);
  for (let round = 1; round <= options.rounds; round++) {
    for (const [i, config] of TORCH_CONFIGS.entries()) {
      const row = rates[i];
      const torch = torchRates(config, options);
      if (typeof torch === 'string') torchSkipped = torch;
      else row.get('torch')!.push(...torch);
      row.get('fit')!.push(...(await fitRates(data, config, options)));
      for (const backend of backends) {
        const result = await tabtuneMlpRates(data, config, backend, options.epochs, options.runs);
        row.get(`tabtune ${backend}`)!.push(...result.wall);
        for (const b of result.ranOn) ranOn.add(`${backend} -> ${b}`);
      }
      console.log(`round ${round}, batch ${config.batch}, ${config.layers}x${config.units}: ${columns.map((c) => `${c} ${row.get(c)!.slice(-options.runs).map(fmt).join(', ')}`).join(' | ')}`);
    }
  }
  if (torchSkipped) console.log(`PyTorch column skipped: ${PYTHON}: ${torchSkipped} (install Debian's python3-torch)`);
  console.log(`\nsamples/s per run, median / best; % = best / PyTorch's best (target >= 50%); tabtune backends ran on: ${[...ranOn].join(', ')}`);
  console.log(['batch, layers'.padEnd(14), ...columns.map((c) => c.padStart(26))].join(''));
  for (const [i, c] of TORCH_CONFIGS.entries()) {
    const row = rates[i];
    const torch = row.get('torch')!;
    const cells = columns.map((col) => (col === 'torch' ? cell(torch) : `${cell(row.get(col)!)} (${pct(row.get(col)!, torch)})`));
    console.log([`${c.batch}, ${c.layers}x${c.units}`.padEnd(14), ...cells.map((s) => s.padStart(26))].join(''));
  }
}
