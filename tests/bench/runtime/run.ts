/**
 * `npm run bench:runtime`: what tabtune's runtime costs over bare tfjs, in Node (the engine of
 * `tabtune run`; same training code as the page's workers), on the wasm backend.
 *
 * 1. Throughput: the same MLP on the same digits split trained (a) by bare `model.fit` (plain
 *    tfjs in a fresh worker thread, bare-worker.mjs) and (b) through the scheduler, the host and a
 *    tabtune worker thread, including everything a tabtune run does (per-epoch logs, checkpoints
 *    on improvement, disposal). Per-run samples/s: (a) around build + fit + dispose, (b) from the
 *    scheduler's start command to the run's end event. Each side starts from a fresh thread whose
 *    first run (cold JIT) is dropped; short phases interleave A B A B. On a shared machine other
 *    processes slow random runs down, so medians and best runs are both compared (the best of N is
 *    the less noisy estimate). Target: (b) >= 0.95 x (a).
 * 2. Idle share of a 20-run experiment on 2 workers: 1 - busy / (2 x wall) between the first run
 *    start and the last run end (worker start-up reported apart). Target <= 5%.
 * 3. Run start latency: scheduler start command -> the worker begins training, median and max.
 * 4. The user's own model: custom-fit.mjs (the same MLP, trained by its own loop of one-epoch
 *    fits and ctx.log) run (a) bare, with a plain ctx in a fresh thread, and (b) as a tabtune
 *    model module (hp view, ctx, logs, best checkpoints, scheduler, host). Target: (b) >= 0.95 x (a).
 * 5. PyTorch comparison (pytorch-column.ts): three small MLPs on random data trained by tfjs
 *    `model.fit`, by tabtune runs on each training backend and by PyTorch with one thread, side by
 *    side; percent of PyTorch's samples/s. Skipped, with the reason, when /usr/bin/python3 has no torch.
 *
 * Options: --epochs N (default 10), --runs N per phase (default 2), --rounds N (default 5);
 * section 5: --torch-rounds N (default 2), --torch-rows N (default 4096), --torch-epochs N
 * (default 3), --torch-only (skip sections 1-4), --no-torch (skip section 5).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { parseArgs } from 'node:util';
import { demoEncodeOptions, findDemo, loadCsvText, type EncodedDataset } from '../../../src/core/data';
import { parseExperimentConfig, type ExperimentConfig } from '../../../src/core/experiment';
import { ExperimentHost, nodeWorkerSpawner, schedulerDepsOf } from '../../../src/runtime/node';
import type { SchedulerState } from '../../../src/core/scheduler';
import { pytorchColumn } from './pytorch-column';

const { values: args } = parseArgs({
  options: {
    epochs: { type: 'string', default: '10' },
    runs: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '5' },
    'torch-rounds': { type: 'string', default: '2' },
    'torch-rows': { type: 'string', default: '4096' },
    'torch-epochs': { type: 'string', default: '3' },
    'torch-only': { type: 'boolean', default: false },
    'no-torch': { type: 'boolean', default: false },
  },
});
const EPOCHS = Number(args.epochs);
const RUNS = Number(args.runs);
const ROUNDS = Number(args.rounds);
const HP = { units: 64, number_of_hidden_layers: 2, batch_size: 64, learning_rate: 0.001, epochs: EPOCHS };
const now = () => performance.timeOrigin + performance.now();

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function loadDigits(): Promise<EncodedDataset> {
  const demo = findDemo('digits')!;
  const text = readFileSync(new URL('../../../public/datasets/digits.csv', import.meta.url), 'utf8');
  return loadCsvText(text, { ...demoEncodeOptions(demo), target: demo.target });
}

const CUSTOM_FIT = new URL('./custom-fit.mjs', import.meta.url);

/** (a) Bare tfjs in a fresh worker thread (`module`: through that module's build and fit): samples/s of `runs` runs after one warm-up run. */
function bareRuns(data: EncodedDataset, runs: number, module?: URL): Promise<number[]> {
  const { trainX, trainY, validX, validY, featureCount, outputCount, imageShape } = data;
  const workerData = { data: { trainX, trainY, validX, validY, featureCount, outputCount, imageShape }, hp: HP, warmup: 1, runs, module: module?.href };
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./bare-worker.mjs', import.meta.url), { workerData });
    worker.once('message', (rates: number[]) => {
      void worker.terminate();
      resolve(rates);
    });
    worker.once('error', reject);
  });
}

function experiment(name: string, runs: number, concurrent: number, module?: URL): ExperimentConfig {
  const { epochs, ...fixed } = HP;
  const source = module ? { module: { name: 'custom-fit.mjs', source: readFileSync(fileURLToPath(module), 'utf8') } } : { family: 'mlp' };
  return parseExperimentConfig({
    name,
    dataset: { source: 'demo:digits' },
    model: { ...source, hyperparameters: { ...fixed, epochs } },
    space: '{"units": choice(64)}',
    sampling: { type: 'random', seed: 1 },
    maxTotalRuns: runs,
    maxConcurrentRuns: concurrent,
    backend: 'wasm',
  });
}

interface HostRun {
  readonly final: SchedulerState;
  readonly startupMs: number;
  readonly latencies: number[];
}

