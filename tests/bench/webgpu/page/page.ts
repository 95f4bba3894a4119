/**
 * The page of `npm run bench -- webgpu`: each (workload, backend) cell trains in a fresh tabtune
 * training worker (workers/run.worker.ts, spawned as the page's pool spawns it): one untimed
 * warm-up epoch, then about two seconds of timed epochs, under a per-cell time limit. Then `backend: "auto"`
 * calibrates on the workloads of `?auto=` as an experiment would. The result lands in
 * `window.__benchResult` (and `__benchReport`, its text); with `?post=1` progress lines and the
 * result are also POSTed to `./progress` and `./result`, for drivers without Playwright (serve.py).
 *
 * Query: `workloads=` and `backends=` (comma lists), `auto=` (workloads to calibrate, or none),
 * `cell_s=` (seconds per cell before its worker is terminated, default 180).
 */
import * as Comlink from 'comlink';
import { demoEncodeOptions, findDemo, loadCsvText, type EncodedDataset } from '../../../../src/core/data';
import { spawnBrowserWorker, type TrainingBackend, type TrainRequest, type WorkerHandle } from '../../../../src/runtime';
import { DEFAULT_CALIBRATION, fastestBackend } from '../../../../src/runtime/backend-choice';
import { formatReport, type AutoChoice, type Cell, type DeviceInfo, type WebgpuBenchResult } from '../report';
import { WORKLOADS, syntheticImages, workloadRequest, type Workload } from '../workloads';

const params = new URLSearchParams(location.search);
const list = (name: string, fallback: string) => (params.get(name) ?? fallback).split(',').filter(Boolean);
const post = params.get('post') === '1';
const cellSeconds = Number(params.get('cell_s') ?? 180);
const hooks = Comlink.proxy({ started: () => undefined, log: () => undefined, checkpoint: () => undefined });

function progress(line: string): void {
  document.getElementById('log')!.textContent += `${line}\n`;
  console.log(`[bench] ${line}`);
  if (post) void fetch('./progress', { method: 'POST', body: line }).catch(() => undefined);
}

const request = (workload: Workload, runId: string, epochs: number): TrainRequest => workloadRequest(workload, runId, epochs, { learning_rate: 0.001 });

async function deviceInfo(): Promise<DeviceInfo> {
  type Gpu = { requestAdapter(o: object): Promise<{ info?: Record<string, unknown>; isFallbackAdapter?: boolean } | null> };
  const gpu = (navigator as unknown as { gpu?: Gpu }).gpu;
  const adapter = gpu ? await gpu.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null) : null;
  const info = adapter?.info ?? {};
  const text = (key: string) => String(info[key] ?? '');
  let webgl = 'no WebGL2 context';
  try {
    const context = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (context) {
      const ext = context.getExtension('WEBGL_debug_renderer_info');
      webgl = String(context.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : context.RENDERER));
    }
  } catch (error) {
    webgl = `WebGL2 failed: ${String(error)}`;
  }
  return {
    userAgent: navigator.userAgent,
    cores: navigator.hardwareConcurrency,
    webgpu: adapter
      ? { vendor: text('vendor'), architecture: text('architecture'), device: text('device'), description: text('description'), fallback: Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter) }
      : null,
    webgl,
  };
}

/** Rejects after `seconds` (the cell's worker is then terminated, which ends whatever it was doing). */
function limit<T>(promise: Promise<T>, seconds: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`over the cell's limit of ${seconds} s`)), seconds * 1000))]);
}

/** Seconds a cell's timed run aims at: long enough for fast backends, short for slow ones. */
const TARGET_SECONDS = 2;
const MAX_EPOCHS = 200;

/**
 * One cell: an untimed warm-up epoch (shader compilation, JIT), a one-epoch probe, then enough
 * epochs for about TARGET_SECONDS (the probe itself when it took longer).
 */
