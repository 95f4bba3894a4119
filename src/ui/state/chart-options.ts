/**
 * ECharts options of the dashboard (SPEC section 8), built from plain run records: metric curves
 * over intervals for the chosen runs, and the parallel-coordinates plot of parameters against the
 * primary metric (log axes for log expressions, lines colored by the metric).
 */
import type { EChartsCoreOption, LineSeriesOption, ParallelSeriesOption } from './echarts-types';
import type { RunRecord } from '../../core/scheduler';
import { isLogScale, type Space } from '../../core/space';
import type { Goal } from '../../core/types';

/** ECharts' own option type is loose at the top level; series are typed where they are built. */
export type LineOption = EChartsCoreOption;
export type ParallelOption = EChartsCoreOption;

/** Colors from poor to good (viridis ends and middle), so good runs read the same for both goals. */
export const POOR_TO_GOOD = ['#440154', '#31688e', '#35b779', '#fde725'];

/** Curves of `metric` over intervals, one series per run in `runs`; `bestId` drawn thicker. */
export function lineOption(runs: readonly RunRecord[], metric: string, bestId: string | null): LineOption {
  const series: LineSeriesOption[] = runs.map((run) => {
    const values = run.metrics[metric] ?? [];
    return {
      type: 'line',
      name: `run ${run.index + 1}`,
      data: values.map((v, i) => [i + 1, Number.isFinite(v) ? v : null]),
      showSymbol: values.length <= 30,
      symbolSize: 4,
      lineStyle: { width: run.id === bestId ? 3 : 1.5 },
      emphasis: { focus: 'series' },
      animation: false,
    };
  });
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 56, bottom: 40 },
    legend: { type: 'scroll', top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? v.toPrecision(4) : String(v ?? '')) },
    xAxis: { type: 'value', name: 'interval', nameLocation: 'middle', nameGap: 26, minInterval: 1, min: 1 },
    yAxis: { type: 'value', name: metric, scale: true, nameTextStyle: { align: 'left' } },
    series,
  };
}

/** A parallel plot's data: one line per run with a score, and which run each line is. */
export interface ParallelData {
  readonly option: ParallelOption;
  readonly runIds: readonly string[];
}

interface AxisOption {
  readonly dim: number;
  readonly name: string;
  readonly type: 'category' | 'log' | 'value';
  readonly data?: string[];
  readonly scale?: boolean;
}

function axisOf(space: Space, index: number, runs: readonly RunRecord[]): AxisOption {
  const { name, expression } = space.parameters[index];
  if (expression.type === 'choice') {
    const values = expression.values.every((v) => typeof v === 'number') ? [...expression.values].sort((a, b) => Number(a) - Number(b)) : expression.values;
    return { dim: index, name, type: 'category', data: values.map(String) };
  }
  const positive = runs.every((r) => typeof r.params[name] !== 'number' || (r.params[name] as number) > 0);
  return { dim: index, name, type: isLogScale(expression) && positive ? 'log' : 'value', scale: true };
}

function parallelSeries(data: (number | string)[][]): ParallelSeriesOption {
  // Drawn in chunks of 100 lines per frame beyond 200 lines, so 1000 runs never block the page.
  return { id: 'runs', type: 'parallel', data, lineStyle: { width: 1.2, opacity: 0.6 }, inactiveOpacity: 0.04, activeOpacity: 1, progressive: 100, progressiveThreshold: 200, smooth: false };
}

/** Parameters against the best primary value of every run that logged one, colored by it. */
export function parallelOption(runs: readonly RunRecord[], space: Space, metric: string, goal: Goal): ParallelData {
  const scored = runs.filter((run) => run.best !== undefined);
  const names = space.parameters.map((p) => p.name);
  const categorical = space.parameters.map((p) => p.expression.type === 'choice');
  const data = scored.map((run) => [...names.map((n, i) => (typeof run.params[n] === 'number' && !categorical[i] ? run.params[n] : String(run.params[n]))), run.best!.value]);
  const values = scored.map((run) => run.best!.value);
  const min = values.length > 0 ? Math.min(...values) : 0;
  const max = values.length > 0 ? Math.max(...values) : 1;
  const axes = names.map((_, i) => axisOf(space, i, scored));
  axes.push({ dim: names.length, name: metric, type: 'value', scale: true });
  return {
    runIds: scored.map((run) => run.id),
    option: {
      animation: false,
      parallel: { left: 48, right: 96, top: 48, bottom: 32, parallelAxisDefault: { nameLocation: 'end', nameGap: 12, nameTextStyle: { fontSize: 11 } } },
      parallelAxis: axes,
      visualMap: {
        type: 'continuous',
        dimension: names.length,
        min,
        max: max > min ? max : min + 1e-9,
        right: 8,
        top: 'middle',
        calculable: false,
        precision: 3,
        text: [goal === 'maximize' ? 'best' : 'worst', goal === 'maximize' ? 'worst' : 'best'],
        inRange: { color: goal === 'maximize' ? POOR_TO_GOOD : [...POOR_TO_GOOD].reverse() },
      },
      series: [parallelSeries(data)],
    },
  };
}