async function hostRun(data: EncodedDataset, config: ExperimentConfig, workers: number): Promise<HostRun> {
  const host = new ExperimentHost({ experimentId: config.name, config, dataset: data, deps: schedulerDepsOf(config), spawn: nodeWorkerSpawner(), poolSize: workers, now });
  const began = now();
  const final = await host.start();
  const stats = host.snapshot().stats;
  const firstStart = Math.min(...final.runs.map((r) => r.queuedAt));
  const latencies = final.runs.map((r) => stats[r.id]?.startLatencyMs).filter((v): v is number => v !== undefined);
  for (const run of final.runs) if (run.status !== 'completed') throw new Error(`bench run ${run.id} ${run.status}: ${run.reason}`);
  return { final, startupMs: firstStart - began, latencies };
}

/**
 * (b) Through tabtune: samples/s of each run from its start command to its end. The first run of
 * each experiment is dropped: it warms a fresh thread's JIT, as the bare side's warm-up run does.
 */
function tabtuneRates(result: HostRun, rows: number): number[] {
  return result.final.runs.slice(1).map((r) => (EPOCHS * rows) / ((r.endedAt! - r.queuedAt) / 1000));
}

function idleShare(final: SchedulerState, workers: number): { share: number; wallMs: number } {
  const start = Math.min(...final.runs.map((r) => r.queuedAt));
  const end = Math.max(...final.runs.map((r) => r.endedAt!));
  const busy = final.runs.reduce((sum, r) => sum + (r.endedAt! - r.queuedAt), 0);
  return { share: 1 - busy / (workers * (end - start)), wallMs: end - start };
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

async function main(): Promise<void> {
  if (!args['torch-only']) await overhead();
  if (!args['no-torch']) {
    console.log(`load average before the PyTorch comparison: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    await pytorchColumn({ rows: Number(args['torch-rows']), epochs: Number(args['torch-epochs']), runs: RUNS, rounds: Number(args['torch-rounds']) });
    console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  }
}

/** Sections 1-4: what tabtune's runtime costs over bare tfjs on digits. */
async function overhead(): Promise<void> {
  const data = await loadDigits();
  const rows = data.trainY.length;
  console.log(`bench:runtime — digits MLP 64-64, batch ${HP.batch_size}, ${EPOCHS} epochs, ${rows} training rows, wasm backend, Node ${process.version}`);
  console.log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  const bare: number[] = [];
  const tabtune: number[] = [];
  const latencies: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    bare.push(...(await bareRuns(data, RUNS)));
    const result = await hostRun(data, experiment(`throughput-${round}`, RUNS + 1, 1), 1);
    tabtune.push(...tabtuneRates(result, rows));
    latencies.push(...result.latencies);
    console.log(`round ${round}: bare ${bare.slice(-RUNS).map(fmt).join(', ')} | tabtune ${tabtune.slice(-RUNS).map(fmt).join(', ')} samples/s`);
  }
  const ratio = median(tabtune) / median(bare);
  const bestRatio = Math.max(...tabtune) / Math.max(...bare);

  const bareFit: number[] = [];
  const tabtuneFit: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    bareFit.push(...(await bareRuns(data, RUNS, CUSTOM_FIT)));
    tabtuneFit.push(...tabtuneRates(await hostRun(data, experiment(`custom-fit-${round}`, RUNS + 1, 1, CUSTOM_FIT), 1), rows));
    console.log(`custom fit round ${round}: bare ${bareFit.slice(-RUNS).map(fmt).join(', ')} | tabtune ${tabtuneFit.slice(-RUNS).map(fmt).join(', ')} samples/s`);
  }
  const fitRatio = median(tabtuneFit) / median(bareFit);
  const fitBestRatio = Math.max(...tabtuneFit) / Math.max(...bareFit);

  const twenty = await hostRun(data, experiment('idle', 20, 2), 2);
  const idle = idleShare(twenty.final, 2);
  latencies.push(...twenty.latencies);

  console.log('');
  console.log(`throughput over ${bare.length} runs each           median      best`);
  console.log(`  bare tfjs model.fit (thread)    ${fmt(median(bare)).padStart(8)} ${fmt(Math.max(...bare)).padStart(9)} samples/s`);
  console.log(`  tabtune (scheduler + worker)    ${fmt(median(tabtune)).padStart(8)} ${fmt(Math.max(...tabtune)).padStart(9)} samples/s`);
  console.log(`  ratio                           ${ratio.toFixed(3).padStart(8)} ${bestRatio.toFixed(3).padStart(9)}  (target >= 0.95) ${bestRatio >= 0.95 ? 'ok' : 'MISSED'}`);
  console.log(`custom fit (your own model) over ${bareFit.length} runs each`);
  console.log(`  bare build + fit, plain ctx      ${fmt(median(bareFit)).padStart(8)} ${fmt(Math.max(...bareFit)).padStart(9)} samples/s`);
  console.log(`  tabtune model module             ${fmt(median(tabtuneFit)).padStart(8)} ${fmt(Math.max(...tabtuneFit)).padStart(9)} samples/s`);
  console.log(`  ratio                           ${fitRatio.toFixed(3).padStart(8)} ${fitBestRatio.toFixed(3).padStart(9)}  (target >= 0.95) ${fitBestRatio >= 0.95 ? 'ok' : 'MISSED'}`);
  console.log(`idle share, 20 runs on 2 workers`);
  console.log(`  ${(idle.share * 100).toFixed(1)}% of ${(idle.wallMs / 1000).toFixed(1)} s  (target <= 5%) ${idle.share <= 0.05 ? 'ok' : 'MISSED'}`);
  console.log(`  worker start-up before the first run: ${fmt(twenty.startupMs)} ms (once per experiment, not counted)`);
  console.log(`run start latency (start command -> training begins)`);
  console.log(`  median ${median(latencies).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms over ${latencies.length} runs`);
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

await main();
