/** ECharts option types used by the dashboard (types only: nothing of ECharts is loaded by importing this). */
export type { EChartsCoreOption } from 'echarts/core';
export type { CustomSeriesOption, LineSeriesOption, ParallelSeriesOption } from 'echarts/charts';
