/**
 * A Chromium performance trace (CDP Tracing) of a live round of bench:ui, reduced to the
 * main-thread tasks over 50 ms: each with its wall time, its thread (CPU) time, and, with `full`,
 * what ran inside it: garbage collection, scripts (by function and file), message and timer
 * handlers, style, layout and paint. A task far longer on the wall than on the CPU is the renderer
 * being descheduled (a busy machine), not the page's work. The light trace (toplevel category
 * only) costs little and runs in every live round; the full one (`--trace`) slows the page.
 */
import type { CDPSession, Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; functionName?: string; type?: string } };
}

/** One main-thread task over 50 ms and where its time went (ms by kind, longest first). */
export interface TracedTask {
  /** Seconds after the experiment's start. */
  at: number;
  ms: number;
  /** Thread time (CPU) of the task: much less than `ms` means the thread was descheduled. */
  cpuMs: number;
  parts: [string, number][];
}

/** The page's main thread over a whole trace: its tasks, their wall time and their CPU time. */
export interface MainThreadTotal {
  tasks: number;
  wallSeconds: number;
  cpuSeconds: number;
}

/** The page's `performance.mark` at the experiment's start (live.svelte.ts): tasks before it are page loading. */
const START_MARK = 'tabtune-live-start';
const KEEP_MIN_US = 500;
const GC = /GC|Scavenge|MarkCompact|Sweep/;
/** Trace events that only wrap a task: never a part of it. */
const WRAPPERS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

export class Tracer {
  private readonly events: TraceEvent[] = [];
  private cdp: CDPSession | null = null;

  constructor(private readonly full: boolean) {}

  async start(page: Page): Promise<void> {
    const cdp = await page.context().newCDPSession(page);
    this.cdp = cdp;
    cdp.on('Tracing.dataCollected', ({ value }) => {
      for (const e of value as unknown as TraceEvent[]) {
        if ((e.ph === 'M' && e.name === 'thread_name') || e.name === START_MARK) this.events.push(e);
        else if (e.ph === 'X' && ((e.dur ?? 0) >= KEEP_MIN_US || GC.test(e.name) || WRAPPERS.has(e.name))) this.events.push(e);
      }
    });
    await cdp.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: { includedCategories: this.full ? ['toplevel', 'blink.user_timing', 'devtools.timeline', 'v8', 'disabled-by-default-devtools.timeline'] : ['toplevel', 'blink.user_timing'] },
    });
  }

  /** Ends the trace: the main-thread tasks over `thresholdMs` with their breakdown, and the main thread's total. */
  async stop(thresholdMs = 50): Promise<{ tasks: TracedTask[]; mainThread: MainThreadTotal }> {
    const cdp = this.cdp;
    if (!cdp) return { tasks: [], mainThread: { tasks: 0, wallSeconds: 0, cpuSeconds: 0 } };
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
    return { tasks: this.longTasks(thresholdMs), mainThread: this.total() };
  }

  /** Every task of the page's main thread from the experiment's start, summed (nested tasks counted once). */
  private total(): MainThreadTotal {
    const main = new Set(this.events.filter((e) => e.ph === 'M' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
    const origin = this.events.find((e) => e.name === START_MARK)?.ts ?? 0;
    const tasks = this.events.filter((e) => e.ph === 'X' && e.ts >= origin && WRAPPERS.has(e.name) && main.has(`${e.pid}:${e.tid}`)).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const total = { tasks: 0, wallSeconds: 0, cpuSeconds: 0 };
    const ends = new Map<string, number>();
    for (const e of tasks) {
      const thread = `${e.pid}:${e.tid}`;
      if (e.ts < (ends.get(thread) ?? 0)) continue;
      ends.set(thread, e.ts + (e.dur ?? 0));
      total.tasks++;
      total.wallSeconds += (e.dur ?? 0) / 1e6;
      total.cpuSeconds += (e.tdur ?? 0) / 1e6;
    }
    return { tasks: total.tasks, wallSeconds: Math.round(total.wallSeconds * 100) / 100, cpuSeconds: Math.round(total.cpuSeconds * 100) / 100 };
  }

  private longTasks(thresholdMs: number): TracedTask[] {
    const main = new Set(this.events.filter((e) => e.ph === 'M' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
    const onMain = this.events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`)).sort((a, b) => a.ts - b.ts);
    // From the experiment's start (the page's mark), or from the trace's first task without it.
    const origin = this.events.find((e) => e.name === START_MARK)?.ts ?? onMain[0]?.ts ?? 0;
    // A task is the outermost wrapper (the light trace has only ThreadControllerImpl::RunTask).
    const wrappers = onMain.filter((e) => WRAPPERS.has(e.name) && (e.dur ?? 0) > thresholdMs * 1000);
    const within = (e: TraceEvent, o: TraceEvent) => o !== e && o.pid === e.pid && o.tid === e.tid && o.ts <= e.ts && o.ts + (o.dur ?? 0) >= e.ts + (e.dur ?? 0);
    const tasks = wrappers.filter((e) => e.ts >= origin && !wrappers.some((o) => within(e, o) && ((o.dur ?? 0) > (e.dur ?? 0) || o.name === 'RunTask')));
    return tasks.map((task) => {
      const end = task.ts + (task.dur ?? 0);
      const inside = onMain.filter((e) => e !== task && !WRAPPERS.has(e.name) && e.pid === task.pid && e.tid === task.tid && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end);
      const parts = new Map<string, number>();
      const add = (key: string, us: number) => parts.set(key, (parts.get(key) ?? 0) + us / 1000);
      // Count each event's own kind once: GC events anywhere, and the outermost script or handler.
      for (const e of inside) {
        if (GC.test(e.name) && !inside.some((o) => o !== e && GC.test(o.name) && o.ts <= e.ts && o.ts + (o.dur ?? 0) >= e.ts + (e.dur ?? 0) && (o.dur ?? 0) > (e.dur ?? 0))) {
          add(`GC ${e.name}`, e.dur ?? 0);
        }
      }
      const outer = inside.filter((e) => !GC.test(e.name) && !inside.some((o) => o !== e && !GC.test(o.name) && o.ts <= e.ts && o.ts + (o.dur ?? 0) >= e.ts + (e.dur ?? 0) && (o.dur ?? 0) > (e.dur ?? 0)));
      for (const e of outer) {
        const data = e.args?.data;
        const what = data?.url ? ` ${data.functionName || '(anonymous)'} ${data.url.split('/').pop()}` : data?.type ? ` ${data.type}` : '';
        add(`${e.name}${what}`, e.dur ?? 0);
      }
      const sorted = [...parts.entries()].sort((a, b) => b[1] - a[1]).map(([k, ms]): [string, number] => [k, Math.round(ms * 10) / 10]);
      return { at: Math.round((task.ts - origin) / 1e5) / 10, ms: Math.round((task.dur ?? 0) / 100) / 10, cpuMs: Math.round((task.tdur ?? 0) / 100) / 10, parts: sorted };
    });
  }
}
