/**
 * The contour plot's ECharts option: the surrogate's pairwise marginal of the primary metric as
 * colored cells (poor to good, the parallel plot's colors), the runs as points on top. Log axes
 * for log parameters; a choice's categories at integer positions, labelled.
 */
import type { ContourAxis, ContourResult } from '../../core/analysis';
import type { Goal } from '../../core/types';
import { POOR_TO_GOOD } from './chart-options';
import type { CustomSeriesOption, EChartsCoreOption } from './echarts-types';


function axisOf(axis: ContourAxis): Record<string, unknown> {
  const base = { name: axis.name, nameLocation: 'middle', nameGap: 28 };
  if (axis.scale === 'category') {
    const labels = axis.labels ?? [];
    // Ticks every half step so that each category's centre (an integer) gets its label.
    return { ...base, type: 'value', min: -0.5, max: labels.length - 0.5, interval: 0.5, axisLabel: { formatter: (v: number) => (Number.isInteger(v) ? (labels[v] ?? '') : '') } };
  }
  const short = (v: number): string => String(Number(v.toPrecision(3)));
  return { ...base, type: axis.scale === 'log' ? 'log' : 'value', min: axis.edges[0], max: axis.edges[axis.edges.length - 1], axisLabel: { formatter: short } };
}

/** The contour chart of `result` (kind ok) for `metric`, colored so that good values are bright for either goal. */
export function contourOption(result: Extract<ContourResult, { kind: 'ok' }>, metric: string, goal: Goal): EChartsCoreOption {
  const { x, y, values } = result;
  const flat = values.flat();
  const low = Math.min(...flat, ...result.runs.map((r) => r.score));
  const high = Math.max(...flat, ...result.runs.map((r) => r.score));
  const cells = values.flatMap((row, j) => row.map((v, i) => [x.edges[i], x.edges[i + 1], y.edges[j], y.edges[j + 1], v]));
  const grid: CustomSeriesOption = {
    type: 'custom',
    name: 'surrogate',
    encode: { x: [0, 1], y: [2, 3] },
    data: cells,
    renderItem: (_params, api) => {
      const from = api.coord([api.value(0), api.value(2)]);
      const to = api.coord([api.value(1), api.value(3)]);
      return { type: 'rect', shape: { x: from[0], y: to[1], width: to[0] - from[0], height: from[1] - to[1] }, style: { fill: api.visual('color') as string } };
    },
    silent: true,
    animation: false,
    progressive: 300,
    progressiveThreshold: 500,
  };
  return {
    animation: false,
    grid: { left: 64, right: 72, top: 16, bottom: 44 },
    tooltip: { trigger: 'item', formatter: (p: { seriesName: string; value: number[] }) => (p.seriesName === 'runs' ? `run: ${x.name} ${p.value[0].toPrecision(4)}, ${y.name} ${p.value[1].toPrecision(4)}, ${metric} ${p.value[2].toPrecision(4)}` : '') },
    xAxis: axisOf(x),
    yAxis: axisOf(y),
    visualMap: { type: 'continuous', min: low, max: high, dimension: 4, seriesIndex: 0, inRange: { color: goal === 'maximize' ? POOR_TO_GOOD : [...POOR_TO_GOOD].reverse() }, right: 0, top: 'middle', calculable: false, text: [String(Number(high.toPrecision(3))), String(Number(low.toPrecision(3)))], itemHeight: 120 },
    series: [grid, { type: 'scatter', name: 'runs', data: result.runs.map((r) => [r.x, r.y, r.score]), symbolSize: 6, itemStyle: { color: '#ffffff', borderColor: '#222', borderWidth: 1 }, animation: false }],
  };
}
