/**
 * `npm run bench:ui`: is the dashboard responsive with 1000 runs? Builds a bench page that mounts
 * the real Dashboard over a synthetic live experiment of 1000 runs (16 running, each logging an
 * interval of four metrics per update) and replaces the experiment view every 200 ms, as the live
 * session does. In headless Chromium it measures the time per dashboard update (the Svelte update,
 * the frame's rendering, and the chart redraw that the frame posts as a task of its own; the
 * parallel plot redraws at most every 2 s, in an idle callback of its own; the slice plots with
 * it; parameter importance in its worker, counted as the results that came back) and the longest
 * main-thread task (Long Tasks API, which reports every task over 50 ms, the parallel plot's
 * included). Targets: <= 50 ms each.
 *
 * This machine is shared, and a descheduled renderer shows up as a long task that is none of the
 * page's doing; so the bench runs several rounds in fresh pages and reports the median round.
 *
 * Then a live round (live.svelte.ts): a whole live Bayesian experiment of --live-runs runs (1000)
 * with 8 in flight through the real session, host, scheduler and sampler workers (training is
 * scripted), recording every main-thread task over 50 ms from start to finish, each with what ran
 * in it (Long Animation Frames API: the scripts, their callers and durations, mapped back to source
 * files through the build's source maps; time no script accounts for is rendering, garbage
 * collection or the renderer being descheduled), each long task's CPU time from a light Chromium
 * trace (trace.ts: a task much longer on the wall than on the CPU is the renderer descheduled by a
 * busy machine), and the longest gap between two frames.
 *
 * Options: --runs N (default 1000), --updates N per round (default 40), --rounds N (default 3),
 * --live-runs N (1000; 0 skips the live round), --live-repeat N (1: live rounds with and without
 * the Dashboard, each N times), --trace (a full Chromium trace of each live round, trace.ts: what
 * ran in each task over 50 ms, garbage collection included; it slows the page, so counts under it
 * are not the figure; without it a light trace gives each long task's CPU time only), --profile (a
 * sampling CPU profile of each live round, profile.ts: the main thread's self time by source file
 * and line; it slows the page a little, so counts under it are not the figure either).
 * After the live rounds, one line each for the rounds with and without the Dashboard: how many had
 * a main-thread task over 50 ms, and the main thread's CPU time.
 * Writes test-results/bench-ui.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, preview } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { chromium, type Browser } from 'playwright-core';
import type { BenchResult } from './bench.svelte';
import type { LiveResult, LongFrame } from './live.svelte';
import { SourceMaps } from './source-map';
import { Tracer, type MainThreadTotal, type TracedTask } from './trace';
import { hotspots, startProfile } from './profile';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '1000' },
    updates: { type: 'string', default: '40' },
    rounds: { type: 'string', default: '3' },
    'live-runs': { type: 'string', default: '1000' },
    'live-repeat': { type: 'string', default: '1' },
    trace: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
});
const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../../.tmp/bench-ui', import.meta.url));
const TARGET_MS = 50;


interface Round {
  mountMs: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  svelteMedianMs: number;
  parallelRedraws: number;
  importanceResults: number;
  longTasks: number;
  longestTaskMs: number;
  errors: string[];
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

async function oneRound(browser: Browser, url: string): Promise<Round> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${url}?runs=${args.runs}&updates=${args.updates}`);
  await page.waitForFunction(() => '__benchResult' in window || '__benchError' in window, undefined, { timeout: 300_000 });
  const failure = await page.evaluate(() => (window as unknown as { __benchError?: string }).__benchError);
  if (failure) throw new Error(failure);
  const r = (await page.evaluate(() => (window as unknown as { __benchResult: BenchResult }).__benchResult)) as BenchResult;
  await page.close();
  return {
    mountMs: Math.round(r.mountMs),
    medianMs: round1(quantile(r.updateMs, 0.5)),
    p95Ms: round1(quantile(r.updateMs, 0.95)),
    maxMs: round1(Math.max(...r.updateMs)),
    svelteMedianMs: round1(quantile(r.svelteMs, 0.5)),
    parallelRedraws: r.parallelUpdates.length,
    importanceResults: r.importanceResults,
    longTasks: r.longTasks.length,
    longestTaskMs: Math.round(Math.max(0, ...r.longTasks)),
    errors,
  };
}

/** The live Bayesian experiment round: its long tasks, from start to finish. */
async function liveRound(browser: Browser, url: string, dashboard: boolean): Promise<LiveRound> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const tracer = new Tracer(args.trace);
  await tracer.start(page);
  const profiler = args.profile ? await startProfile(page) : null;
  await page.goto(`${url}live.html?runs=${args['live-runs']}&inFlight=8&dashboard=${dashboard ? 1 : 0}`);
  await page.waitForFunction(() => '__liveResult' in window || '__benchError' in window, undefined, { timeout: 900_000, polling: 1000 });
  const failure = await page.evaluate(() => (window as unknown as { __benchError?: string }).__benchError);
  if (failure) throw new Error(failure);
  const r = (await page.evaluate(() => (window as unknown as { __liveResult: LiveResult }).__liveResult)) as LiveResult;
  const profile = await profiler?.stop();
  const { tasks: traced, mainThread } = await tracer.stop();
  await page.close();
  return { ...r, errors, load: loadavg()[0], traced, mainThread, ...(profile ? { profile } : {}) };
}

