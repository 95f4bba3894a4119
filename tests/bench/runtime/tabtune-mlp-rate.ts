/**
 * The tabtune column of the PyTorch comparison in `npm run bench:runtime`: a fixed MLP trained as
 * tabtune runs, through the scheduler, the host and a worker thread (what a user of `tabtune run`
 * gets: per-epoch validation and logs, best checkpoints, disposal), on each training backend.
 */
import { BACKEND_CHOICES, parseExperimentConfig } from '../../../src/core/experiment';
import type { EncodedDataset } from '../../../src/core/data';
import { ExperimentHost, nodeWorkerSpawner, schedulerDepsOf } from '../../../src/runtime/node';

/** One throughput configuration: batch size, hidden layers, units per layer (ReLU, Adam 1e-3). */
export interface MlpConfig {
  readonly batch: number;
  readonly layers: number;
  readonly units: number;
}

/**
 * Backends always measured. The fused backend of issue 13 (`wasm-fused`) needs no edit here: it
 * joins by itself once BACKEND_CHOICES lists it (see {@link measuredBackends}).
 */
const BACKENDS = ['wasm'] as const;
const WHEN_AVAILABLE = ['wasm-fused'] as const;

/** The tabtune backends this bench measures: {@link BACKENDS} plus those of WHEN_AVAILABLE the experiment file accepts today. */
export function measuredBackends(): string[] {
  const choices = BACKEND_CHOICES as readonly string[];
  return [...BACKENDS, ...WHEN_AVAILABLE.filter((b) => choices.includes(b))];
}

/** Per-run samples/s of one tabtune experiment: start command to end event, and the worker's own fit figure. */
export interface TabtuneRates {
  readonly wall: number[];
  readonly fit: number[];
  /** The tfjs backend each timed run reported. */
  readonly ranOn: string[];
}

/**
 * `runs` + 1 runs of `config` for `epochs` epochs on `backend`, one at a time on one worker; the
 * first (cold JIT of a fresh thread) is dropped. Samples/s count training rows only.
 */
export async function tabtuneMlpRates(data: EncodedDataset, config: MlpConfig, backend: string, epochs: number, runs: number): Promise<TabtuneRates> {
  const experiment = parseExperimentConfig({
    name: `torch-column-${config.batch}-${config.layers}x${config.units}-${backend}`,
    dataset: { source: data.source },
    model: { family: 'mlp', hyperparameters: { batch_size: config.batch, number_of_hidden_layers: config.layers, learning_rate: 0.001, epochs } },
    space: `{"units": choice(${config.units})}`,
    sampling: { type: 'random', seed: 1 },
    maxTotalRuns: runs + 1,
    maxConcurrentRuns: 1,
    backend,
  });
  const host = new ExperimentHost({ experimentId: experiment.name, config: experiment, dataset: data, deps: schedulerDepsOf(experiment), spawn: nodeWorkerSpawner(), poolSize: 1 });
  const final = await host.start();
  const stats = host.snapshot().stats;
  const timed = final.runs.slice(1);
  for (const run of final.runs) if (run.status !== 'completed') throw new Error(`bench run ${run.id} ${run.status}: ${run.reason}`);
  const rows = data.trainY.length;
  return {
    wall: timed.map((r) => (epochs * rows) / ((r.endedAt! - r.queuedAt) / 1000)),
    fit: timed.map((r) => stats[r.id]?.result?.samplesPerSecond ?? NaN),
    ranOn: timed.map((r) => r.backend ?? '?'),
  };
}
