/**
 * A chart's first draw in two steps. The first `setOption` of a chart runs ECharts' code for its
 * components cold (V8 compiles each function on its first call): bench:ui measured 35-100 ms for
 * the first draw of the line chart and of the parallel plot, where later redraws of the same
 * charts take 10-40 ms. Drawing the axes, grids and coordinate systems first, and the data (series,
 * visual map, legend, tooltip) in a later task, splits that cost in two tasks.
 */
import type { EChartsCoreOption } from './echarts-types';

/** The parts of an option that draw data, left out of a chart's first draw. */
const DATA_PARTS = ['series', 'visualMap', 'legend', 'tooltip'] as const;

/** `option` without what draws data: what a chart's first draw applies. */
export function skeletonOf(option: EChartsCoreOption): EChartsCoreOption {
  const rest: Record<string, unknown> = { ...(option as Record<string, unknown>) };
  for (const part of DATA_PARTS) delete rest[part];
  return rest as EChartsCoreOption;
}
