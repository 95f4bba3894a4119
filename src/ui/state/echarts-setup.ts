/**
 * ECharts, assembled from only what the dashboard draws (line, parallel, bar and scatter charts, their
 * components, the canvas renderer). Imported lazily by `loadECharts`, so the page shell does not
 * wait for it and the bundle holds no unused chart types.
 */
import { init, use } from 'echarts/core';
import { BarChart, CustomChart, LineChart, ParallelChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, ParallelComponent, TooltipComponent, VisualMapComponent, AriaComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, CustomChart, LineChart, ParallelChart, ScatterChart, GridComponent, LegendComponent, ParallelComponent, TooltipComponent, VisualMapComponent, AriaComponent, CanvasRenderer]);

export { init };
