/**
 * The dashboard's table state (best-run highlighting per goal, paging, sorting) through
 * DashboardState; its runes compile for Node, so it runs here over plain experiment views.
 */
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../src/core/scheduler';
import { DashboardState, PAGE_SIZE } from '../../../src/ui/state/dashboard.svelte';
import type { ExperimentView } from '../../../src/ui/state/live';
import { config, run, view } from './helpers';

function dashboard(initial: ExperimentView | null, now = 1_000_000): { state: DashboardState; set: (v: ExperimentView | null) => void } {
  let current = initial;
  const state = new DashboardState(() => current, () => now);
  return { state, set: (v) => (current = v) };
}

/** `n` runs whose metric peaks at a value that is a scrambled permutation of 0..n-1 (so start order is not score order). */
function manyRuns(n: number): RunRecord[] {
  return Array.from({ length: n }, (_, i) => run(i, [0, ((i * 37) % n) / n]));
}

describe('DashboardState: the best run highlighted per goal', () => {
  const series = [
    [0.2, 0.5],
    [0.9, 0.3],
    [0.1, 0.05],
  ];

  it('maximize: the run with the highest value at any interval', () => {
    const { state } = dashboard(view(series.map((v, i) => run(i, v))));
    expect(state.bestId).toBe('run-1');
  });

  it('minimize: the run with the lowest value', () => {
    const runs = series.map((v, i) => run(i, v, { goal: 'minimize' }));
    const { state } = dashboard(view(runs, { config: config({ primaryMetricGoal: 'minimize' }) }));
    expect(state.bestId).toBe('run-2');
  });

  it('follows the include options: a failed best run is passed over when failed runs are excluded', () => {
    const runs = [run(0, [0.7]), run(1, [0.95], { status: 'failed', reason: 'NaN loss' }), run(2, [0.8], { status: 'canceled' })];
    const { state } = dashboard(view(runs));
    expect(state.bestId).toBe('run-1');
    state.bestOptions = { ...state.bestOptions, includeFailed: false };
    expect(state.bestId).toBe('run-2');
    state.bestOptions = { ...state.bestOptions, includeCanceled: false };
    expect(state.bestId).toBe('run-0');
  });

  it('no run is highlighted when the best is a warm-start parent run', () => {
    const priors = [{ id: 'parent-run', params: {}, status: 'completed' as const, values: [0.99] }];
    const { state } = dashboard(view([run(0, [0.5])], { priors }));
    expect(state.best?.kind).toBe('prior');
    expect(state.bestId).toBeNull();
    state.bestOptions = { ...state.bestOptions, includeResumeFromRuns: false };
    expect(state.bestId).toBe('run-0');
  });

  it('nothing is highlighted before any run logged the metric', () => {
    expect(dashboard(view([run(0, [], { status: 'running' })])).state.bestId).toBeNull();
    expect(dashboard(null).state.bestId).toBeNull();
  });
});

