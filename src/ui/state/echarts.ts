/** Lazy access to the dashboard's ECharts build (see `echarts-setup.ts`). */
export type ECharts = ReturnType<typeof import('./echarts-setup').init>;

let loading: Promise<typeof import('./echarts-setup')> | null = null;

/** Loads ECharts once; later calls share the same promise. */
export function loadECharts(): Promise<typeof import('./echarts-setup')> {
  loading ??= import('./echarts-setup');
  return loading;
}
