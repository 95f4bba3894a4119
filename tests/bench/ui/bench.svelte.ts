/**
 * The page of `npm run bench:ui`: the real Dashboard component over a synthetic live experiment
 * of 1000 runs, replaced every 200 ms as the session does. Per update it measures the Svelte
 * update (flushSync) plus the chart redraws that follow in the next animation frame, and records
 * every long task (> 50 ms) the browser reports. Results land in `window.__benchResult`.
 */
import { flushSync, mount } from 'svelte';
import Dashboard from '../../../src/ui/components/Dashboard.svelte';
import { DashboardState } from '../../../src/ui/state/dashboard.svelte';
import { loadECharts } from '../../../src/ui/state/echarts';
import type { ExperimentView } from '../../../src/ui/state/live';
import '../../../src/ui/global.css';
import { advance, syntheticView } from './synthetic';

/** What one bench round measures in the page (read back by run.ts). */
export interface BenchResult {
  runs: number;
  updates: number;
  mountMs: number;
  updateMs: number[];
  svelteMs: number[];
  /** Indexes of the updates that redrew the parallel plot (at most once per second while live). */
  parallelUpdates: number[];
  /** Parameter importance results that arrived from the analysis worker during the updates. */
  importanceResults: number;
  longTasks: number[];
}

class Source {
  view = $state.raw<ExperimentView | null>(null);
  now = $state(Date.now());
}

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Resolves in a task posted now, i.e. after the chart redraw that the frame's callback posted
 * (redraw-queue.ts runs each redraw in a message task posted from its frame callback; posted
 * messages run in order).
 */
const afterPostedTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const total = Number(params.get('runs') ?? 1000);
  const updates = Number(params.get('updates') ?? 40);
  const longTasks: number[] = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: false });

  await loadECharts();
  const source = new Source();
  const dashboard = new DashboardState(() => source.view, () => source.now);
  let view = syntheticView(total);
  const t0 = performance.now();
  source.view = view;
  mount(Dashboard, {
    target: document.getElementById('app')!,
    props: { dashboard, warnings: [], exportBlocked: null, exporting: false, experimentNames: {}, onCancel() {}, onStopRun() {}, onExportModel() {}, onExportCsv() {} },
  });
  flushSync();
  await frame();
  const mountMs = performance.now() - t0;
  await sleep(1500); // charts created (their ECharts instances init after load), first draws done
  longTasks.length = 0;

  const updateMs: number[] = [];
  const svelteParts: number[] = [];
  const parallelUpdates: number[] = [];
  const importanceKeys = new Set<string>();
  for (let step = 1; step <= updates; step++) {
    await sleep(200);
    view = advance(view, step);
    const before = dashboard.parallel;
    const start = performance.now();
    source.view = view;
    source.now = Date.now();
    flushSync();
    const svelteMs = performance.now() - start;
    const frameStart = await frame();
    // The frame's chart redraw runs in a task its rAF callback (registered before this one) posted.
    await afterPostedTask();
    updateMs.push(svelteMs + Math.max(0, performance.now() - frameStart));
    svelteParts.push(svelteMs);
    if (dashboard.parallel !== before) parallelUpdates.push(step - 1);
    if (dashboard.importance.key) importanceKeys.add(dashboard.importance.key);
  }
  await sleep(500);
  const result: BenchResult = { runs: total, updates, mountMs, updateMs, svelteMs: svelteParts, parallelUpdates, importanceResults: importanceKeys.size, longTasks };
  (window as unknown as { __benchResult: BenchResult }).__benchResult = result;
}

main().catch((error: unknown) => {
  (window as unknown as { __benchError: string }).__benchError = error instanceof Error ? `${error.message}\n${error.stack}` : String(error);
});
