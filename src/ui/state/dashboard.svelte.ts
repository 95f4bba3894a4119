/**
 * The dashboard's view state over one experiment (live or stored): the sorted, filtered, paged
 * runs table, the best run with its include options, the runs and metric the chart shows, the
 * parallel plot's brushed selection, and progress. Everything heavy is derived from the
 * experiment view, which the session replaces at most every 200 ms.
 */
import { getBestRunByPrimaryMetric, type BestCandidate, type BestRunOptions } from '../../core/scheduler';
import { experimentSpace } from '../../core/experiment';
import type { Space } from '../../core/space';
import { scoredRuns } from '../../core/analysis';
import { sliceCharts, type SliceChart } from './analysis-options';
import { lineOption, parallelOption, type LineOption, type ParallelData } from './chart-options';
import { ImportanceState, workerCompute, workerContour, type AnalysisRequest, type ContourCompute, type ImportanceCompute, type ImportanceRequest } from './importance.svelte';
import { ContourState } from './contour.svelte';
import type { ContourInput } from '../../core/analysis';
import type { ExperimentView } from './live';
import { progressView } from './progress';
import { allColumns, shownColumns } from './runs-columns';
import { defaultDescending, rowOf, runsCsv, sortRows, type RunRow, type SortKey, type SortOrder } from './runs-table';
import { timelineView, type TimelineView } from './timeline';

/** Rows per page of the runs table (the DOM stays small with 1000 runs). */
export const PAGE_SIZE = 25;
/** Runs the chart shows when the user picked none: the best ones and those running. */
const AUTO_CHART_RUNS = 6;
/**
 * Least time between two redraws of the metric chart while live (ms), for live data only: another
 * metric or other picked runs redraw at once. bench:ui's live round (1000 runs, 8 in flight) redrew
 * it with every view update, 198 times in 40 s, 2.7 s of the main thread's 15 s (13.7 ms each on 2
 * busy cores), the most of any chart; once a second is what a curve growing by an epoch needs.
 */
const LINE_MS = 1000;
/**
 * Least time between two redraws of the parallel plot while live (ms). A redraw at 1000 runs takes
 * 15-45 ms of the main thread in one task (ECharts applies the whole option; only the lines are
 * drawn progressively), the longest of any chart; once a second it was the most frequent long
 * task of bench:ui's live round.
 */
const PARALLEL_MS = 2000;
/** Least time between two redraws of the slice plots while live (ms): one chart per parameter. */
const SLICES_MS = 3000;

function spaceOf(view: ExperimentView | null): Space | null {
  if (!view) return null;
  try {
    return experimentSpace(view.config);
  } catch {
    // A stored experiment from an older space syntax: the plot is left out, the table still works.
    return null;
  }
}

export class DashboardState {
  /** The experiment shown (the session's live view, or a stored one). */
  private readonly source: () => ExperimentView | null;
  /** The clock of durations and progress (ticks each second while live). */
  private readonly now: () => number;

  sort = $state<SortOrder>({ key: 'number', descending: false });
  page = $state(0);
  /** Metric of the line chart; null: the primary metric. */
  chartMetric = $state<string | null>(null);
  /** Runs picked for the chart; empty: automatic. */
  picked = $state.raw<readonly string[]>([]);
  /** Run ids inside the parallel plot's brushed ranges; null: no brush. */
  brushed = $state.raw<readonly string[] | null>(null);
  /** Columns of the runs table the user hid (kept across experiments). */
  hiddenColumns = $state.raw<readonly SortKey[]>([]);
  bestOptions = $state<Required<BestRunOptions>>({ includeFailed: true, includeCanceled: true, includeResumeFromRuns: true });

