import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadECharts } from '../../src/ui/state/echarts';
import { warmECharts } from '../../src/ui/state/echarts-warm';
import { contourOption } from '../../src/ui/state/contour-option';
import { POOR_TO_GOOD } from '../../src/ui/state/chart-options';
import { colorAt } from '../../src/ui/state/contour-image';

afterEach(() => vi.restoreAllMocks());

describe('ECharts warmed up while the page is idle', () => {
  it('draws every kind of chart off screen without an error or warning, then leaves nothing behind', async () => {
    const before = document.body.children.length;
    const warnings: string[] = [];
    for (const level of ['warn', 'error'] as const) vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void warnings.push(args.map(String).join(' ')));
    const warming = warmECharts(50);
    expect(warmECharts()).toBe(warming);
    await expect(warming).resolves.toBe(0);
    expect(warnings).toEqual([]);
    expect(document.body.children.length).toBe(before);
  });
});

describe('the contour image in a real chart', () => {
  it('paints each cell of a log axis in its visual-map color where the axes put it', async () => {
    const { init } = await loadECharts();
    const element = document.createElement('div');
    element.style.cssText = 'width: 400px; height: 300px;';
    document.body.append(element);
    // 4 x 2 cells over lr in [1e-4, 1] (log) and a choice of two; values rise along x, the top row is the best.
    const edges = [1e-4, 1e-3, 1e-2, 1e-1, 1];
    const values = [[0, 1, 2, 3], [4, 5, 6, 7]];
    const result = { kind: 'ok' as const, x: { name: 'lr', scale: 'log' as const, centers: [], edges }, y: { name: 'units', scale: 'category' as const, centers: [0, 1], edges: [-0.5, 0.5, 1.5], labels: ['16', '32'] }, values, runs: [] };
    const chart = init(element, null, { renderer: 'canvas' });
    chart.setOption(contourOption(result, 'acc', 'maximize'));
    const canvas = element.querySelector('canvas')!;
    const ratio = canvas.width / element.clientWidth;
    const context = canvas.getContext('2d')!;
    for (const [j, row] of values.entries()) {
      for (const [i, value] of row.entries()) {
        // The cell's centre in log space: the geometric mean of its edges.
        const [px, py] = chart.convertToPixel({ gridIndex: 0 }, [Math.sqrt(edges[i] * edges[i + 1]), j]) as number[];
        const pixel = Array.from(context.getImageData(Math.round(px * ratio), Math.round(py * ratio), 1, 1).data.slice(0, 3));
        const expected = colorAt(value, 0, 7, POOR_TO_GOOD);
        pixel.forEach((channel, c) => expect(Math.abs(channel - expected[c]), `cell (${i}, ${j}) channel ${c}`).toBeLessThanOrEqual(2));
      }
    }
    chart.dispose();
    element.remove();
  });
});
