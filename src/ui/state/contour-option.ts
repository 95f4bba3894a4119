/**
 * The contour plot's ECharts option: the surrogate's pairwise marginal of the primary metric as
 * colored cells (poor to good, the parallel plot's colors; one image, contour-image.ts), the runs
 * as points on top. Log axes for log parameters; a choice's categories at integer positions,
 * labelled.
 */
import type { ContourAxis, ContourResult } from '../../core/analysis';
import type { Goal } from '../../core/types';
import { POOR_TO_GOOD } from './chart-options';
import { cellCanvas } from './contour-image';
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
  const stops = goal === 'maximize' ? POOR_TO_GOOD : [...POOR_TO_GOOD].reverse();
  const last = (edges: readonly number[]) => edges[edges.length - 1];
  // The cells as one image (contour-image.ts), made on the first draw: one element, not one per cell.
  let image: HTMLCanvasElement | null = null;
  const grid: CustomSeriesOption = {
    type: 'custom',
    name: 'surrogate',
    encode: { x: [0, 1], y: [2, 3] },
    data: [[x.edges[0], last(x.edges), y.edges[0], last(y.edges)]],
    renderItem: (_params, api) => {
      image ??= cellCanvas(values, low, high, stops);
      const from = api.coord([api.value(0), api.value(2)]);
      const to = api.coord([api.value(1), api.value(3)]);
      return { type: 'image', style: { image, x: from[0], y: to[1], width: to[0] - from[0], height: from[1] - to[1] } };
    },
    silent: true,
    animation: false,
  };
  return {
    animation: false,
    grid: { left: 64, right: 72, top: 16, bottom: 44 },
    tooltip: { trigger: 'item', formatter: (p: { seriesName: string; value: number[] }) => (p.seriesName === 'runs' ? `run: ${x.name} ${p.value[0].toPrecision(4)}, ${y.name} ${p.value[1].toPrecision(4)}, ${metric} ${p.value[2].toPrecision(4)}` : '') },
    xAxis: axisOf(x),
    yAxis: axisOf(y),
    // The color bar only: the cells carry their colors in the image, the runs stay white.
    visualMap: { type: 'continuous', min: low, max: high, seriesIndex: [], inRange: { color: stops }, right: 0, top: 'middle', calculable: false, text: [String(Number(high.toPrecision(3))), String(Number(low.toPrecision(3)))], itemHeight: 120 },
    // Past 300 runs the points are drawn as one path (ECharts' large mode; tooltips still find
    // each run): a symbol element per run took ~18 of a redraw's 24 ms at 1000 runs.
    series: [grid, { type: 'scatter', name: 'runs', data: result.runs.map((r) => [r.x, r.y, r.score]), symbolSize: 6, itemStyle: { color: '#ffffff', borderColor: '#222', borderWidth: 1 }, animation: false, large: true, largeThreshold: 300 }],
  };
}