type LiveRound = LiveResult & { errors: string[]; load: number; traced: TracedTask[]; mainThread: MainThreadTotal; profile?: Parameters<typeof hotspots>[0] };

/** One long frame in a line: its scripts (longest first, with caller and source), rendering, and the rest. */
function describeFrame(frame: LongFrame, maps: SourceMaps): string {
  const scripts = [...frame.scripts].sort((a, b) => b.duration - a.duration);
  const scriptMs = scripts.reduce((sum, x) => sum + x.duration, 0);
  const rest = Math.max(0, frame.duration - scriptMs - frame.renderMs);
  const named = scripts.slice(0, 3).map((x) => {
    const where = maps.resolve(x.sourceURL, x.sourceCharPosition);
    const fn = x.sourceFunctionName ? ` ${x.sourceFunctionName}` : '';
    return `${Math.round(x.duration)} ms ${x.invokerType} "${x.invoker}" in ${where}${fn}`;
  });
  if (scripts.length > 3) named.push(`${scripts.length - 3} more`);
  const parts = [`scripts ${Math.round(scriptMs)} ms${named.length > 0 ? ` [${named.join('; ')}]` : ''}`, `render ${Math.round(frame.renderMs)} ms`, `outside scripts and render ${Math.round(rest)} ms`];
  return `${Math.round(frame.duration)} ms frame at ${frame.at} s: ${parts.join(', ')}`;
}

