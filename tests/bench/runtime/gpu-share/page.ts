/**
 * The page of `npm run bench -- gpu-share`: N real tabtune training workers (workers/run.worker.ts,
 * spawned as the page's pool spawns them) train the same model at the same time on one backend (the
 * digits MLP 64-64, or with `?workload=` a model of tests/bench/webgpu/workloads.ts). Per
 * (backend, N) it reports the wall time from the common start to the last run's end, after every
 * worker has trained one warm-up epoch (shader compilation, JIT). Results land in
 * `window.__benchResult` (and with `?post=1` are POSTed to `./result`, as tests/bench/webgpu/serve.py expects).
 */
import * as Comlink from 'comlink';
import { demoEncodeOptions, findDemo, loadCsvText } from '../../../../src/core/data';
import { WORKLOADS, syntheticImages, workloadRequest, type Workload } from '../../webgpu/workloads';
import { spawnBrowserWorker, type TrainingBackend, type TrainRequest, type WorkerHandle } from '../../../../src/runtime';

/** One measurement: `workers` runs of `epochs` epochs each over `rows` rows, side by side. */
export interface ShareResult {
  readonly backend: TrainingBackend;
  readonly workers: number;
  readonly epochs: number;
  readonly rows: number;
  readonly wallSeconds: number;
  /** Each worker's own samples/s (fit time), for the spread between workers. */
  readonly perWorker: number[];
  readonly error?: string;
}

const hooks = Comlink.proxy({ started: () => undefined, log: () => undefined, checkpoint: () => undefined });

/** `?workload=` (a model of tests/bench/webgpu/workloads.ts), or the digits MLP 64-64 by default. */
const workload: Workload | undefined = WORKLOADS.find((w) => w.id === new URLSearchParams(location.search).get('workload'));

const request = (runId: string, epochs: number): TrainRequest => workloadRequest(workload ?? { family: 'mlp', units: 64, layers: 2, batch: 64 }, runId, epochs);

async function measure(dataset: Awaited<ReturnType<typeof loadCsvText>>, backend: TrainingBackend, count: number, epochs: number): Promise<ShareResult> {
  const workers: WorkerHandle[] = Array.from({ length: count }, (_, i) => spawnBrowserWorker(`${backend}-${count}-${i}`));
  const rows = dataset.trainY.length;
  try {
    await Promise.all(workers.map(async (w) => {
      await w.api.loadDataset(dataset);
      await w.api.useBackend(backend);
      await w.api.train(request(`warmup-${w.id}`, 1), hooks);
    }));
    const started = performance.now();
    const results = await Promise.all(workers.map((w) => w.api.train(request(`timed-${w.id}`, epochs), hooks)));
    const wallSeconds = (performance.now() - started) / 1000;
    return { backend, workers: count, epochs, rows, wallSeconds, perWorker: results.map((r) => r.samplesPerSecond) };
  } catch (error) {
    return { backend, workers: count, epochs, rows, wallSeconds: NaN, perWorker: [], error: String(error) };
  } finally {
    for (const w of workers) w.terminate();
  }
}

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const backends = (params.get('backends') ?? 'webgpu,wasm').split(',') as TrainingBackend[];
  const counts = (params.get('workers') ?? '1,2,4').split(',').map(Number);
  const epochs = Object.fromEntries(backends.map((b) => [b, Number(params.get(`epochs_${b}`) ?? 2)]));
  const demo = findDemo('digits')!;
  const synthetic = workload && workload.data !== 'digits' ? workload.data : null;
  const dataset = synthetic
    ? syntheticImages(workload!.id, synthetic.rows, synthetic.shape)
    : await loadCsvText(await (await fetch(`/datasets/${demo.file}`)).text(), { ...demoEncodeOptions(demo), target: demo.target });
  const results: ShareResult[] = [];
  for (const backend of backends) {
    for (const count of counts) results.push(await measure(dataset, backend, count, epochs[backend]));
  }
  (window as unknown as { __benchResult: ShareResult[] }).__benchResult = results;
  // `?post=1`: for tests/bench/webgpu/serve.py, the driver of machines without Node.
  if (params.get('post') === '1') {
    const report = results.map((r) => `${r.backend} x${r.workers}: ${r.error ?? `${Math.round((r.workers * r.epochs * r.rows) / r.wallSeconds)} samples/s in all (${r.perWorker.map(Math.round).join(', ')} per worker)`}`);
    await fetch('./result', { method: 'POST', body: JSON.stringify({ result: results, report: report.join('\n') }) });
  }
}

main().catch((error: unknown) => {
  (window as unknown as { __benchError: string }).__benchError = String(error);
});
