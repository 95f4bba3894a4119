/** The experiment part of `npm run bench -- conv`: the digits demo, cnn vs mlp, on wasm through tabtune's Node runtime. */
import { readFileSync } from 'node:fs';
import { demoEncodeOptions, findDemo, loadCsvText } from '../../../src/core/data';
import { parseExperimentConfig } from '../../../src/core/experiment';
import { ExperimentHost, nodeWorkerSpawner, schedulerDepsOf } from '../../../src/runtime/node';

export interface ExperimentTiming {
  readonly family: 'cnn' | 'mlp';
  readonly runs: number;
  readonly epochs: number;
  readonly wallSeconds: number;
  readonly best: number;
}

const RUNS = 4;
const EPOCHS = 10;

async function timed(family: 'cnn' | 'mlp'): Promise<ExperimentTiming> {
  const demo = findDemo('digits')!;
  const text = readFileSync(new URL('../../../public/datasets/digits.csv', import.meta.url), 'utf8');
  const data = await loadCsvText(text, { ...demoEncodeOptions(demo), target: demo.target });
  const config = parseExperimentConfig({
    name: `bench-digits-${family}`,
    dataset: { source: 'demo:digits' },
    model: { family, hyperparameters: { epochs: EPOCHS, units: 32, batch_size: 32 } },
    space: '{"learning_rate": loguniform(-7, -4.5)}',
    sampling: { type: 'random', seed: 1 },
    maxTotalRuns: RUNS,
    maxConcurrentRuns: 2,
    backend: 'wasm',
  });
  const host = new ExperimentHost({ experimentId: config.name, config, dataset: data, deps: schedulerDepsOf(config), spawn: nodeWorkerSpawner(), poolSize: 2 });
  const start = performance.now();
  const final = await host.start();
  const wallSeconds = (performance.now() - start) / 1000;
  for (const run of final.runs) if (run.status !== 'completed') throw new Error(`bench run ${run.id} ${run.status}: ${run.reason}`);
  return { family, runs: RUNS, epochs: EPOCHS, wallSeconds, best: Math.max(...final.runs.map((r) => r.best?.value ?? NaN)) };
}

/** Wall time of the same 4-run digits experiment with the cnn and with the mlp. */
export async function digitsExperiments(): Promise<ExperimentTiming[]> {
  return [await timed('cnn'), await timed('mlp')];
}
