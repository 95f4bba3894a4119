/**
 * The live page of `npm run bench:ui`: a whole live Bayesian experiment of 1000 runs with 8 in
 * flight, through the real ExperimentSession (host, scheduler, the two sampler workers) and the
 * real Dashboard. Only training is scripted: in-page fake workers log 6 intervals per run, 40 ms
 * apart, with a value that depends on the configuration, so the sampler has something to model.
 * `?dashboard=0` leaves the Dashboard out, which tells the host's and scheduler's share apart.
 * Runs, metrics and progress are recorded to IndexedDB as in the app (a Recorder on a fresh
 * database); `?store=0` leaves that out.
 * Every long task (> 50 ms) of the main thread is recorded, with its attribution from the Long
 * Animation Frames API (the scripts that ran in the frame: where they were called from and how
 * long each took; run.ts maps their positions back to source files), and the longest gap between
 * two animation frames; results land in `window.__liveResult`.
 */
import type { Remote } from 'comlink';
import { flushSync, mount } from 'svelte';
import { parseExperimentConfig } from '../../../src/core/experiment';
import { createExperiment, openTabtuneDB, Recorder } from '../../../src/persistence';
import type { RunWorkerApi, TrainHooks, TrainRequest, TrainResult } from '../../../src/protocol';
import type { SpawnWorker, WorkerHandle } from '../../../src/runtime';
import Dashboard from '../../../src/ui/components/Dashboard.svelte';
import { DashboardState } from '../../../src/ui/state/dashboard.svelte';
import { DEMO_EXPERIMENT } from '../../../src/ui/state/demo';
import { warmECharts } from '../../../src/ui/state/echarts-warm';
import { ExperimentSession } from '../../../src/ui/state/session.svelte';
import { workersSetting } from '../../../src/ui/state/workers-setting.svelte';
import '../../../src/ui/global.css';

/** What the live round measures (read back by run.ts). */
export interface LiveResult {
  dashboard: boolean;
  /** Whether runs were recorded to IndexedDB. */
  stored: boolean;
  runs: number;
  inFlight: number;
  seconds: number;
  status: string;
  longTasks: number[];
  /** Long tasks before the experiment started (loading the page and ECharts), not counted above. */
  startupTasks: number[];
  /** For each long task: seconds after start and runs started by then. */
  longTasksAt: [number, number][];
  /** Long animation frames over 50 ms after the start, with the scripts that ran in them. */
  longFrames: LongFrame[];
  /** The longest gap between two animation frames after the start (ms). */
  longestFrameGapMs: number;
  /** The dashboard's analyses (importance, contour): computations and their total time in ms. */
  analyses: { computations: number; ms: number };
}

/** A script of a long animation frame (PerformanceScriptTiming, plain data). */
export interface FrameScript {
  invoker: string;
  invokerType: string;
  sourceURL: string;
  sourceFunctionName: string;
  sourceCharPosition: number;
  duration: number;
  forcedStyleAndLayoutDuration: number;
}

/** A long animation frame (PerformanceLongAnimationFrameTiming, plain data). */
export interface LongFrame {
  /** Seconds after the start. */
  at: number;
  duration: number;
  blockingDuration: number;
  /** Time spent on style, layout and paint at the end of the frame (after its scripts). */
  renderMs: number;
  scripts: FrameScript[];
}

interface LoafEntry extends PerformanceEntry {
  blockingDuration: number;
  styleAndLayoutStart: number;
  scripts: (FrameScript & PerformanceEntry)[];
}

/** Tracks the longest gap between two animation frames that both came after `from()` (ms). */
function frameGaps(from: () => number): { longest: number; stop(): void } {
  const gaps = { longest: 0, stop: () => void (stopped = true) };
  let stopped = false;
  let last = 0;
  const frame = (t: number) => {
    if (stopped) return;
    if (last > 0 && last >= from()) gaps.longest = Math.max(gaps.longest, t - last);
    last = t;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  return gaps;
}

/** A timer whose callback is this file's (so a long frame's script attribution names it): the scripted training's epochs. */
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(() => resolve(), ms));

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
  const longFrames: LongFrame[] = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as LoafEntry[]) {
      if (!session || entry.startTime < started || entry.duration <= 50) continue;
      longFrames.push({
        at: Math.round(entry.startTime - started) / 1000,
        duration: entry.duration,
        blockingDuration: entry.blockingDuration,
        renderMs: entry.styleAndLayoutStart > 0 ? entry.startTime + entry.duration - entry.styleAndLayoutStart : 0,
        scripts: entry.scripts.map((x) => ({
          invoker: x.invoker,
          invokerType: x.invokerType,
          sourceURL: x.sourceURL,
          sourceFunctionName: x.sourceFunctionName,
          sourceCharPosition: x.sourceCharPosition,
          duration: x.duration,
          forcedStyleAndLayoutDuration: x.forcedStyleAndLayoutDuration,
        })),
      });
    }
  }).observe({ type: 'long-animation-frame', buffered: false });
  const gaps = frameGaps(() => started);
  // As the app does when the page is first idle (main.ts): ECharts loaded and warmed up.
  await warmECharts();
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
  // The session's clock, as the app's dashboard has it (app.svelte.ts): it ticks every second
  // while live, which lets the parallel plot, the slice plots and the timeline redraw.
  const dashboard = new DashboardState(() => session.view, () => session.now);
  const dataset = { trainX: new Float32Array(2), trainY: new Float32Array(1), validX: new Float32Array(2), validY: new Float32Array(1), encoding: null } as never;
  const db = params.get('store') === '0' ? null : await openTabtuneDB(`bench-live-${Date.now()}`);
  if (db) await createExperiment(db, { config, id: 'bench-live' });
  const recorder = db ? new Recorder({ db, experimentId: 'bench-live', primaryMetricName: config.primaryMetricName }) : null;
  started = performance.now();
  // For the trace (run.ts): its tasks before this mark are page loading.
  performance.mark('tabtune-live-start');
  const done = session.start({ config, dataset, experimentId: 'bench-live', spawn, ...(recorder ? { store: recorder } : {}) });
  if (params.get('dashboard') !== '0') mount(Dashboard, {
    target: document.getElementById('app')!,
    props: { dashboard, warnings: [], exportBlocked: null, exporting: false, experimentNames: {}, onCancel() {}, onStopRun() {}, onExportModel() {}, onExportCsv() {} },
  });
  flushSync();
  await done;
  await recorder?.close();
  gaps.stop();
  await sleep(500);
  const result: LiveResult = { dashboard: params.get('dashboard') !== '0', stored: recorder !== null, runs: session.view?.runs.length ?? 0, inFlight, seconds: (performance.now() - started) / 1000, status: session.view?.status ?? 'none', longTasks, startupTasks, longTasksAt, longFrames, longestFrameGapMs: gaps.longest, analyses: { computations: dashboard.importance.spent.computations + dashboard.contour.spent.computations, ms: Math.round(dashboard.importance.spent.ms + dashboard.contour.spent.ms) } };
  (window as unknown as { __liveResult: LiveResult }).__liveResult = result;
}

main().catch((error: unknown) => {
  (window as unknown as { __benchError: string }).__benchError = error instanceof Error ? `${error.message}\n${error.stack}` : String(error);
});
