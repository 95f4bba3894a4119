/**
 * ECharts options of the dashboard's analysis views: parameter importance as sorted bars, and one
 * slice plot per parameter (the primary metric against it, log axes for log expressions, points
 * colored by run order).
 */
import type { EChartsCoreOption } from './echarts-types';
import { shareText, type ParameterImportance } from '../../core/analysis';
import type { RunRecord } from '../../core/scheduler';
import { isLogScale, type Parameter, type Space } from '../../core/space';

/** Early runs light, late runs dark. */
const EARLY_TO_LATE = ['#c6dbef', '#4292c6', '#08306b'];

/** Horizontal bars, most important parameter on top, each labelled with its share. */
export function importanceOption(parameters: readonly ParameterImportance[]): EChartsCoreOption {
  const shown = [...parameters].reverse();
  return {
    animation: false,
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (typeof v === 'number' ? shareText(v) : '') },
    xAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => shareText(v) } },
    yAxis: { type: 'category', data: shown.map((p) => p.name) },
    series: [{ type: 'bar', data: shown.map((p) => p.share), label: { show: true, position: 'right', formatter: (p: { value: number }) => shareText(p.value) }, itemStyle: { color: '#31688e' } }],
  };
}

/** One parameter's slice plot. */
export interface SliceChart {
  readonly name: string;
  readonly option: EChartsCoreOption;
}

function xAxisOf(parameter: Parameter, runs: readonly RunRecord[]): Record<string, unknown> {
  const { name, expression } = parameter;
  const base = { name, nameLocation: 'middle', nameGap: 24 };
  if (expression.type === 'choice') return { ...base, type: 'category', data: expression.values.map(String) };
  const positive = runs.every((r) => typeof r.params[name] !== 'number' || (r.params[name] as number) > 0);
  return { ...base, type: isLogScale(expression) && positive ? 'log' : 'value', scale: true };
}

/** The scored runs' best `metric` against each parameter of `space`, points colored by run order. */
export function sliceCharts(runs: readonly RunRecord[], space: Space, metric: string): SliceChart[] {
  const scored = runs.filter((run) => run.best !== undefined);
  const last = Math.max(1, ...scored.map((run) => run.index + 1));
  return space.parameters.map((parameter) => {
    const categorical = parameter.expression.type === 'choice';
    const data = scored.map((run) => [categorical ? String(run.params[parameter.name]) : run.params[parameter.name], run.best!.value, run.index + 1]);
    return {
      name: parameter.name,
      option: {
        animation: false,
        grid: { left: 48, right: 8, top: 8, bottom: 40 },
        tooltip: { trigger: 'item', formatter: (p: { value: unknown[] }) => `run ${p.value[2]}: ${parameter.name} ${p.value[0]}, ${metric} ${Number(p.value[1]).toPrecision(4)}` },
        xAxis: xAxisOf(parameter, scored),
        yAxis: { type: 'value', scale: true },
        visualMap: { show: false, type: 'continuous', dimension: 2, min: 1, max: last, inRange: { color: EARLY_TO_LATE } },
        // One series by id, merged on redraw: ECharts moves points in place rather than rebuilding.
        series: [{ id: 'runs', type: 'scatter', data, symbolSize: 5, large: true, largeThreshold: 500, progressive: 400 }],
      },
    };
  });
}