describe('DashboardState: paging', () => {
  it(`shows ${PAGE_SIZE} rows a page, the rest on the last page`, () => {
    const { state } = dashboard(view(manyRuns(60)));
    expect(state.pages).toBe(3);
    expect(state.pageRows.map((r) => r.number)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    state.page = 2;
    expect(state.pageRows.map((r) => r.number)).toEqual(Array.from({ length: 10 }, (_, i) => i + 51));
  });

  it('an empty experiment has one empty page', () => {
    const { state } = dashboard(view([]));
    expect(state.pages).toBe(1);
    expect(state.pageRows).toEqual([]);
  });

  it('a page past the end (the list shrank) shows the last page', () => {
    const { state, set } = dashboard(view(manyRuns(60)));
    state.page = 2;
    set(view(manyRuns(30)));
    expect(state.pages).toBe(2);
    expect(state.pageRows.map((r) => r.number)).toEqual([26, 27, 28, 29, 30]);
  });

  it('pages go through the sorted order, and sorting goes back to the first page', () => {
    const { state } = dashboard(view(manyRuns(60)));
    state.page = 1;
    state.sortBy('best');
    expect(state.page).toBe(0);
    expect(state.sort).toEqual({ key: 'best', descending: true });
    const all = [...state.pageRows];
    state.page = 1;
    all.push(...state.pageRows);
    state.page = 2;
    all.push(...state.pageRows);
    const bests = all.map((r) => r.best as number);
    expect(bests).toEqual([...bests].sort((a, b) => b - a));
    expect(new Set(all.map((r) => r.id)).size).toBe(60);
  });

  it('brushing filters the rows, pages over the filtered rows, and goes back to the first page', () => {
    const { state } = dashboard(view(manyRuns(60)));
    state.page = 2;
    state.setBrushed(['run-3', 'run-40']);
    expect(state.page).toBe(0);
    expect(state.pages).toBe(1);
    expect(state.pageRows.map((r) => r.id)).toEqual(['run-3', 'run-40']);
    state.setBrushed(null);
    expect(state.sorted).toHaveLength(60);
  });
});

describe('DashboardState: sorting', () => {
  it('a metric column starts best-first for the goal; the same column again flips it', () => {
    const max = dashboard(view(manyRuns(5))).state;
    max.sortBy('best');
    expect(max.sort.descending).toBe(true);
    max.sortBy('best');
    expect(max.sort.descending).toBe(false);

    const minimize = config({ primaryMetricGoal: 'minimize' });
    const min = dashboard(view(manyRuns(5), { config: minimize })).state;
    min.sortBy('best');
    expect(min.sort.descending).toBe(false);
    expect(min.pageRows[0].best).toBe(0);
  });

  it('csv() is the whole filtered table in the order shown, not just the page', () => {
    const { state } = dashboard(view(manyRuns(30)));
    state.sortBy('number'); // the table starts by number ascending: this flips it
    const lines = state.csv().trim().split('\n');
    expect(lines).toHaveLength(31);
    expect(lines[0]).toBe('run,id,status,reason,learning_rate,batch_size,units,keep_probability,best_m,last_m,intervals,duration_s,backend');
    expect(lines[1].startsWith('30,run-29,')).toBe(true);
  });
});

describe('DashboardState: the runs table columns the user chose', () => {
  it('hides and shows a column again; Run and Status stay', () => {
    const { state } = dashboard(view([run(0, [0.5])]));
    const labels = () => state.shownColumns.map((c) => c.label);
    expect(labels()).toContain('Backend');
    state.toggleColumn('backend');
    state.toggleColumn('param:units');
    expect(labels()).not.toContain('Backend');
    expect(labels()).not.toContain('units');
    expect(labels().slice(0, 2)).toEqual(['Run', 'Status']);
    state.toggleColumn('backend');
    expect(labels()).toContain('Backend');
  });
});

describe('DashboardState: the metric chart while live', () => {
  type Line = { series: { name: string; data: [number, number | null][] }[]; yAxis: { name: string } };
  const runs = (values: number[]) => [run(0, [0.4, 0.6], { metrics: { loss: [2, 1] } }), run(1, values, { status: 'running', metrics: { loss: values.map((v) => 3 - v) } })];

  it('redraws with new live data at most once per second, at once for a choice of metric or runs, and at once when the experiment ends', () => {
    let current = view(runs([0.2]));
    let now = 5_000;
    const state = new DashboardState(() => current, () => now);
    const line = () => state.lineOption as unknown as Line;
    const first = line();
    expect(first.series.map((s) => s.name)).toEqual(['run 1', 'run 2']);

    current = view(runs([0.2, 0.3]));
    now += 400;
    expect(line()).toBe(first);
    now += 600;
    expect(line()).not.toBe(first);
    expect(line().series[1].data).toEqual([[1, 0.2], [2, 0.3]]);

    current = view(runs([0.2, 0.3, 0.5]));
    state.chartMetric = 'loss';
    expect(line().yAxis.name).toBe('loss');
    expect(line().series[1].data).toEqual([[1, 2.8], [2, 2.7], [3, 2.5]]);

    current = view(runs([0.2, 0.3, 0.5, 0.55]));
    state.toggleChartRun('run-1');
    expect(line().series.map((s) => s.name)).toEqual(['run 1']);
    state.toggleChartRun('run-1');
    const picked = line();
    expect(picked.series[1].data).toHaveLength(4);

    current = view(runs([0.2, 0.3, 0.5, 0.55, 0.6]));
    expect(line()).toBe(picked);
    current = view(runs([0.2, 0.3, 0.5, 0.55, 0.6]), { live: false, status: 'completed' });
    expect(line().series[1].data).toHaveLength(5);
  });

  it('a stored experiment is drawn as it is, without waiting for the clock', () => {
    let current = view(runs([0.2]), { live: false, status: 'completed' });
    const state = new DashboardState(() => current, () => 0);
    expect((state.lineOption as unknown as Line).series[1].data).toHaveLength(1);
    current = view(runs([0.2, 0.3]), { id: 'e2', live: false, status: 'completed' });
    expect((state.lineOption as unknown as Line).series[1].data).toHaveLength(2);
  });
});
