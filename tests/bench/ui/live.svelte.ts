/**
 * The live page of `npm run bench:ui`: a whole live Bayesian experiment of 1000 runs with 8 in
 * flight, through the real ExperimentSession (host, scheduler, the two sampler workers) and the
 * real Dashboard. Only training is scripted: in-page fake workers log 6 intervals per run, 40 ms
 * apart, with a value that depends on the configuration, so the sampler has something to model.
 * `?dashboard=0` leaves the Dashboard out, which tells the host's and scheduler's share apart.
 * Every long task (> 50 ms) of the main thread is recorded; results land in `window.__liveResult`.
 */
import type { Remote } from 'comlink';
import { flushSync, mount } from 'svelte';
import { parseExperimentConfig } from '../../../src/core/experiment';
import type { RunWorkerApi, TrainHooks, TrainRequest, TrainResult } from '../../../src/protocol';
import type { SpawnWorker, WorkerHandle } from '../../../src/runtime';
import Dashboard from '../../../src/ui/components/Dashboard.svelte';
import { DashboardState } from '../../../src/ui/state/dashboard.svelte';
import { DEMO_EXPERIMENT } from '../../../src/ui/state/demo';
import { loadECharts } from '../../../src/ui/state/echarts';
import { ExperimentSession } from '../../../src/ui/state/session.svelte';
import { workersSetting } from '../../../src/ui/state/workers-setting.svelte';
import '../../../src/ui/global.css';

/** What the live round measures (read back by run.ts). */
export interface LiveResult {
  dashboard: boolean;
  runs: number;
  inFlight: number;
  seconds: number;
  status: string;
  longTasks: number[];
  /** Long tasks before the experiment started (loading the page and ECharts), not counted above. */
  startupTasks: number[];
  /** For each long task: seconds after start and runs started by then. */
  longTasksAt: [number, number][];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A smooth function of the configuration's numbers, in (0, 1): the accuracy a run climbs to. */
function skillOf(params: TrainRequest['params']): number {
  let s = 0;
  for (const [k, v] of Object.entries(params)) {
    const x = typeof v === 'number' ? Math.log(Math.abs(v) + 1e-6) : String(v).length;
    s += Math.sin(x * (1 + k.length / 7)) ** 2;
  }
  return 0.5 + 0.45 / (1 + s);
}

async function fakeTrain(request: TrainRequest, hooks: TrainHooks, stops: Set<string>): Promise<TrainResult> {
  hooks.started('wasm');
  const skill = skillOf(request.params);
  let epochs = 0;
  for (let epoch = 1; epoch <= 6 && !stops.has(request.runId); epoch++) {
    await sleep(40);
    const acc = skill * (1 - Math.exp(-epoch / 2));
    hooks.log({ epoch, metrics: [['loss', 1 - acc], ['accuracy', acc], ['val_loss', 1.05 - acc], ['val_accuracy', acc]] });
    epochs = epoch;
  }
  return { runId: request.runId, backend: 'wasm', epochs, samplesPerSecond: 1, fitSeconds: 0.03, stoppedEarly: stops.has(request.runId), tensorsBefore: 0, tensorsAfter: 0 };
}

const spawn: SpawnWorker = (id) => {
  const stops = new Set<string>();
  const api: Partial<RunWorkerApi> = {
    loadDataset: async () => undefined,
    useBackend: async () => 'wasm',
    stop: (runId: string) => void stops.add(runId),
    train: (request: TrainRequest, hooks: TrainHooks) => fakeTrain(request, hooks, stops),
  };
  const handle: WorkerHandle = { id, api: api as unknown as Remote<RunWorkerApi>, onCrash: () => undefined, terminate: () => undefined };
  return handle;
};

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const runs = Number(params.get('runs') ?? 1000);
  const inFlight = Number(params.get('inFlight') ?? 8);
  const longTasks: number[] = [];
  const startupTasks: number[] = [];
  const longTasksAt: [number, number][] = [];
  let session: ExperimentSession | null = null;
  let started = performance.now();
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!session || entry.startTime < started) {
        startupTasks.push(entry.duration);
        continue;
      }
      longTasks.push(entry.duration);
      longTasksAt.push([Math.round(entry.startTime - started) / 1000, session?.view?.runs.length ?? 0]);
    }
  }).observe({ type: 'longtask', buffered: false });
  await loadECharts();
  workersSetting.set(inFlight);
  const config = parseExperimentConfig({
    ...DEMO_EXPERIMENT,
    sampling: { type: 'bayesian', seed: 1 },
    backend: 'wasm',
    maxTotalRuns: runs,
    maxConcurrentRuns: inFlight,
    maxDurationMinutes: 60,
    maxFailedRuns: runs,
  });
  session = new ExperimentSession();
  const now = { value: Date.now() };
  const dashboard = new DashboardState(() => session.view, () => now.value);
  const dataset = { trainX: new Float32Array(2), trainY: new Float32Array(1), validX: new Float32Array(2), validY: new Float32Array(1), encoding: null } as never;
  started = performance.now();
  const done = session.start({ config, dataset, experimentId: 'bench-live', spawn });
  if (params.get('dashboard') !== '0') mount(Dashboard, {
    target: document.getElementById('app')!,
    props: { dashboard, warnings: [], exportBlocked: null, exporting: false, experimentNames: {}, onCancel() {}, onStopRun() {}, onExportModel() {}, onExportCsv() {} },
  });
  flushSync();
  await done;
  await sleep(500);
  const result: LiveResult = { dashboard: params.get('dashboard') !== '0', runs: session.view?.runs.length ?? 0, inFlight, seconds: (performance.now() - started) / 1000, status: session.view?.status ?? 'none', longTasks, startupTasks, longTasksAt };
  (window as unknown as { __liveResult: LiveResult }).__liveResult = result;
}

main().catch((error: unknown) => {
  (window as unknown as { __benchError: string }).__benchError = error instanceof Error ? `${error.message}\n${error.stack}` : String(error);
});
