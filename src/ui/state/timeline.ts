/**
 * The run timeline: each run as a bar over wall time on the row of the worker it trained on,
 * colored by status, so idle workers, stragglers and what early termination saved are visible.
 * Built from plain run records (`startedAt`, `endedAt`, `ranOn` / `workerId`).
 */
import type { CustomSeriesOption, EChartsCoreOption } from './echarts-types';
import type { RunRecord } from '../../core/scheduler';

/** One color per run status (the runs table's status words). */
export const STATUS_COLORS: Readonly<Record<RunRecord['status'], string>> = {
  queued: '#bbbbbb',
  running: '#3b82f6',
  completed: '#16a34a',
  stopped: '#d97706',
  failed: '#dc2626',
  canceled: '#6b7280',
  interrupted: '#7c3aed',
};

/** A run's bar: its worker row, start and end in seconds from the experiment's first start. */
export interface TimelineBar {
  readonly runId: string;
  readonly number: number;
  readonly worker: string;
  readonly start: number;
  readonly end: number;
  readonly status: RunRecord['status'];
}

/** Bars of the runs that started (running ones end at `now`), and the worker rows in order of first use. */
export function timelineBars(runs: readonly RunRecord[], now: number): { bars: TimelineBar[]; workers: string[]; origin: number } {
  const started = runs.filter((r) => r.startedAt !== undefined && (r.ranOn ?? r.workerId) !== undefined);
  const origin = Math.min(...started.map((r) => r.startedAt!));
  const bars = started
    .map((r) => ({ runId: r.id, number: r.index + 1, worker: (r.ranOn ?? r.workerId)!, start: (r.startedAt! - origin) / 1000, end: ((r.endedAt ?? now) - origin) / 1000, status: r.status }))
    .sort((a, b) => a.start - b.start);
  const workers = [...new Set(bars.map((b) => b.worker))];
  return { bars, workers, origin };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The timeline in words (its text alternative): runs, workers, how busy they were, and what stopped runs saved. */
export function timelineSummary(bars: readonly TimelineBar[], workers: readonly string[]): string {
  if (bars.length === 0) return 'No run has started yet.';
  const wall = Math.max(...bars.map((b) => b.end));
  const busy = bars.reduce((sum, b) => sum + (b.end - b.start), 0);
  const share = wall > 0 ? Math.min(1, busy / (workers.length * wall)) : 1;
  const parts = [`${bars.length} run${bars.length === 1 ? '' : 's'} on ${workers.length} worker${workers.length === 1 ? '' : 's'} over ${wall.toFixed(1)} s; ${workers.length === 1 ? 'it was' : 'the workers were'} busy ${(share * 100).toFixed(0)}% of the time`];
  const completed = bars.filter((b) => b.status === 'completed').map((b) => b.end - b.start);
  const stopped = bars.filter((b) => b.status === 'stopped');
  if (stopped.length > 0 && completed.length > 0) {
    const full = median(completed);
    const saved = stopped.reduce((sum, b) => sum + Math.max(0, full - (b.end - b.start)), 0);
    parts.push(`early termination stopped ${stopped.length} run${stopped.length === 1 ? '' : 's'}, about ${saved.toFixed(1)} s of training saved against the median completed run (${full.toFixed(1)} s)`);
  }
  return `${parts.join('; ')}.`;
}

/** The ECharts option: a custom series of rectangles, one row per worker. */
export function timelineOption(bars: readonly TimelineBar[], workers: readonly string[]): EChartsCoreOption {
  const row = new Map(workers.map((w, i) => [w, i]));
  const series: CustomSeriesOption = {
    type: 'custom',
    encode: { x: [1, 2], y: 0 },
    data: bars.map((b) => ({ name: `run ${b.number} (${b.status})`, value: [row.get(b.worker)!, b.start, b.end, b.number], itemStyle: { color: STATUS_COLORS[b.status] } })),
    renderItem: (_params, api) => {
      const start = api.coord([api.value(1), api.value(0)]);
      const end = api.coord([api.value(2), api.value(0)]);
      const height = (api.size?.([0, 1]) as number[])[1] * 0.6;
      return { type: 'rect', shape: { x: start[0], y: start[1] - height / 2, width: Math.max(1, end[0] - start[0]), height }, style: api.style() };
    },
    animation: false,
    // Drawn a slice per frame past 200 bars, so a long experiment does not block the page in one
    // task (bench:ui: 300 bars drawn at once took 80-150 ms, the chart's code still cold).
    progressive: 100,
    progressiveThreshold: 200,
  };
  return {
    animation: false,
    grid: { left: 64, right: 16, top: 16, bottom: 40 },
    tooltip: { trigger: 'item', formatter: (p: unknown) => { const d = p as { name: string; value: number[] }; return `${d.name}: ${d.value[1].toFixed(1)}-${d.value[2].toFixed(1)} s`; } },
    xAxis: { type: 'value', name: 'seconds since the first run started', nameLocation: 'middle', nameGap: 26, min: 0 },
    yAxis: { type: 'category', data: workers.map((w) => `worker ${w}`), inverse: true },
    series: [series],
  };
}

/** What the dashboard draws: the option, its text alternative and the statuses shown. */
export interface TimelineView {
  readonly option: EChartsCoreOption | null;
  readonly summary: string;
  readonly statuses: readonly RunRecord['status'][];
  readonly runs: number;
  readonly workers: number;
}

/** The timeline of `runs` at time `now` (ms). */
export function timelineView(runs: readonly RunRecord[], now: number): TimelineView {
  const { bars, workers } = timelineBars(runs, now);
  return {
    option: bars.length > 0 ? timelineOption(bars, workers) : null,
    summary: timelineSummary(bars, workers),
    statuses: [...new Set(bars.map((b) => b.status))],
    runs: bars.length,
    workers: workers.length,
  };
}