  readonly view = $derived(this.current());
  readonly metric = $derived(this.view?.config.primaryMetricName ?? '');
  readonly goal = $derived(this.view?.config.primaryMetricGoal ?? 'maximize');
  readonly space = $derived(spaceOf(this.view));
  readonly paramNames = $derived(this.space?.parameters.map((p) => p.name) ?? []);
  readonly columns = $derived(allColumns(this.paramNames, this.metric));
  readonly shownColumns = $derived(shownColumns(this.columns, this.hiddenColumns));
  readonly rows: readonly RunRow[] = $derived(this.view ? this.view.runs.map((run) => rowOf(run, this.metric, this.clock())) : []);
  readonly filtered = $derived(this.brushed ? this.rows.filter((row) => this.brushed!.includes(row.id)) : this.rows);
  readonly sorted = $derived(sortRows(this.filtered, this.sort));
  readonly pages = $derived(Math.max(1, Math.ceil(this.sorted.length / PAGE_SIZE)));
  readonly pageRows = $derived(this.sorted.slice(Math.min(this.page, this.pages - 1) * PAGE_SIZE, (Math.min(this.page, this.pages - 1) + 1) * PAGE_SIZE));
  readonly best: BestCandidate | null = $derived(
    this.view ? getBestRunByPrimaryMetric(this.view.runs, this.goal, this.metric, this.bestOptions, this.view.priors) : null,
  );
  readonly bestId = $derived(this.best?.kind === 'run' ? this.best.run.id : null);
  readonly progress = $derived(this.view ? progressView(this.view, this.clock()) : null);
  readonly metricNames = $derived(this.namesOfMetrics());
  readonly chartRunIds = $derived(this.picked.length > 0 ? this.picked : this.autoRuns());
  readonly lineOption: LineOption | null = $derived(this.lineData());
  readonly parallel: ParallelData | null = $derived(this.parallelData());
  /** Slice plots, rebuilt with the parallel plot (same runs, same throttle). */
  readonly slices: readonly SliceChart[] = $derived(this.sliceData());
  /** What parameter importance is asked for: the ended, scored runs (a new key as each one ends). */
  readonly importanceRequest: ImportanceRequest | null = $derived(this.requestOfImportance());
  readonly importance: ImportanceState;
  /** The contour over two parameters, asked for as runs end (axes: the two most important unless chosen). */
  readonly contour: ContourState;
  readonly contourRequest: AnalysisRequest<ContourInput> | null = $derived(this.requestOfContour());

  private lineCache: { id: string; metric: string; picked: readonly string[]; at: number; option: LineOption } | null = null;
  private parallelCache: { id: string; key: string; at: number; data: ParallelData } | null = null;
  private sliceCache: { parallel: ParallelData; at: number; data: SliceChart[] } | null = null;
  private timelineCache: { key: string; at: number; data: TimelineView } | null = null;
  /** Runs over wall time on their workers (throttled like the parallel plot). */
  readonly timeline: TimelineView | null = $derived(this.timelineData());

  /** `compute`: where importance is computed (default: a worker, started when first needed). */
  constructor(source: () => ExperimentView | null, now: () => number, compute: ImportanceCompute = workerCompute(), contour: ContourCompute = workerContour()) {
    this.source = source;
    this.now = now;
    this.importance = new ImportanceState(compute);
    this.contour = new ContourState(contour);
  }

  // Derived values call these rather than the fields: they are read lazily, after the constructor.
  private current(): ExperimentView | null {
    return this.source();
  }

  private clock(): number {
    return this.now();
  }

  private namesOfMetrics(): string[] {
    const names = new Set<string>();
    for (const run of this.view?.runs ?? []) for (const name of Object.keys(run.metrics)) names.add(name);
    return [...names].sort();
  }

  private autoRuns(): string[] {
    const runs = this.view?.runs ?? [];
    const sign = this.goal === 'maximize' ? -1 : 1;
    const scored = runs.filter((run) => run.best).sort((a, b) => sign * (a.best!.value - b.best!.value));
    const running = runs.filter((run) => run.status === 'running' && !run.best);
    return [...scored.slice(0, AUTO_CHART_RUNS), ...running.slice(0, AUTO_CHART_RUNS)].map((run) => run.id);
  }

  /**
   * The metric chart's option. While live, new data redraws it at most once per LINE_MS (the
   * clock's tick brings a pending change in); the user's own choice of metric or runs at once.
   */
  private lineData(): LineOption | null {
    const view = this.view;
    if (!view) return null;
    const metric = this.chartMetric ?? this.metric;
    const picked = this.picked;
    const now = this.clock();
    const cache = this.lineCache;
    if (cache && cache.id === view.id && cache.metric === metric && cache.picked === picked && view.live && now - cache.at < LINE_MS) return cache.option;
    const ids = this.chartRunIds;
    const option = lineOption(view.runs.filter((run) => ids.includes(run.id)), metric, this.bestId);
    this.lineCache = { id: view.id, metric, picked, at: now, option };
    return option;
  }

