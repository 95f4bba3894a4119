/**
 * The page of `npm run bench -- conv`: one module worker, set up as tabtune's training workers
 * are, measures each (backend, config) of the query `?cells=` (JSON). Results land in
 * `window.__benchResult` (samples/s, null where it failed, with `window.__benchErrors`).
 */
import * as Comlink from 'comlink';
import type { BackendName } from '../../../../workers/backends';
import type { CnnConfig } from '../cnn-rate';
import type { ConvBenchApi } from './bench.worker';

type Cell = { backend: BackendName } & CnnConfig;
type BenchWindow = { __benchResult?: (number | null)[]; __benchErrors?: string[] };

async function main(): Promise<void> {
  const cells = JSON.parse(new URLSearchParams(location.search).get('cells') ?? '[]') as Cell[];
  const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<ConvBenchApi>(worker);
  const rates: (number | null)[] = [];
  const errors: string[] = [];
  for (const { backend, ...config } of cells) {
    try {
      rates.push(await api.rate(backend, config));
    } catch (error) {
      rates.push(null);
      errors.push(`${backend} ${JSON.stringify(config)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  worker.terminate();
  Object.assign(window as BenchWindow, { __benchResult: rates, __benchErrors: errors });
}

void main();