function reportLive(live: LiveRound, maps: SourceMaps): boolean {
  const longest = Math.round(Math.max(0, ...live.longTasks));
  const what = live.dashboard ? 'with the Dashboard' : 'without the Dashboard (host, scheduler, sampler workers)';
  console.log(`live Bayesian experiment ${what}${live.stored ? ', recorded to IndexedDB' : ''}: ${live.runs} runs, ${live.inFlight} in flight, ${live.status} in ${live.seconds.toFixed(0)} s (load average ${live.load.toFixed(1)})`);
  console.log(`  main-thread tasks over 50 ms: ${live.longTasks.length}, longest ${longest} ms (target: none); longest gap between frames ${Math.round(live.longestFrameGapMs)} ms`);
  if (live.dashboard) console.log(`  analyses (importance and contour, in the analysis worker): ${live.analyses.computations} computations, ${(live.analyses.ms / 1000).toFixed(1)} s of them in ${live.seconds.toFixed(0)} s`);
  console.log(`  (before it started, loading the page: ${live.startupTasks.map((ms) => `${Math.round(ms)} ms`).join(', ') || 'no long task'})`);
  if (live.longTasks.length > 0) console.log(`    at (s, runs): ${live.longTasks.map((ms, i) => `${Math.round(ms)} ms (${live.longTasksAt[i][0]}, ${live.longTasksAt[i][1]})`).join(', ')}`);
  const bySource = new Map<string, { ms: number; frames: number }>();
  for (const frame of live.longFrames) {
    for (const x of frame.scripts) {
      const key = `${x.invokerType} ${maps.resolve(x.sourceURL, x.sourceCharPosition)}`;
      const entry = bySource.get(key) ?? { ms: 0, frames: 0 };
      bySource.set(key, { ms: entry.ms + x.duration, frames: entry.frames + 1 });
    }
  }
  const sources = [...bySource.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 8);
  if (sources.length > 0) {
    console.log(`  script time in the ${live.longFrames.length} frames over 50 ms, by source: ${sources.map(([k, v]) => `${k} ${Math.round(v.ms)} ms (${v.frames}x)`).join('; ')}`);
    console.log('  (live.svelte.ts timers: a scripted epoch, i.e. the host handling its log; comlink: a sampler worker\'s answer; throttle.ts: the session\'s view update and the Svelte update it causes; EChart.svelte: a chart redraw; idb: IndexedDB)');
  }
  const longestFrames = [...live.longFrames].sort((a, b) => b.duration - a.duration).slice(0, 10);
  if (longestFrames.length > 0) console.log(`  the ${longestFrames.length} longest frames (test-results/bench-ui.json has every one):`);
  for (const frame of longestFrames) console.log(`    ${describeFrame(frame, maps)}`);
  const onCpu = live.traced.filter((t) => t.cpuMs > TARGET_MS);
  const cpu = live.traced.map((t) => t.cpuMs);
  const { mainThread } = live;
  console.log(`  traced${args.trace ? ' (full trace, so slower)' : ''} from the start: main thread busy ${mainThread.cpuSeconds} s on the CPU (${mainThread.wallSeconds} s on the wall) in ${mainThread.tasks} tasks; ${live.traced.length} tasks over 50 ms on the wall, ${onCpu.length} of them over 50 ms on the CPU (longest ${Math.max(0, ...cpu)} ms, median ${quantile(cpu, 0.5)} ms)${live.traced.length > onCpu.length ? ': the others are over 50 ms only on the wall (the renderer waited for a CPU)' : ''}`);
  for (const t of args.trace ? live.traced : onCpu) console.log(`    ${t.ms} ms task (${t.cpuMs} ms on the CPU) at ${t.at} s${t.parts.length > 0 ? `: ${t.parts.slice(0, 6).map(([k, ms]) => `${k} ${ms} ms`).join('; ')}` : ''}`);
  if (live.profile) {
    const { files, lines, totalMs } = hotspots(live.profile, maps);
    const list = (h: [string, number][]) => h.map(([k, ms]) => `${k} ${(ms / 1000).toFixed(2)} s`).join('; ');
    console.log(`  profiled: ${(totalMs / 1000).toFixed(2)} s of script and native self time on the main thread; by file: ${list(files)}`);
    console.log(`  by line: ${list(lines)}`);
  }
  if (live.errors.length > 0) console.log(`  page errors: ${live.errors.join('; ')}`);
  return live.longTasks.length === 0 && live.errors.length === 0 && live.status === 'completed';
}

