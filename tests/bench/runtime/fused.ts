/**
 * `npm run bench -- fused`: per-sample training throughput of small MLPs (issue 13): tfjs wasm
 * `model.fit` (bare, as tabtune's tfjs path trains) vs backend `wasm-fused` (a whole tabtune run
 * through trainRun: seeded order, per-epoch logs, disposal) vs PyTorch one thread
 * (torch-mlp.py, when /usr/bin/python3 has torch), side by side in one run, one thread each.
 * Configs: batch 16 with 3x128 and 1x128 hidden ReLU layers, batch 128 with 1x128; Adam 1e-3;
 * 64 features, 10 classes, random data; 3 timed epochs after a warm-up epoch; best of --rounds.
 * Target: fused >= 0.5 x PyTorch.
 *
 * Options: --rows N (default 4096), --epochs N (default 3), --rounds N (default 3).
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import type { EncodedDataset } from '../../../src/core/data';
import type { TrainRequest } from '../../../src/protocol';
import { setNodeBackend } from '../../../workers/node-backends';
import { datasetTensors, disposeDataset } from '../../../workers/training/data';
import { buildModel } from '../../../workers/training/model';
import { trainRun } from '../../../workers/training/train';
import { resolveHyperparameters } from '../../../src/core/experiment';

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '4096' }, epochs: { type: 'string', default: '3' }, rounds: { type: 'string', default: '3' } } });
const ROWS = Number(args.rows);
const EPOCHS = Number(args.epochs);
const ROUNDS = Number(args.rounds);
const CONFIGS = [
  { batch: 16, layers: 3 },
  { batch: 16, layers: 1 },
  { batch: 128, layers: 1 },
];
type Config = (typeof CONFIGS)[number];

function randomDataset(): EncodedDataset {
  let s = 12345;
  const next = () => ((s = (s * 1103515245 + 12345) >>> 0) / 4294967296) * 2 - 1;
  const trainX = Float32Array.from({ length: ROWS * 64 }, next);
  const trainY = Float32Array.from({ length: ROWS }, () => Math.floor(((next() + 1) / 2) * 10));
  const encoding = { task: 'classification', classLabels: Array.from({ length: 10 }, (_, i) => String(i)) } as unknown as EncodedDataset['encoding'];
  return { id: 'random', name: 'random', source: 'random' as unknown as EncodedDataset['source'], encoding, featureCount: 64, outputCount: 10, trainX, trainY, validX: new Float32Array(0), validY: new Float32Array(0), splitSeed: 0, validationFraction: 0 };
}

const params = (c: Config, epochs: number) => ({ batch_size: c.batch, number_of_hidden_layers: c.layers, units: 128, learning_rate: 0.001, optimizer: 'adam', keep_probability: 1, epochs });

/** Bare tfjs: build, one warm-up epoch, then EPOCHS timed epochs of model.fit. */
async function tfjsRate(dataset: EncodedDataset, c: Config): Promise<number> {
  const data = datasetTensors(dataset);
  const { model, optimizer } = buildModel('mlp', data.shape, resolveHyperparameters(params(c, EPOCHS), {}), 1);
  try {
    await model.fit(data.x, data.y, { epochs: 1, batchSize: c.batch, shuffle: true, verbose: 0, yieldEvery: 'never' });
    const start = performance.now();
    await model.fit(data.x, data.y, { epochs: EPOCHS, batchSize: c.batch, shuffle: true, verbose: 0, yieldEvery: 'never' });
    return (ROWS * EPOCHS) / ((performance.now() - start) / 1000);
  } finally {
    model.dispose();
    optimizer.dispose();
    disposeDataset(data);
  }
}

/** The fused path: a whole tabtune run (trainRun), its own samples/s over EPOCHS epochs after a 1-epoch warm-up run. */
async function fusedRate(dataset: EncodedDataset, c: Config): Promise<number> {
  const data = datasetTensors(dataset);
  const hooks = { started: () => {}, log: () => {}, checkpoint: () => {} };
  const request = (epochs: number): TrainRequest => ({ runId: 'b', family: 'mlp', fixed: {}, params: params(c, epochs), primaryMetricName: 'loss', goal: 'minimize', seed: 1, checkpoints: false });
  try {
    await trainRun(data, request(1), hooks, { stopRequested: () => false }, { fused: true });
    const result = await trainRun(data, request(EPOCHS), hooks, { stopRequested: () => false }, { fused: true });
    if (result.backend !== 'wasm-fused') throw new Error(`fused bench trained on ${result.backend}`);
    return result.samplesPerSecond;
  } finally {
    disposeDataset(data);
  }
}

function torchRates(): (number | null)[] {
  // torch-mlp.py (shared with bench:runtime): ROWS EPOCHS RUNS then BATCH,LAYERS,UNITS per config.
  const specs = CONFIGS.map((c) => `${c.batch},${c.layers},128`);
  const run = spawnSync('/usr/bin/python3', [new URL('./torch-mlp.py', import.meta.url).pathname, String(ROWS), String(EPOCHS), '1', ...specs], { encoding: 'utf8' });
  if (run.status !== 0) return CONFIGS.map(() => null);
  return run.stdout.trim().split('\n').map((line) => Math.max(...(JSON.parse(line) as { samplesPerSecond: number[] }).samplesPerSecond));
}

const best = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
const fmt = (v: number | null) => (v === null ? '-' : Math.round(v).toLocaleString('en-US'));
const ratio = (a: number | null, b: number | null) => (a === null || b === null ? '-' : (a / b).toFixed(2));

await setNodeBackend('wasm');
const dataset = randomDataset();
let torch: (number | null)[] = CONFIGS.map(() => null);
const tfjs: (number | null)[] = CONFIGS.map(() => null);
const fused: (number | null)[] = CONFIGS.map(() => null);
for (let round = 0; round < ROUNDS; round++) {
  const torchRound = torchRates();
  torch = torch.map((v, i) => best(v, torchRound[i] ?? null));
  for (const [i, c] of CONFIGS.entries()) {
    tfjs[i] = best(tfjs[i], await tfjsRate(dataset, c));
    fused[i] = best(fused[i], await fusedRate(dataset, c));
  }
}
console.log(`\nMLP training samples/s, ${ROWS} rows x ${EPOCHS} epochs, Adam, one thread, best of ${ROUNDS} (tensors left: ${tf.memory().numTensors})`);
console.log('config          tfjs wasm fit    wasm-fused   PyTorch 1T   fused/tfjs   fused/PyTorch   tfjs/PyTorch');
CONFIGS.forEach((c, i) => {
  const name = `batch ${c.batch} ${c.layers}x128`.padEnd(16);
  console.log(`${name}${fmt(tfjs[i]).padStart(13)}${fmt(fused[i]).padStart(13)}${fmt(torch[i]).padStart(13)}${ratio(fused[i], tfjs[i]).padStart(13)}${ratio(fused[i], torch[i]).padStart(16)}${ratio(tfjs[i], torch[i]).padStart(15)}`);
});
