/**
 * ECharts warmed up while the page is idle. The first `setOption` of the first chart runs much of
 * ECharts' code for the first time (V8 compiles each function on its first call): bench:ui measured
 * 70 ms for the line chart's axes alone when the Dashboard mounted at an experiment's start, then
 * 28 ms for the parallel plot's and 50 ms for the contour's first data, where later redraws of
 * the same charts take a few milliseconds. Drawing small charts of the same kinds off screen, one
 * step per idle callback, compiles that code before an experiment starts, in tasks short enough
 * not to be noticed, and the Dashboard's first draws then cost what its later ones do.
 */
import { loadECharts, type ECharts } from './echarts';
import { whenIdle } from './idle';

type Init = Awaited<ReturnType<typeof loadECharts>>['init'];

/** What the steps share: the off-screen element and the chart being drawn on it. */
interface Warm {
  init: Init;
  element: HTMLDivElement;
  chart: ECharts | null;
}

/** A fresh chart on the element (the previous one disposed). */
function fresh(warm: Warm): ECharts {
  warm.chart?.dispose();
  warm.chart = warm.init(warm.element, null, { renderer: 'canvas' });
  return warm.chart;
}

const axes = { animation: false, grid: { left: 40, right: 40, top: 30, bottom: 30 }, xAxis: { type: 'value', name: 'x' }, yAxis: { type: 'value', name: 'y', scale: true } };

/** One small chart of each kind the Dashboard draws, in steps of about one setOption each. */
const STEPS: ((warm: Warm) => void)[] = [
  (warm) => void fresh(warm),
  (warm) => warm.chart!.setOption(axes),
  (warm) => warm.chart!.setOption({ legend: { type: 'scroll', top: 0 }, tooltip: { trigger: 'axis' }, series: [{ type: 'line', name: 'a', data: [[1, 0.2], [2, 0.5], [3, 0.6]], showSymbol: true }, { type: 'line', name: 'b', data: [[1, 0.3], [2, 0.4]] }] }),
  (warm) => fresh(warm).setOption({ animation: false, parallel: { left: 40, right: 60, top: 30, bottom: 20 }, parallelAxis: [{ dim: 0, name: 'a', type: 'log', scale: true }, { dim: 1, name: 'b', type: 'category', data: ['x', 'y'] }, { dim: 2, name: 'c', type: 'value', scale: true }] }),
  (warm) => warm.chart!.setOption({ visualMap: { type: 'continuous', dimension: 2, min: 0, max: 1, calculable: false, inRange: { color: ['#440154', '#fde725'] } }, series: [{ id: 'runs', type: 'parallel', data: [[0.01, 'x', 0.2], [0.1, 'y', 0.9]], smooth: false }] }),
  (warm) => fresh(warm).setOption({ ...axes, yAxis: { type: 'category', data: ['a', 'b'] } }),
  (warm) => warm.chart!.setOption({ series: [{ type: 'bar', data: [0.3, 0.7], label: { show: true, position: 'right' } }] }),
  (warm) => fresh(warm).setOption({ ...axes, xAxis: { type: 'log', min: 0.01, max: 1 } }),
  (warm) => {
    const image = document.createElement('canvas');
    image.width = image.height = 2;
    warm.chart!.setOption({
      tooltip: { trigger: 'item' },
      visualMap: { type: 'continuous', min: 0, max: 1, seriesIndex: [], calculable: false, right: 0, top: 'middle' },
      series: [
        { type: 'custom', data: [[0.01, 1, 0, 1]], encode: { x: [0, 1], y: [2, 3] }, silent: true, renderItem: (_: unknown, api: { coord(p: number[]): number[] }) => ({ type: 'image', style: { image, x: api.coord([0.01, 1])[0], y: api.coord([0.01, 1])[1], width: 10, height: 10 } }) },
        { type: 'scatter', data: [[0.1, 0.5, 1]], symbolSize: 6 },
      ],
    });
  },
];

let warming: Promise<number> | null = null;

/**
 * Loads ECharts and draws the warm-up charts off screen, one step per idle callback (each at the
 * latest after `timeout` ms); later calls share the same promise. Resolves when the last step ran,
 * with the number of steps that threw (0: every kind of chart drew).
 */
export function warmECharts(timeout = 2_000): Promise<number> {
  warming ??= loadECharts().then(({ init }) => new Promise<number>((resolve) => {
    const element = document.createElement('div');
    // Off screen but laid out: ECharts draws nothing into an element without a size.
    element.style.cssText = 'position: fixed; left: -10000px; top: 0; width: 480px; height: 320px;';
    element.setAttribute('aria-hidden', 'true');
    document.body.append(element);
    const warm: Warm = { init, element, chart: null };
    let failed = 0;
    const next = (step: number): void => {
      if (step === STEPS.length) {
        warm.chart?.dispose();
        element.remove();
        resolve(failed);
        return;
      }
      try {
        STEPS[step](warm);
      } catch {
        // A warm-up only: the remaining steps still run, and a chart that fails here fails
        // visibly where it is really drawn.
        failed++;
      }
      whenIdle(() => next(step + 1), timeout);
    };
    whenIdle(() => next(0), timeout);
  }));
  return warming;
}