async function main(): Promise<void> {
  const input = { main: `${root}index.html`, live: `${root}live.html` };
  await build({ root, configFile: false, logLevel: 'warn', plugins: [svelte({ configFile: false })], worker: { format: 'es' }, build: { outDir, emptyOutDir: true, sourcemap: true, target: 'es2022', chunkSizeWarningLimit: 4096, rollupOptions: { input } } });
  const server = await preview({ root, configFile: false, logLevel: 'warn', build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-quic', '--no-first-run'] });
  const rounds: Round[] = [];
  const live: LiveRound[] = [];
  try {
    for (let i = 0; i < Number(args.rounds); i++) rounds.push(await oneRound(browser, url));
    for (let i = 0; Number(args['live-runs']) > 0 && i < Number(args['live-repeat']); i++) {
      live.push(await liveRound(browser, url, true), await liveRound(browser, url, false));
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const median = (pick: (r: Round) => number) => quantile(rounds.map(pick), 0.5);
  const load = loadavg()[0];
  const summary = {
    runs: Number(args.runs),
    updatesPerRound: Number(args.updates),
    rounds: rounds.length,
    updateMedianMs: median((r) => r.medianMs),
    updateP95Ms: median((r) => r.p95Ms),
    longestTaskMs: median((r) => r.longestTaskMs),
    errors: [...new Set(rounds.flatMap((r) => r.errors))],
    loadAverage: round1(load),
    cores: availableParallelism(),
  };
  mkdirSync('test-results', { recursive: true });
  // Profiles are summarised in the report, not stored (megabytes each).
  writeFileSync('test-results/bench-ui.json', `${JSON.stringify({ summary, rounds, live: live.map(({ profile: _, ...round }) => round) }, null, 2)}\n`);
  console.log(`bench:ui — dashboard with ${summary.runs} runs, ${summary.updatesPerRound} live updates per round (one every 200 ms), ${summary.rounds} rounds`);
  console.log(`machine: ${summary.cores} cores, load average ${summary.loadAverage} (a busy machine inflates every figure)`);
  console.log('round  first render  update median  p95    max    (svelte)  parallel redraws  importance results  long tasks  longest task');
  rounds.forEach((r, i) => {
    const cells = [`${i + 1}`.padEnd(6), `${r.mountMs} ms`.padEnd(13), `${r.medianMs} ms`.padEnd(14), `${r.p95Ms}`.padEnd(6), `${r.maxMs}`.padEnd(6), `${r.svelteMedianMs} ms`.padEnd(9)];
    console.log(`${cells.join(' ')} ${String(r.parallelRedraws).padEnd(17)} ${String(r.importanceResults).padEnd(19)} ${String(r.longTasks).padEnd(11)} ${r.longestTaskMs} ms`);
  });
  console.log(`time per update (median round): median ${summary.updateMedianMs} ms, p95 ${summary.updateP95Ms} ms (target <= ${TARGET_MS})`);
  console.log(`longest main-thread task (median round): ${summary.longestTaskMs} ms (target <= ${TARGET_MS}; 0 = no task over 50 ms)`);
  if (summary.errors.length > 0) console.log(`page errors: ${summary.errors.join('; ')}`);
  const maps = new SourceMaps(outDir, url);
  const liveOk = live.map((round) => reportLive(round, maps)).every(Boolean);
  // The target is per round, and on a shared machine a round now and then has a task that waited for a core: the count over rounds is the figure.
  for (const dashboard of [true, false]) {
    const of = live.filter((round) => round.dashboard === dashboard);
    if (of.length === 0) continue;
    const cpu = of.map((round) => round.mainThread.cpuSeconds);
    console.log(`live rounds ${dashboard ? 'with' : 'without'} the Dashboard: ${of.filter((round) => round.longTasks.length > 0).length} of ${of.length} with a main-thread task over 50 ms (tasks per round: ${of.map((round) => round.longTasks.length).join(', ')}); main thread ${Math.min(...cpu)}-${Math.max(...cpu)} s of CPU`);
  }
  const ok = summary.updateP95Ms <= TARGET_MS && summary.longestTaskMs <= TARGET_MS && summary.errors.length === 0 && liveOk;
  console.log(ok ? 'PASS' : 'FAIL');
  process.exitCode = ok ? 0 : 1;
}

await main();