async function measure(workload: Workload, dataset: EncodedDataset, backend: TrainingBackend): Promise<Cell> {
  const worker: WorkerHandle = spawnBrowserWorker(`${workload.id}-${backend}`);
  let warmupSeconds: number | null = null;
  try {
    return await limit((async () => {
      await worker.api.loadDataset(dataset);
      const active = await worker.api.useBackend(backend);
      let start = performance.now();
      await worker.api.train(request(workload, 'warmup', 1), hooks);
      warmupSeconds = (performance.now() - start) / 1000;
      start = performance.now();
      let result = await worker.api.train(request(workload, 'probe', 1), hooks);
      let timedSeconds = (performance.now() - start) / 1000;
      const epochs = Math.min(MAX_EPOCHS, Math.ceil(TARGET_SECONDS / timedSeconds));
      if (epochs > 1) {
        start = performance.now();
        result = await worker.api.train(request(workload, 'timed', epochs), hooks);
        timedSeconds = (performance.now() - start) / 1000;
      }
      if (result.backend !== active) throw new Error(`trained on ${result.backend}, not ${active}`);
      return { workload: workload.id, backend, samplesPerSecond: result.samplesPerSecond, epochs: result.epochs, warmupSeconds, timedSeconds };
    })(), cellSeconds);
  } catch (error) {
    return { workload: workload.id, backend, samplesPerSecond: null, epochs: 0, warmupSeconds, timedSeconds: null, error: error instanceof Error ? error.message : String(error) };
  } finally {
    worker.terminate();
  }
}

async function calibrateAuto(workload: Workload, dataset: EncodedDataset): Promise<AutoChoice> {
  const worker = spawnBrowserWorker(`auto-${workload.id}`);
  try {
    await worker.api.loadDataset(dataset);
    const { batches, budgetMs } = DEFAULT_CALIBRATION;
    const { fixed } = request(workload, 'auto', 1);
    const results = await worker.api.calibrate({ family: workload.family, params: {}, fixed, batches, budgetMs });
    return { workload: workload.id, results, chosen: fastestBackend(results) };
  } finally {
    worker.terminate();
  }
}

async function main(): Promise<void> {
  const device = await deviceInfo();
  progress(`device: ${JSON.stringify(device)}`);
  const demo = findDemo('digits')!;
  const digits = await loadCsvText(await (await fetch(`./datasets/${demo.file}`)).text(), { ...demoEncodeOptions(demo), target: demo.target });
  const datasetOf = (w: Workload) => (w.data === 'digits' ? digits : syntheticImages(w.id, w.data.rows, w.data.shape));
  const chosen = list('workloads', WORKLOADS.map((w) => w.id).join(','));
  const backends = list('backends', 'webgpu,webgl,wasm,wasm-fused') as TrainingBackend[];
  const cells: Cell[] = [];
  for (const workload of WORKLOADS.filter((w) => chosen.includes(w.id))) {
    const dataset = datasetOf(workload);
    for (const backend of backends) {
      // The fused kernel trains only the built-in mlp; a cnn there would train on plain wasm, measured already.
      if (backend === 'wasm-fused' && workload.family !== 'mlp') continue;
      const cell = await measure(workload, dataset, backend);
      cells.push(cell);
      progress(`${workload.id} ${backend}: ${cell.samplesPerSecond == null ? `failed: ${cell.error}` : `${Math.round(cell.samplesPerSecond)} samples/s (warm-up ${cell.warmupSeconds?.toFixed(1)} s, ${cell.epochs} epochs in ${cell.timedSeconds?.toFixed(1)} s)`}`);
    }
  }
  const auto: AutoChoice[] = [];
  for (const workload of WORKLOADS.filter((w) => list('auto', 'mlp-demo,cnn-32').includes(w.id))) {
    auto.push(await calibrateAuto(workload, datasetOf(workload)));
    progress(`auto on ${workload.id}: ${auto.at(-1)!.chosen}`);
  }
  const result: WebgpuBenchResult = { device, cells, auto };
  const report = formatReport(result);
  Object.assign(window, { __benchResult: result, __benchReport: report });
  if (post) await fetch('./result', { method: 'POST', body: JSON.stringify({ result, report }) });
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? `${error.message}\n${error.stack}` : String(error);
  Object.assign(window, { __benchError: message });
  if (post) void fetch('./result', { method: 'POST', body: JSON.stringify({ error: message }) });
});