  /**
   * The plot's data, rebuilt only when a run's score changed, and while live at most once per
   * PARALLEL_MS (it is the costliest chart to redraw; the clock's tick brings a pending change in).
   */
  private parallelData(): ParallelData | null {
    const view = this.view;
    const now = this.clock();
    if (!view || !this.space) return null;
    const cache = this.parallelCache;
    if (cache && cache.id === view.id && view.live && now - cache.at < PARALLEL_MS) return cache.data;
    let key = `${view.id}|${view.runs.length}`;
    for (const run of view.runs) key += `|${run.best?.value ?? ''}`;
    if (cache?.key === key) return cache.data;
    const data = parallelOption(view.runs, this.space, this.metric, this.goal);
    this.parallelCache = { id: view.id, key, at: now, data };
    return data;
  }

  private sliceData(): SliceChart[] {
    const parallel = this.parallel;
    if (!parallel || !this.view || !this.space) return [];
    const cache = this.sliceCache;
    const now = this.clock();
    if (cache && (cache.parallel === parallel || (this.view.live && now - cache.at < SLICES_MS))) return cache.data;
    const data = sliceCharts(this.view.runs, this.space, this.metric);
    this.sliceCache = { parallel, at: now, data };
    return data;
  }

  /** The timeline, rebuilt when a run starts or ends (while live at most once per SLICES_MS; running bars grow with the clock). */
  private timelineData(): TimelineView | null {
    const view = this.view;
    if (!view) return null;
    const now = this.clock();
    const cache = this.timelineCache;
    let key = `${view.id}|${view.runs.length}`;
    for (const run of view.runs) key += `|${run.status}${run.endedAt ?? ''}`;
    // While live, at most one rebuild per SLICES_MS: with 1000 runs a redraw of every bar is a long task.
    const fresh = cache && (cache.key === key || (view.live && now - cache.at < SLICES_MS));
    if (fresh) return cache.data;
    const data = timelineView(view.runs, now);
    this.timelineCache = { key, at: now, data };
    return data;
  }

  private requestOfContour(): AnalysisRequest<ContourInput> | null {
    const request = this.importanceRequest;
    if (!request || !this.view) return null;
    return this.contour.requestFor(this.view.id, this.metric, request.input.space, request.input.runs, this.importance.result);
  }

  private requestOfImportance(): ImportanceRequest | null {
    const view = this.view;
    if (!view || !this.space) return null;
    const ended = view.runs.filter((run) => run.status !== 'running' && run.status !== 'queued');
    const runs = scoredRuns(ended);
    return { key: `${view.id}|${this.metric}|${runs.length}`, input: { space: this.space, runs }, series: `${view.id}|${this.metric}` };
  }

  /** Sorts by `key`; the same key again flips the direction. */
  sortBy(key: SortKey): void {
    this.sort = this.sort.key === key ? { key, descending: !this.sort.descending } : { key, descending: defaultDescending(key, this.goal) };
    this.page = 0;
  }

  /** Shows or hides column `key` of the runs table. */
  toggleColumn(key: SortKey): void {
    this.hiddenColumns = this.hiddenColumns.includes(key) ? this.hiddenColumns.filter((k) => k !== key) : [...this.hiddenColumns, key];
  }

  /** Adds or removes run `id` from the chart. */
  toggleChartRun(id: string): void {
    const current = this.picked.length > 0 ? this.picked : this.chartRunIds;
    this.picked = current.includes(id) ? current.filter((r) => r !== id) : [...current, id];
  }

  setBrushed(ids: readonly string[] | null): void {
    this.brushed = ids;
    this.page = 0;
  }

  /** Back to a fresh look (another experiment was opened). */
  reset(): void {
    this.sort = { key: 'number', descending: false };
    this.page = 0;
    this.chartMetric = null;
    this.picked = [];
    this.brushed = null;
    this.lineCache = null;
    this.parallelCache = null;
    this.sliceCache = null;
  }

  /** The whole table (filter and order as shown) as CSV. */
  csv(): string {
    return runsCsv(this.sorted, this.paramNames, this.metric);
  }
}
